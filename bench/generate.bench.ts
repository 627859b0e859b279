// variants.jsonl for 10,000 students × the 3 problems of the default bank
// (target: well under 10 s on 2 cores), with where the time goes.
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadBank } from '../src/bank/bank.js';
import { numberedStudents } from '../src/bank/roster.js';
import { Solution } from '../src/families/solution.js';
import { streamFor, variantSeed } from '../src/random/stream.js';
import { writeVariants } from '../src/variant/write-variants.js';

const STUDENTS = Number(process.env.STUDENTS ?? 10_000);
const bank = loadBank('problem-banks/default.yaml');
const students = numberedStudents(STUDENTS);
const out = mkdtempSync(join(tmpdir(), 'sigmax-bench-'));

const start = performance.now();
const result = await writeVariants(bank, students, out);
const total = (performance.now() - start) / 1000;
const size = statSync(join(out, 'variants.jsonl')).size;
console.log(
  `generate: ${STUDENTS} students × ${bank.problems.length} problems = ${result.variants.length} variants in ${total.toFixed(2)} s ` +
    `(${Math.round(result.variants.length / total)} variants/s, ${(size / 1e6).toFixed(1)} MB, peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB)`,
);

// Where the time goes, on a sample of 1,000 students, problem by problem.
const sample = students.slice(0, 1000);
for (const problem of bank.problems) {
  const timings = { draw: 0, solve: 0, serialise: 0 };
  for (const student of sample) {
    let t = performance.now();
    const rng = streamFor(variantSeed(bank.seed, bank.id, problem.id, student.id));
    const given = { ...problem.family.draw(rng, problem.params), lr: String(problem.params.lr) };
    problem.family.degenerate(given);
    timings.draw += performance.now() - t;
    t = performance.now();
    const solution = new Solution(problem.family.solve({ ...given, ...fromParams(problem.params) }));
    timings.solve += performance.now() - t;
    t = performance.now();
    JSON.stringify(solution.toJson());
    timings.serialise += performance.now() - t;
  }
  const per = (ms: number) => `${((ms / sample.length) * 1000).toFixed(0)} µs`;
  console.log(
    `  ${problem.id} ${problem.family.name}: draw ${per(timings.draw)}, solve ${per(timings.solve)}, answers to text ${per(timings.serialise)} per variant`,
  );
}

function fromParams(params: Record<string, unknown>) {
  const keys = ['lr', 'epochs', 'mode', 'batch_size'];
  return Object.fromEntries(keys.filter((k) => k in params).map((k) => [k, String(params[k])]));
}
