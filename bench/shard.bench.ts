// Sharded generate on one machine: the bench class (3 problems, 53 parts) with
// PDFs, once unsharded, then as n shard processes at once (`--shard i/n`, each
// with its default threads) and `sigmax merge`; the speed-up, and the peak RSS
// of each process. The merged folder is checked against the unsharded one.
// Then grading the same way: a wide submissions file of the class (one answer
// in ten off by half, one student in ten handing in nothing), graded unsharded
// and as n shard processes merged.
//   STUDENTS=20000  (default 2000: 20,000 with PDFs takes ~20 min per run here)
//   SHARDS=2,4      (shard counts to run, default 2)
//   FORMAT=json     (generate's formats, default pdf,json; json alone times drawing only)
// Runs the compiled CLI (dist/), building it first when src/ is newer.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeBenchBank } from './bench-bank.js';
import { CLI, ROOT, buildIfStale } from './compiled-cli.js';

const STUDENTS = Number(process.env.STUDENTS ?? 2000);
const SHARDS = (process.env.SHARDS ?? '2').split(',').map(Number);
const FORMAT = process.env.FORMAT ?? 'pdf,json';
// GNU time gives each process's peak RSS (threads included).
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

interface Measured {
  wall: number;
  /** Peak resident set (MB), when /usr/bin/time is there. */
  rss: number | null;
}

/** Runs `sigmax ...args` in a process of its own; its wall time and peak RSS. */
function sigmax(args: readonly string[], timeFile: string): Promise<Measured> {
  const command = [process.execPath, CLI, ...args];
  const start = performance.now();
  const child = TIME ? spawn(TIME, ['-f', '%M', '-o', timeFile, ...command], { cwd: ROOT }) : spawn(command[0]!, command.slice(1), { cwd: ROOT });
  let stderr = '';
  child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
  child.stdout.resume();
  return new Promise((resolve, reject) => {
    child.on('close', (status) => {
      if (status !== 0) return reject(new Error(`sigmax ${args.join(' ')} exited ${status}: ${stderr}`));
      const rss = TIME ? Number(readFileSync(timeFile, 'utf8').trim().split('\n').pop()) / 1024 : null;
      resolve({ wall: (performance.now() - start) / 1000, rss });
    });
  });
}

const mb = (m: Measured) => (m.rss === null ? 'n/a' : `${Math.round(m.rss)} MB`);

/** Every file under a folder, relative. */
function filesUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

const digest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** The merged folder holds the unsharded files: all compared for small classes, a sample of the documents for large ones. */
function sameAs(merged: string, single: string): boolean {
  const files = filesUnder(single);
  if (filesUnder(merged).join('\n') !== files.join('\n')) return false;
  const step = Math.max(1, Math.floor(files.length / 400));
  return files.every((file, at) => (at % step !== 0 && /^(problems|keys)\//.test(file)) || digest(join(merged, file)) === digest(join(single, file)));
}

buildIfStale();
/** generate's unsharded wall time, measured before its shards. */
let unshardedWall = 0;
const dir = mkdtempSync(join(tmpdir(), 'sigmax-shard-bench-'));
const bank = writeBenchBank(dir, 'Shard bench');
const generate = (out: string) => ['generate', '--bank', bank, '--count', String(STUDENTS), '--format', FORMAT, '--out', out];
console.log(
  `shard bench: ${STUDENTS} students × 3 problems, --format ${FORMAT}; Node ${process.version}, ${availableParallelism()} cores; ` +
    `load average at start ${loadavg()[0]!.toFixed(2)} (other work on the machine slows the wall times)`,
);
try {
  const single = join(dir, 'single');
  const alone = await sigmax(generate(single), join(dir, 'time-single'));
  unshardedWall = alone.wall;
  console.log(`  generate: | shards | students | shards' wall | merge | total | speed-up | peak RSS per shard | merge RSS |`);
  console.log('  |---:|---:|---:|---:|---:|---:|---|---:|');
  console.log(`  | 1 (unsharded) | ${STUDENTS} | ${alone.wall.toFixed(1)} s | — | ${alone.wall.toFixed(1)} s | 1.00 | ${mb(alone)} | — |`);
  await shardedRuns('generate', generate, single);
  const submissions = writeSubmissions(join(single, 'variants.jsonl'), join(dir, 'answers.csv'));
  const grade = (out: string) => ['grade', '--variants', join(single, 'variants.jsonl'), '--submissions', submissions, '--out', out];
  await shardedRuns('grade', grade, null);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Runs `command` unsharded (unless `done` holds that run's folder), then as n shard processes at
 * once and merged, for each n of SHARDS; prints a table row each and checks the merged folder.
 */
async function shardedRuns(command: string, args: (out: string) => string[], done: string | null): Promise<void> {
  const single = done ?? join(dir, `single-${command}`);
  const alone = done ? null : await sigmax(args(single), join(dir, `time-single-${command}`));
  if (alone) {
    console.log(`  ${command}: | shards | students | shards' wall | merge | total | speed-up | peak RSS per shard | merge RSS |`);
    console.log('  |---:|---:|---:|---:|---:|---:|---|---:|');
    console.log(`  | 1 (unsharded) | ${STUDENTS} | ${alone.wall.toFixed(1)} s | — | ${alone.wall.toFixed(1)} s | 1.00 | ${mb(alone)} | — |`);
  }
  const aloneWall = alone?.wall ?? unshardedWall;
  for (const n of SHARDS) {
    const shards = join(dir, `shards-${command}-${n}`);
    const start = performance.now();
    const runs = await Promise.all(
      Array.from({ length: n }, (_, k) => sigmax([...args(shards), '--shard', `${k + 1}/${n}`], join(dir, `time-${command}-${n}-${k}`))),
    );
    const shardsWall = (performance.now() - start) / 1000;
    const merged = join(dir, `merged-${command}-${n}`);
    const merge = await sigmax(['merge', '--out', merged, shards], join(dir, `time-merge-${command}-${n}`));
    const total = shardsWall + merge.wall;
    const same = sameAs(merged, single) ? '' : '  MERGED FILES DIFFER FROM THE UNSHARDED RUN';
    console.log(
      `  | ${n} | ${STUDENTS} | ${shardsWall.toFixed(1)} s | ${merge.wall.toFixed(1)} s | ${total.toFixed(1)} s | ${(aloneWall / total).toFixed(2)} | ` +
        `${runs.map(mb).join(', ')} | ${mb(merge)} |${same}`,
    );
    rmSync(shards, { recursive: true, force: true });
    rmSync(merged, { recursive: true, force: true });
  }
}

/** A wide submissions file for the class: every key to 6 figures, one answer in ten off by half, one student in ten absent. */
function writeSubmissions(variantsFile: string, file: string): string {
  const rows = new Map<string, Map<string, string>>();
  const columns = new Set<string>();
  let part = 0;
  for (const line of readFileSync(variantsFile, 'utf8').split('\n')) {
    if (line === '') continue;
    const record = JSON.parse(line) as { student: string; problem: string; answers: unknown };
    let row = rows.get(record.student);
    if (!row) rows.set(record.student, (row = new Map()));
    for (const [id, key] of flatAnswers(record.answers, '')) {
      const column = `${record.problem}.${id}`;
      columns.add(column);
      const typed = Number(key) * (part++ % 10 === 3 ? 1.5 : 1);
      row.set(column, typed.toPrecision(6));
    }
  }
  const header = ['student', ...columns];
  const lines = [header.join(',')];
  [...rows].forEach(([student, row], at) => {
    if (at % 10 !== 7) lines.push([student, ...[...columns].map((column) => row.get(column) ?? '')].join(','));
  });
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** An answers object's parts in sheet order: `[dw[1], "0.12"]`. */
function flatAnswers(answers: unknown, path: string): [string, string][] {
  if (typeof answers === 'string') return [[path, answers]];
  if (Array.isArray(answers)) return answers.flatMap((sub, i) => flatAnswers(sub, `${path}[${i + 1}]`));
  return Object.entries(answers as object).flatMap(([key, sub]) => flatAnswers(sub, path ? `${path}.${key}` : key));
}
