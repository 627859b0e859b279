// grade's shards put together: details.csv, grades.csv and rejected.csv
// joined chunk by chunk in the single run's order, every feedback file put in
// place, and the class report made again from the students' counts, added up
// in the order a single run finishes them. Nothing is graded again.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Digits, Locale } from '../bank/bank.js';
import { InputError } from '../bank/errors.js';
import { unsafeFileName } from '../bank/roster.js';
import { messagesFor } from '../grade/messages/index.js';
import { GRADE_PLACES, GradeOutputs, feedbackRefusal, gradeFiles } from '../grade/output-folder.js';
import { readingNotes } from '../grade/reading-notes.js';
import { type StudentScores, gradebookFiles, scoresOfCells } from '../grade/gradebook.js';
import { studentCell } from '../grade/csv-line.js';
import { type SubmissionLayout, layoutName } from '../grade/read-submissions.js';
import { parse } from 'csv-parse/sync';
import { GradeTally, reportMarkdown } from '../grade/report.js';
import { OutputManifest } from '../io/output-manifest.js';
import { writeClassReport } from '../report/write-class-report.js';
import type { SiteFields } from '../text/front-matter.js';
import { CHUNKED, FEEDBACK_HASHES, GRADE_STUDENTS, type GradeRun, type GradedStudent, csvOf, indexOf } from './grade-shard.js';
import { gunzipJsonLines } from './gzip-lines.js';
import { type Piece, joinPieces, readChunkIndex } from './keyed-pieces.js';
import { placeFile } from './place-file.js';
import type { MergeOutcome, PreparedMerge } from './prepared-merge.js';
import { type FoundShard, checkedPiece, hashFile } from './shard-manifest.js';
import { tallyFromJson } from './tally-json.js';

/** A shard's own counts, as gradeShard records them. */
interface GradeOwn {
  students: number;
  rowsGraded: number;
  rowsRejected: number;
  rowsElsewhere: number;
  ignoredCells: number;
}

/** A shard's students piece, checked. */
interface ShardStudents {
  shard: FoundShard;
  file: string;
}

/** Checks grade's shards (pieces, counts, feedback files) and --out; nothing is written until write(). */
export async function prepareGradeMerge(shards: readonly FoundShard[], out: string, force: boolean): Promise<PreparedMerge> {
  const run = shards[0]!.manifest.run as unknown as GradeRun;
  const pieces = new Map(CHUNKED.map((file) => [file, [] as Piece[]]));
  const studentPieces: ShardStudents[] = [];
  const seen = new Map<string, FoundShard>();
  let [graded, rejected, ignoredCells] = [0, 0, 0];
  for (const shard of shards) {
    const own = shard.manifest.own as unknown as GradeOwn;
    if (own.rowsGraded + own.rowsRejected + own.rowsElsewhere !== run.read.rowsRead) {
      throw InputError.at({ file: shard.folder }, `${shard.label}: ${own.rowsGraded} graded + ${own.rowsRejected} rejected + ${own.rowsElsewhere} left to others ≠ ${run.read.rowsRead} rows read`);
    }
    [graded, rejected, ignoredCells] = [graded + own.rowsGraded, rejected + own.rowsRejected, ignoredCells + own.ignoredCells];
    for (const file of CHUNKED) {
      const path = checkedPiece(shard, csvOf(file));
      const chunks = readChunkIndex(join(shard.folder, indexOf(file)), readFileSync(checkedPiece(shard, indexOf(file)), 'utf8'));
      pieces.get(file)!.push({ path, chunks, label: shard.label });
    }
    const file = checkedPiece(shard, GRADE_STUDENTS);
    const feedback = checkedFeedback(shard);
    let students = 0;
    for await (const { line, student } of readStudents(file)) {
      students++;
      const earlier = seen.get(student.id);
      if (earlier) throw InputError.at({ file, line }, `${shard.label} and ${earlier.label} both graded ${student.id}`);
      seen.set(student.id, shard);
      if (feedback.has(student.id) !== (feedbackRefusal(student.id) === null)) {
        throw InputError.at({ file, line }, `${shard.label}: the feedback file of ${student.id} is ${feedback.has(student.id) ? 'not one grade writes' : 'missing from its hashes'}`);
      }
    }
    if (students !== own.students) throw InputError.at({ file }, `${shard.label}: lists ${students} student(s), its manifest ${own.students}`);
    studentPieces.push({ shard, file });
  }
  // Rows read = graded + rejected, in the whole class as in one run.
  if (graded + rejected !== run.read.rowsRead) {
    throw InputError.at({ file: shards[0]!.folder }, `the shards graded ${graded} and rejected ${rejected} of ${run.read.rowsRead} rows read: some rows were taken twice or by none`);
  }
  if (seen.size !== run.read.students) {
    throw InputError.at({ file: shards[0]!.folder }, `the shards graded ${seen.size} of the ${run.read.students} students of ${run.variants.file}`);
  }
  // The gradebooks take the students' LMS identity from the variants file: it must be the one graded.
  if (run.settings.gradebooks.length > 0) {
    let now: string;
    try {
      now = hashFile(run.variants.file).sha256;
    } catch (error) {
      throw InputError.unreadable(run.variants.file, error);
    }
    if (now !== run.variants.sha256) {
      throw InputError.at({ file: run.variants.file }, 'changed since the shards graded it: the gradebooks (--gradebook) are made from it at the merge');
    }
  }
  const manifest = new OutputManifest(out, GRADE_PLACES);
  const written = gradeFiles(seen.keys(), run.settings.gradebooks);
  const left = manifest.check(written, force);
  const counts = { graded, rejected, ignoredCells, students: seen.size };
  return { write: () => writeGradeMerge({ run, pieces, studentPieces, counts, manifest, written, left, out }) };
}

async function writeGradeMerge(merge: {
  run: GradeRun;
  pieces: ReadonlyMap<(typeof CHUNKED)[number], Piece[]>;
  studentPieces: readonly ShardStudents[];
  counts: { graded: number; rejected: number; ignoredCells: number; students: number };
  manifest: OutputManifest;
  written: ReadonlySet<string>;
  left: string[];
  out: string;
}): Promise<MergeOutcome> {
  const { run, pieces, studentPieces, counts, manifest, written, left, out } = merge;
  const { read } = run;
  const outputs = new GradeOutputs(out, manifest, written);
  try {
    joinPieces(pieces.get('details')!, (bytes) => outputs.details.writeBytes(bytes));
    joinPieces(pieces.get('rejected')!, (bytes) => outputs.rejected.writeBytes(bytes));
    const grades: Buffer[] = [];
    joinPieces(pieces.get('grades')!, (bytes) => grades.push(bytes));
    let feedbackFiles = 0;
    const tally = new GradeTally();
    const passNotes: string[] = [];
    for await (const { shard, student } of inFinishingOrder(studentPieces)) {
      tally.merge(tallyFromJson(student.tally));
      passNotes.push(...student.notes);
      if (feedbackRefusal(student.id) !== null) continue;
      placeFile(join(shard.folder, 'feedback', `${student.id}.md`), join(outputs.feedbackFolder, `${student.id}.md`));
      feedbackFiles++;
    }
    outputs.countFeedback(feedbackFiles);
    const notes = [
      ...readingNotes({
        catalogue: read.catalogue,
        keysUnchecked: read.keysUnchecked,
        left: left.map((file) => join(out, file)),
        locale: read.localeNote,
        reader: read.reader,
        ignoredColumns: read.ignoredColumns,
        ignoredCells: counts.ignoredCells,
      }),
      ...passNotes,
    ];
    const locale = read.locale as Locale;
    const header = {
      set: read.set,
      variantsFile: run.variants.file,
      submissionsFile: run.submissions.file,
      layout: read.layout as SubmissionLayout,
      rowsRead: read.rowsRead,
      rowsGraded: counts.graded,
      rowsRejected: counts.rejected,
      students: read.students,
      notes,
      missingAsZero: run.settings.missingAsZero,
      site: (read.site ?? undefined) as SiteFields | undefined,
    };
    const gradesText = Buffer.concat(grades).toString('utf8');
    const gradebooks = await gradebookFiles(run.settings.gradebooks, run.variants.file, read.set, read.problems, gradesRows(gradesText), notes);
    const report = reportMarkdown(tally, header, messagesFor(locale));
    await outputs.settle();
    const files = outputs.commit({ grades: gradesText, report, gradebooks });
    const classReport = await writeClassReport({ tally, set: read.set, variantsFile: run.variants.file, locale, digits: read.digits as Digits }, out);
    const layout = read.layout as SubmissionLayout;
    const summary = `${read.rowsRead} ${layout === 'sheets' ? 'files' : 'rows'} read (${layoutName(layout)}): ${counts.graded} graded, ${counts.rejected} rejected; ${counts.students} student(s), ${feedbackFiles} feedback files`;
    // The files left in place are said among the notes, as grade says them.
    return { files: [summary, ...files, ...classReport.files], warnings: [...notes, ...classReport.warnings], removed: [], left: [] };
  } catch (error) {
    await outputs.settle().catch(() => {});
    outputs.abort();
    throw error;
  }
}

/** Each student's scores in the merged grades.csv, their row found by its first cell (the id as grade writes it). */
function gradesRows(text: string): (student: string) => StudentScores {
  const rows = (parse(text, { bom: true }) as string[][]).slice(1);
  const byCell = new Map(rows.map((cells) => [cells[0]!, cells]));
  return (student) => scoresOfCells(student, byCell.get(studentCell(student))!);
}

/** The students piece of a grade shard, a line at a time, each checked for what the merge relies on. */
async function* readStudents(file: string): AsyncGenerator<{ line: number; student: GradedStudent }> {
  let last = -Infinity;
  for await (const { line, value } of gunzipJsonLines(file)) {
    const student = (typeof value === 'object' && value !== null ? value : {}) as Partial<GradedStudent>;
    const fine =
      Number.isInteger(student.at) && student.at! > last && typeof student.id === 'string' && typeof student.tally === 'object' && Array.isArray(student.notes);
    if (!fine) throw InputError.at({ file, line }, `expected {at, id, tally, notes} of a graded student, in the order of "at", got ${JSON.stringify(value).slice(0, 120)}`);
    last = student.at!;
    yield { line, student: student as GradedStudent };
  }
}

/**
 * Every shard's students in the order one run finishes them (the line of their last
 * variant), read a line at a time from each shard: each piece is in that order already.
 */
async function* inFinishingOrder(pieces: readonly ShardStudents[]): AsyncGenerator<{ shard: FoundShard; student: GradedStudent }> {
  const readers = pieces.map((piece) => ({ shard: piece.shard, lines: readStudents(piece.file) }));
  const heads = await Promise.all(readers.map(({ lines }) => lines.next()));
  for (;;) {
    let at = -1;
    heads.forEach((head, k) => {
      if (!head.done && (at < 0 || head.value.student.at < (heads[at]!.value as { student: GradedStudent }).student.at)) at = k;
    });
    if (at < 0) return;
    yield { shard: readers[at]!.shard, student: (heads[at]!.value as { student: GradedStudent }).student };
    heads[at] = await readers[at]!.lines.next();
  }
}

/** The feedback files a shard wrote, each present with the content its hash says; their students' ids. */
function checkedFeedback(shard: FoundShard): Set<string> {
  const file = checkedPiece(shard, FEEDBACK_HASHES);
  const ids = new Set<string>();
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((text, at) => {
      if (text === '') return;
      const entry = JSON.parse(text) as unknown;
      const [id, sha256] = Array.isArray(entry) ? (entry as unknown[]) : [];
      if (typeof id !== 'string' || typeof sha256 !== 'string' || unsafeFileName(id) !== null) {
        throw InputError.at({ file, line: at + 1 }, `expected ["student id", "sha256"], got ${text.slice(0, 120)}`);
      }
      const feedback = join(shard.folder, 'feedback', `${id}.md`);
      let actual: string;
      try {
        actual = hashFile(feedback).sha256;
      } catch (error) {
        throw InputError.unreadable(feedback, error);
      }
      if (actual !== sha256) throw InputError.at({ file: feedback }, `${shard.label}: changed since the shard wrote it (its ${FEEDBACK_HASHES} records another SHA-256)`);
      ids.add(id);
    });
  return ids;
}
