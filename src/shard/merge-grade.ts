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
import { GradeTally, reportMarkdown } from '../grade/report.js';
import { OutputManifest } from '../io/output-manifest.js';
import { writeClassReport } from '../report/write-class-report.js';
import type { SiteFields } from '../text/front-matter.js';
import { CHUNKED, GRADE_STUDENTS, type GradeRun, type GradedStudent, csvOf, indexOf } from './grade-shard.js';
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

/** One student of the class, from the shard that graded them. */
interface Finished {
  shard: FoundShard;
  student: GradedStudent;
}

/** Checks grade's shards (pieces, counts, feedback files) and --out; nothing is written until write(). */
export function prepareGradeMerge(shards: readonly FoundShard[], out: string, force: boolean): PreparedMerge {
  const run = shards[0]!.manifest.run as unknown as GradeRun;
  const pieces = new Map(CHUNKED.map((file) => [file, [] as Piece[]]));
  const finished: Finished[] = [];
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
    const studentsFile = checkedPiece(shard, GRADE_STUDENTS);
    const students = readStudents(studentsFile);
    if (students.length !== own.students) throw InputError.at({ file: studentsFile }, `${shard.label}: lists ${students.length} student(s), its manifest ${own.students}`);
    for (const student of students) {
      const earlier = seen.get(student.id);
      if (earlier) throw InputError.at({ file: studentsFile }, `${shard.label} and ${earlier.label} both graded ${student.id}`);
      seen.set(student.id, shard);
      checkFeedback(shard, student);
      finished.push({ shard, student });
    }
  }
  // Rows read = graded + rejected, in the whole class as in one run.
  if (graded + rejected !== run.read.rowsRead) {
    throw InputError.at({ file: shards[0]!.folder }, `the shards graded ${graded} and rejected ${rejected} of ${run.read.rowsRead} rows read: some rows were taken twice or by none`);
  }
  if (seen.size !== run.read.students) {
    throw InputError.at({ file: shards[0]!.folder }, `the shards graded ${seen.size} of the ${run.read.students} students of ${run.variants.file}`);
  }
  // The order a single run finishes students in: that of their last variant's line.
  finished.sort((a, b) => a.student.at - b.student.at);

  const manifest = new OutputManifest(out, GRADE_PLACES);
  const written = gradeFiles(seen.keys());
  const left = manifest.check(written, force);
  return { write: () => writeGradeMerge({ run, pieces, finished, counts: { graded, rejected, ignoredCells }, manifest, written, left, out }) };
}

async function writeGradeMerge(merge: {
  run: GradeRun;
  pieces: ReadonlyMap<(typeof CHUNKED)[number], Piece[]>;
  finished: readonly Finished[];
  counts: { graded: number; rejected: number; ignoredCells: number };
  manifest: OutputManifest;
  written: ReadonlySet<string>;
  left: string[];
  out: string;
}): Promise<MergeOutcome> {
  const { run, pieces, finished, counts, manifest, written, left, out } = merge;
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
    for (const { shard, student } of finished) {
      tally.merge(tallyFromJson(student.tally));
      passNotes.push(...student.notes);
      if (student.feedback === null) continue;
      placeFile(join(shard.folder, 'feedback', `${student.id}.md`), join(outputs.feedbackFolder, `${student.id}.md`));
      feedbackFiles++;
    }
    outputs.countFeedback(feedbackFiles);
    const notes = [
      ...readingNotes({
        catalogue: read.catalogue,
        left: left.map((file) => `${join(out, file)} left in place (--force): no earlier grade run recorded it`),
        locale: read.localeNote,
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
      layout: read.layout as 'long' | 'wide',
      rowsRead: read.rowsRead,
      rowsGraded: counts.graded,
      rowsRejected: counts.rejected,
      students: read.students,
      notes,
      missingAsZero: run.settings.missingAsZero,
      site: (read.site ?? undefined) as SiteFields | undefined,
    };
    const report = reportMarkdown(tally, header, messagesFor(locale));
    await outputs.settle();
    const files = outputs.commit({ grades: Buffer.concat(grades).toString('utf8'), report });
    const classReport = await writeClassReport({ tally, set: read.set, variantsFile: run.variants.file, locale, digits: read.digits as Digits }, out);
    const summary = `${read.rowsRead} rows read (${read.layout} layout): ${counts.graded} graded, ${counts.rejected} rejected; ${finished.length} student(s), ${feedbackFiles} feedback files`;
    return { files: [summary, ...files, ...classReport.files], warnings: [...notes, ...classReport.warnings], removed: [], left };
  } catch (error) {
    await outputs.settle().catch(() => {});
    outputs.abort();
    throw error;
  }
}

/** The students piece of a grade shard, each line checked for what the merge relies on. */
function readStudents(file: string): GradedStudent[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line, at) => {
      if (line === '') return [];
      let student: Partial<GradedStudent>;
      try {
        student = JSON.parse(line) as Partial<GradedStudent>;
      } catch {
        student = {};
      }
      const fine =
        Number.isInteger(student.at) &&
        typeof student.id === 'string' &&
        typeof student.tally === 'object' &&
        Array.isArray(student.notes) &&
        (student.feedback === null || (typeof student.feedback === 'string' && unsafeFileName(student.id) === null));
      if (!fine) throw InputError.at({ file, line: at + 1 }, `expected {at, id, tally, notes, feedback} of a graded student, got ${line.slice(0, 120)}`);
      return [student as GradedStudent];
    });
}

/** A student's feedback file as the shard wrote it (present, same hash), or none where the id names no file. */
function checkFeedback(shard: FoundShard, student: GradedStudent): void {
  if (student.feedback === null) {
    if (feedbackRefusal(student.id) === null) throw InputError.at({ file: shard.folder }, `${shard.label}: no feedback recorded for ${student.id}`);
    return;
  }
  const file = join(shard.folder, 'feedback', `${student.id}.md`);
  let actual: string;
  try {
    actual = hashFile(file).sha256;
  } catch (error) {
    throw InputError.unreadable(file, error);
  }
  if (actual !== student.feedback) throw InputError.at({ file }, `${shard.label}: changed since the shard wrote it (its students piece records another SHA-256)`);
}
