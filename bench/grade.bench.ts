// Grading 1,000,000+ long-layout rows: 20,000 students × 53 parts (a softmax step,
// a batch run and a sigmoid step), with a mix of answers: per part 1 % no row, 2 %
// blank, 1 % text, 2 % another number, 2 % a catalogued misconception, the rest
// right to 5 figures; and one student in 20 misreads a given and carries the slip
// through every later part (ecf). Targets: ≥ 200,000 rows/s, peak RSS < 300 MB.
// The inputs are made first; grading then runs in a process of its own, so its
// peak memory is its own. STUDENTS=5000 sets the class size; WORKERS=1,2,1,2
// grades the same inputs once per entry, with that many threads (default: grade's).
// Each entry is graded once per key check (KEY_CHECK=off,screen,full by default:
// --trust-keys, the default check, every record re-solved in Decimal), and the
// check's cost is printed beside the run without it.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { loadBank } from '../src/bank/bank.js';
import { numberedStudents } from '../src/bank/roster.js';
import { D, answerText } from '../src/engine/decimal.js';
import { Solution } from '../src/families/solution.js';
import type { Given, GivenValue } from '../src/families/types.js';
import type { KeyCheckMode } from '../src/grade/check-keys.js';
import { gradeClass } from '../src/grade/grade-class.js';
import { streamFor } from '../src/random/stream.js';
import type { VariantRecord } from '../src/variant/record.js';
import { writeVariants } from '../src/variant/write-variants.js';
import { writeBenchBank } from './bench-bank.js';

const STUDENTS = Number(process.env.STUDENTS ?? 20_000);
/** Threads per grading run, one run each ('' for grade's default). */
const WORKERS = (process.env.WORKERS ?? '').split(',');
/** The key checks each entry of WORKERS is graded with. */
const KEY_CHECKS = (process.env.KEY_CHECK ?? 'off,screen,full').split(',') as KeyCheckMode[];
/** The line a grading child prints its figures on, for the parent's comparison. */
const FIGURES = 'figures: ';

interface Figures {
  workers: string;
  keyCheck: KeyCheckMode;
  seconds: number;
  cpuSeconds: number;
  rss: number;
  screened: number;
  resolved: number;
}

if (process.env.SIGMAX_GRADE_BENCH_DIR) await gradeOnly(process.env.SIGMAX_GRADE_BENCH_DIR, process.env.SIGMAX_GRADE_BENCH_OUT!);
else await prepareAndRun();

/** The child: grade the prepared files and report rows/s and peak memory. */
async function gradeOnly(dir: string, out: string) {
  const workers = process.env.WORKERS ? Number(process.env.WORKERS) : undefined;
  const keyCheck = (process.env.KEY_CHECK ?? 'screen') as KeyCheckMode;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const summary = await gradeClass({
    variants: join(dir, 'variants.jsonl'),
    submissions: join(dir, 'submissions.csv'),
    out,
    ...(workers !== undefined && { workers }),
    keyCheck,
  });
  const seconds = (performance.now() - start) / 1000;
  const rss = Math.round(process.resourceUsage().maxRSS / 1024);
  // Every thread's CPU time (workers included): on a shared machine wall time alone misleads.
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const checked = summary.keysChecked;
  const keys = checked
    ? `key check ${keyCheck} (${checked.screened} records on the float screen, ${checked.resolved} re-solved in Decimal)`
    : 'no key check (--trust-keys)';
  console.log(
    `grade, ${keys}: ${summary.rowsRead} rows (${summary.rowsGraded} graded, ${summary.rowsRejected} rejected), ` +
      `${summary.students} students, ${summary.feedbackFiles} feedback files, ${workers ?? 'default'} thread(s), in ${seconds.toFixed(2)} s: ` +
      `${Math.round(summary.rowsRead / seconds)} rows/s, CPU ${cpuSeconds.toFixed(2)} s ` +
      `(${(cpuSeconds * 1e6 / summary.rowsRead).toFixed(1)} µs/row), peak RSS ${rss} MB, load average ${loadavg()[0]!.toFixed(2)}`,
  );
  const ok = summary.rowsRead / seconds >= 200_000 && rss < 300;
  console.log(ok ? 'within target (≥ 200,000 rows/s, < 300 MB)' : 'OUTSIDE target (≥ 200,000 rows/s, < 300 MB)');
  const figures: Figures = {
    workers: process.env.WORKERS ?? '',
    keyCheck,
    seconds,
    cpuSeconds,
    rss,
    screened: checked?.screened ?? 0,
    resolved: checked?.resolved ?? 0,
  };
  console.log(`${FIGURES}${JSON.stringify(figures)}`);
}

async function prepareAndRun() {
  // Inside bench/out (ignored by git) rather than the system temp folder: on this
  // machine creating files in /tmp costs ~250 µs each, in the work tree ~15 µs,
  // and 20,000 feedback files would measure the folder more than the grader.
  const benchOut = fileURLToPath(new URL('./out/', import.meta.url));
  mkdirSync(benchOut, { recursive: true });
  const dir = mkdtempSync(join(benchOut, 'grade-'));
  const bankFile = writeBenchBank(dir, 'grading bench');
  let t = performance.now();
  const bank = loadBank(bankFile);
  const { variants } = await writeVariants(bank, numberedStudents(STUDENTS), dir);
  const generated = (performance.now() - t) / 1000;
  t = performance.now();
  const rows = writeSubmissions(join(dir, 'submissions.csv'), variants, bank);
  console.log(
    `inputs: ${variants.length} variants (${generated.toFixed(1)} s), ${rows} submission rows ` +
      `(${((performance.now() - t) / 1000).toFixed(1)} s) in ${dir}`,
  );
  let failed = 0;
  const runs: Figures[] = [];
  WORKERS.forEach((workers, k) => {
    for (const keyCheck of KEY_CHECKS) {
      const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
        env: { ...process.env, SIGMAX_GRADE_BENCH_DIR: dir, SIGMAX_GRADE_BENCH_OUT: join(dir, `out-${k}-${keyCheck}`), WORKERS: workers, KEY_CHECK: keyCheck },
        stdio: ['inherit', 'pipe', 'inherit'],
        encoding: 'utf8',
      });
      for (const line of child.stdout.split('\n')) {
        if (line.startsWith(FIGURES)) runs.push(JSON.parse(line.slice(FIGURES.length)) as Figures);
        else if (line !== '') console.log(line);
      }
      if (child.status !== 0) failed++;
    }
  });
  printKeyCheckCost(runs);
  if (!process.env.KEEP_BENCH_FILES) rmSync(dir, { recursive: true, force: true });
  process.exitCode = failed > 0 ? 1 : 0;
}

/** What the key check costs: each checked run beside the run without it, with the same threads. */
function printKeyCheckCost(runs: readonly Figures[]) {
  for (const run of runs) {
    const without = runs.find((other) => other.workers === run.workers && other.keyCheck === 'off');
    if (run.keyCheck === 'off' || !without) continue;
    const percent = (a: number, b: number) => `${a >= b ? '+' : ''}${(((a - b) / b) * 100).toFixed(0)} %`;
    console.log(
      `key check ${run.keyCheck}, ${run.workers || 'default'} thread(s): ${run.seconds.toFixed(2)} s against ${without.seconds.toFixed(2)} s without ` +
        `(${percent(run.seconds, without.seconds)} wall), CPU ${run.cpuSeconds.toFixed(2)} s against ${without.cpuSeconds.toFixed(2)} s ` +
        `(${percent(run.cpuSeconds, without.cpuSeconds)}), peak RSS ${run.rss} MB against ${without.rss} MB; ` +
        `${run.resolved} of ${run.screened + run.resolved} records re-solved in Decimal`,
    );
  }
}

/** The submissions of the whole class, long layout, written as it is made (never held whole). */
function writeSubmissions(file: string, variants: readonly VariantRecord[], bank: ReturnType<typeof loadBank>): number {
  const fd = openSync(file, 'w');
  writeSync(fd, 'student,problem,part,answer\n');
  const rng = streamFor('bench-answers');
  let rows = 0;
  let chunk = '';
  for (const record of variants) {
    const family = bank.problems.find((p) => p.id === record.problem)!.family;
    const key = new Solution(family.solve(record.given));
    // One student in twenty slips early (a given misread) and carries it through: ecf downstream.
    const slipped = rng() < 0.05 ? new Solution(family.solve(misread(record.given))) : null;
    const catalogue = family.misconceptions?.entries ?? [];
    for (const part of key.partIds) {
      const roll = rng();
      let answer: string;
      if (roll < 0.01) continue; // no row at all
      else if (roll < 0.03) answer = '';
      else if (roll < 0.04) answer = 'no idea';
      else if (roll < 0.06) answer = key.value(part).times('1.37').toSignificantDigits(4).toString();
      else if (roll < 0.08 && catalogue.length > 0) {
        const entry = catalogue[Math.floor(rng() * catalogue.length)]!;
        const wrong = entry.answer(part, record.given, (id) => key.value(id));
        answer = (wrong && wrong.isFinite() ? wrong : key.value(part)).toSignificantDigits(5).toString();
      } else answer = (slipped ?? key).value(part).toSignificantDigits(5).toString();
      chunk += `${record.student},${record.problem},${part},${answer}\n`;
      rows++;
    }
    if (chunk.length > 1 << 20) {
      writeSync(fd, chunk);
      chunk = '';
    }
  }
  writeSync(fd, chunk);
  closeSync(fd);
  return rows;
}

/** The givens with the first number misread by 0.1. */
function misread(given: Given): Given {
  let done = false;
  const bump = (value: GivenValue): GivenValue => {
    if (done) return value;
    if (typeof value !== 'string') return value.map(bump);
    done = true;
    return answerText(new D(value).plus('0.1'));
  };
  const [first, ...rest] = Object.entries(given);
  return Object.fromEntries([[first![0], bump(first![1])], ...rest]);
}
