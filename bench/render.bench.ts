// Rendering sheets and keys, as `sigmax generate` does it (separate processes,
// start-up included), against the figures of issue 3:
//   1. 50 students × one sigmoid-bce-step problem, sheet and key each: target
//      under ~1.1 s of wall time (R/exams, LaTeX, needs 22.5 s for this work);
//   2. the default bank for 200 students on 2 threads: target ≥ 20 students/s;
//   3. the floor: the same pages with every formula written as plain text.
// Runs the compiled CLI (dist/), building it first when src/ is newer.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CLI, ROOT, buildIfStale } from './compiled-cli.js';

const RUNS = Number(process.env.RUNS ?? 3);

// CPU seconds (user + system, all threads) of each run, when /usr/bin/time is there: on a
// shared machine wall time depends on what else runs, CPU time much less.
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

interface Timing {
  best: number;
  median: number;
  cpu: number | null;
}

/** Best and median wall time (s) of `sigmax generate ...`, each run into a fresh folder; CPU time of the best run. */
function time(args: string[]): Timing {
  const runs: { wall: number; cpu: number | null }[] = [];
  for (let i = 0; i < RUNS; i++) {
    const out = mkdtempSync(join(tmpdir(), 'sigmax-render-bench-'));
    const command = [process.execPath, CLI, 'generate', ...args, '--out', out];
    const start = performance.now();
    const run = TIME
      ? spawnSync(TIME, ['-f', 'CPU %U %S', ...command], { cwd: ROOT, encoding: 'utf8' })
      : spawnSync(command[0]!, command.slice(1), { cwd: ROOT, encoding: 'utf8' });
    const wall = (performance.now() - start) / 1000;
    rmSync(out, { recursive: true, force: true });
    if (run.status !== 0) throw new Error(`sigmax generate ${args.join(' ')}: ${run.stderr}`);
    const cpu = /CPU ([\d.]+) ([\d.]+)/.exec(run.stderr);
    runs.push({ wall, cpu: cpu ? Number(cpu[1]) + Number(cpu[2]) : null });
  }
  runs.sort((a, b) => a.wall - b.wall);
  return { best: runs[0]!.wall, median: runs[Math.floor(runs.length / 2)]!.wall, cpu: runs[0]!.cpu };
}

const seconds = (t: Timing) =>
  `${t.best.toFixed(2)} s (median ${t.median.toFixed(2)} s${t.cpu === null ? '' : `, CPU ${t.cpu.toFixed(2)} s`})`;

buildIfStale();
const dir = mkdtempSync(join(tmpdir(), 'sigmax-render-bench-bank-'));
const stepBank = join(dir, 'step.yaml');
writeFileSync(
  stepBank,
  'id: bench-step\ntitle: One step of a sigmoid neuron\nseed: bench\nproblems:\n  - id: q1\n    family: sigmoid-bce-step\n    params: { features: 2, lr: 0.1 }\n',
);
console.log(
  `render bench: Node ${process.version}, ${availableParallelism()} cores, best of ${RUNS} runs; ` +
    `load average at start ${loadavg()[0]!.toFixed(2)} (other work on the machine slows the wall times)`,
);

const step = ['--bank', stepBank, '--count', '50'];
const stepJson = time([...step, '--format', 'json']);
const stepPdf = time([...step, '--format', 'pdf']);
const stepFloor = time([...step, '--format', 'pdf', '--math', 'plain']);
console.log('\n1. 50 students × sigmoid-bce-step, problem sheet + worked key each (100 PDFs), CLI wall time incl. start-up');
console.log(`   typeset:            ${seconds(stepPdf)}   target < 1.1 s; R/exams 22.5 s → ${(22.5 / stepPdf.best).toFixed(0)}× faster`);
console.log(`   plain-text floor:   ${seconds(stepFloor)}   (math ${(stepPdf.best - stepFloor.best).toFixed(2)} s above the floor)`);
console.log(`   variants only:      ${seconds(stepJson)}   (start-up + drawing, no documents)`);

const full = ['--count', '200', '--workers', '2'];
const fullPdf = time([...full, '--format', 'pdf']);
const fullFloor = time([...full, '--format', 'pdf', '--math', 'plain']);
const rate = (t: { best: number }) => (200 / t.best).toFixed(1);
console.log('\n2. default bank (3 problems) × 200 students on 2 threads: 401 PDFs (sheets, keys, class key)');
console.log(`   typeset:            ${seconds(fullPdf)} = ${rate(fullPdf)} students/s   target ≥ 20 students/s`);
console.log(`   plain-text floor:   ${seconds(fullFloor)} = ${rate(fullFloor)} students/s`);
rmSync(dir, { recursive: true, force: true });
