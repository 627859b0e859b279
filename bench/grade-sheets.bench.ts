// Grading a zip of 500 filled two-page sheets (week 1: three sigmoid steps,
// 32 parts), as Moodle's "Download all submissions" makes it: one folder per
// student. Each sheet is generated, filled with pdf-lib (appearances drawn,
// as a reader saves them; one answer in ten wrong) and zipped first; grading
// then runs in a process of its own, so its time and peak memory are its own.
// Target: ≥ 100 sheets/s on 2 cores.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { PDFDocument } from '@cantoo/pdf-lib';
import { zipSync } from 'fflate';
import { loadBank } from '../src/bank/bank.js';
import { numberedStudents } from '../src/bank/roster.js';
import { D } from '../src/engine/decimal.js';
import { answerAt, partIdsOf } from '../src/families/solution.js';
import { gradeClass } from '../src/grade/grade-class.js';
import { createRenderer } from '../src/render/render-pool.js';
import type { RenderJob } from '../src/render/render-job.js';
import { DEFAULT_DOCUMENT_DATE, byStudent } from '../src/render/render-set.js';
import { setInfoOf } from '../src/render/sheet-context.js';
import { templateFolders } from '../src/render/template-folders.js';
import { wideColumn } from '../src/variant/answer-sheet.js';
import { writeVariants } from '../src/variant/write-variants.js';

const SHEETS = Number(process.env.SHEETS ?? 500);
const BANK = fileURLToPath(new URL('../problem-banks/week1-sigmoid-bce.yaml', import.meta.url));

if (process.env.SIGMAX_SHEETS_BENCH_DIR) await gradeOnly(process.env.SIGMAX_SHEETS_BENCH_DIR);
else await prepareAndRun();

/** The child: grade the zip and report sheets/s and peak memory. */
async function gradeOnly(dir: string) {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const summary = await gradeClass({ variants: join(dir, 'variants.jsonl'), submissions: join(dir, 'submissions.zip'), out: join(dir, 'out') });
  const seconds = (performance.now() - start) / 1000;
  const rss = Math.round(process.resourceUsage().maxRSS / 1024);
  const cpu = process.cpuUsage(cpuStart);
  const rate = summary.rowsGraded / seconds;
  console.log(
    `grade: ${summary.rowsRead} files (${summary.rowsGraded} sheets graded, ${summary.rowsRejected} rejected), ` +
      `${summary.students} students in ${seconds.toFixed(2)} s: ${Math.round(rate)} sheets/s, ` +
      `CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s, peak RSS ${rss} MB, load average ${loadavg()[0]!.toFixed(2)}`,
  );
  console.log(rate >= 100 ? 'within target (≥ 100 sheets/s)' : 'OUTSIDE target (≥ 100 sheets/s)');
}

async function prepareAndRun() {
  const benchOut = fileURLToPath(new URL('./out/', import.meta.url));
  mkdirSync(benchOut, { recursive: true });
  const dir = mkdtempSync(join(benchOut, 'sheets-'));
  let t = performance.now();
  const bank = loadBank(BANK);
  const { variants } = await writeVariants(bank, numberedStudents(SHEETS), dir);
  const set = setInfoOf(bank);
  const students = byStudent(variants);
  const jobs: RenderJob[] = students.map(({ student, records }) => ({
    kind: 'sheet',
    set,
    students: [{ student, records }],
    formats: ['pdf'],
    outBase: join(dir, 'sheets', student.id),
    templateFolders: templateFolders(set.locale, undefined),
    math: 'typeset',
    date: DEFAULT_DOCUMENT_DATE.toISOString(),
    fields: true,
  }));
  mkdirSync(join(dir, 'sheets'));
  const renderer = createRenderer(2);
  const rendered = await renderer.renderAll(jobs, () => {});
  await renderer.close();
  const pages = new Set(rendered.map((r) => r.pages));
  console.log(`sheets: ${jobs.length} generated (${[...pages].join(', ')} pages each) in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  t = performance.now();
  const files: Record<string, Uint8Array> = {};
  let part = 0;
  for (const [i, { student, records }] of students.entries()) {
    const doc = await PDFDocument.load(readFileSync(join(dir, 'sheets', `${student.id}.pdf`)), { updateMetadata: false });
    const form = doc.getForm();
    for (const record of records) {
      for (const id of partIdsOf(record.answers)) {
        const key = new D(answerAt(record.answers, id)!);
        // One answer in ten off by half; the rest to six figures.
        const typed = part++ % 10 === 3 ? key.times(1.5) : key;
        form.getTextField(wideColumn(record.problem, id)).setText(typed.toSignificantDigits(6).toString());
      }
    }
    files[`Student ${i + 1}_${1000 + i}_assignsubmission_file_/sheet.pdf`] = await doc.save();
  }
  const zip = zipSync(Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, [bytes, { mtime: DEFAULT_DOCUMENT_DATE }]])));
  writeFileSync(join(dir, 'submissions.zip'), zip);
  console.log(`filled and zipped in ${((performance.now() - t) / 1000).toFixed(1)} s: ${(zip.length / 1024 ** 2).toFixed(1)} MB zip in ${dir}`);

  const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
    env: { ...process.env, SIGMAX_SHEETS_BENCH_DIR: dir },
    stdio: 'inherit',
  });
  if (!process.env.KEEP_BENCH_FILES) rmSync(dir, { recursive: true, force: true });
  process.exitCode = child.status ?? 1;
}
