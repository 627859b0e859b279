// The class report (report.html and report.pdf) of 20,000 students × 53 parts
// (the grading bench's three problems): the item analysis over a million part
// scores, the charts, the HTML and the PDF. The class is made up here, part
// scores straight into the tally as grading stores them: the bench measures the
// report, not the grader. Target: < 10 s and peak RSS < 300 MB.
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { loadBank } from '../src/bank/bank.js';
import type { MisconceptionId } from '../src/families/misconception.js';
import { VERDICTS } from '../src/grade/grade-variant.js';
import { GradeTally } from '../src/grade/report.js';
import { streamFor } from '../src/random/stream.js';
import { writeClassReport } from '../src/report/write-class-report.js';
import { drawVariant } from '../src/variant/draw-variant.js';
import { writeBenchBank } from './bench-bank.js';

const STUDENTS = Number(process.env.STUDENTS ?? 20_000);
const LOCALE = process.env.LOCALE === 'fa' ? 'fa' : 'en';

const benchOut = fileURLToPath(new URL('./out/', import.meta.url));
mkdirSync(benchOut, { recursive: true });
const dir = mkdtempSync(join(benchOut, 'report-'));
const bankFile = writeBenchBank(dir, 'report bench');
const bank = loadBank(bankFile);
const problems = bank.problems.map((problem) => ({
  id: problem.id,
  parts: drawVariant(bank, problem, { id: 's1', name: '' }).solution.partIds,
  points: problem.points,
  misconceptions: (problem.family.misconceptions?.entries ?? []).map((m) => m.id),
}));

const rssImports = Math.round(process.memoryUsage().rss / 2 ** 20);
const tally = madeUpClass();
const rssBefore = Math.round(process.memoryUsage().rss / 2 ** 20);
const parts = problems.reduce((n, p) => n + p.parts.length, 0);
const start = performance.now();
const cpuStart = process.cpuUsage();
const { files, warnings } = await writeClassReport(
  { tally, set: 'bench', variantsFile: 'variants.jsonl', locale: LOCALE, digits: LOCALE === 'fa' ? 'persian' : 'latin' },
  dir,
);
const seconds = (performance.now() - start) / 1000;
const cpu = process.cpuUsage(cpuStart);
const rss = Math.round(process.resourceUsage().maxRSS / 1024);
const sizes = files.map((f) => `${f.split('/').pop()} ${Math.round(statSync(f).size / 1024)} KB`).join(', ');
console.log(
  `report (${LOCALE}): ${STUDENTS} students × ${parts} parts in ${seconds.toFixed(2)} s (CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s), ` +
    `peak RSS ${rss} MB (${rssImports} MB after loading, ${rssBefore} MB with the class made up), load average ${loadavg()[0]!.toFixed(2)}; ${sizes}`,
);
for (const warning of warnings) console.log(`warning: ${warning}`);
const ok = seconds < 10 && rss < 300;
console.log(ok ? 'within target (< 10 s, < 300 MB)' : 'OUTSIDE target (< 10 s, < 300 MB)');
if (!process.env.KEEP_BENCH_FILES) rmSync(dir, { recursive: true, force: true });
process.exitCode = ok ? 0 : 1;

/**
 * A class as grading leaves it: each student an ability, each part a difficulty rising
 * along the problem; after a student's first error, later parts are mostly ecf. One in
 * a hundred students handed in nothing.
 */
function madeUpClass(): GradeTally {
  const rng = streamFor('report-bench');
  const columns = problems.flatMap((p) => p.parts.map((part): [string, string] => [p.id, part]));
  const cells = STUDENTS * columns.length;
  const data = {
    columns,
    rowStarts: new Int32Array(STUDENTS + 1),
    cellColumns: new Int32Array(cells),
    cellShares: new Float64Array(cells),
    cellPoints: new Float64Array(cells),
    cellVerdicts: new Uint8Array(cells),
    submitted: new Uint8Array(STUDENTS),
  };
  const tally = new GradeTally();
  const code = Object.fromEntries(VERDICTS.map((v, i) => [v, i])) as Record<(typeof VERDICTS)[number], number>;
  let k = 0;
  let column = 0;
  for (let s = 0; s < STUDENTS; s++) {
    const absent = rng() < 0.01;
    const ability = rng();
    column = 0;
    for (const p of problems) {
      let broken = false;
      p.parts.forEach((_, at) => {
        const difficulty = 0.15 + (0.5 * at) / p.parts.length;
        const roll = rng();
        let verdict: (typeof VERDICTS)[number];
        if (absent || roll < 0.02) verdict = 'missing';
        else if (roll < 0.03) verdict = 'invalid';
        else if (broken) verdict = roll < 0.7 ? 'ecf' : 'incorrect';
        else if (ability + 0.3 > difficulty + roll * 0.6) verdict = 'correct';
        else {
          verdict = roll < 0.3 && p.misconceptions.length > 0 ? 'misconception' : 'incorrect';
          broken = true;
          if (verdict === 'misconception') {
            const id = p.misconceptions[Math.floor(rng() * p.misconceptions.length)] as MisconceptionId;
            let byId = tally.misconceptions.get(p.id);
            if (!byId) tally.misconceptions.set(p.id, (byId = new Map()));
            const entry = byId.get(id) ?? { count: 0, parts: new Map() };
            entry.count++;
            byId.set(id, entry);
          }
        }
        data.cellColumns[k] = column++;
        data.cellShares[k] = verdict === 'correct' || verdict === 'ecf' ? 1 : 0;
        data.cellPoints[k] = p.points / p.parts.length;
        data.cellVerdicts[k] = code[verdict];
        k++;
      });
    }
    data.submitted[s] = absent ? 0 : 1;
    data.rowStarts[s + 1] = k;
  }
  tally.partScores.merge(data);
  return tally;
}
