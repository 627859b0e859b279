import { join } from 'node:path';
import type { Digits, Locale } from '../bank/bank.js';
import { InputError } from '../bank/errors.js';
import { SPREADSHEET_BOM } from '../io/csv-cell.js';
import { cutText } from '../text/long-text.js';
import { type KeyCheckMode, keyCheckRefusal } from './check-keys.js';
import { csvLine, studentCell } from './csv-line.js';
import type { ClassPart } from './class-part.js';
import { type PassResult, gradePass } from './grade-pass.js';
import type { CreditOverrides } from './grade-variant.js';
import { OutputManifest } from '../io/output-manifest.js';
import { GRADE_PLACES, GradeOutputs, gradeFiles } from './output-folder.js';
import { type GradingPool, gradeInThreads, gradingPool } from './parallel-grade.js';
import { type SubmissionLayout, readSubmissions } from './read-submissions.js';
import { type ReadingNotes, readingNotes } from './reading-notes.js';
import { submissionsKind } from './sources/submitted-file.js';
import { type GradeTally, type ReportHeader, reportMarkdown } from './report.js';
import { type Gradebook, gradebookFiles, scoresOf } from './gradebook.js';
import { keyedVariants } from './keyed-variants.js';
import { messagesFor } from './messages/index.js';
import { type VariantIndex, type VariantSlot, loadVariants } from './variant-index.js';

export interface GradeOptions {
  variants: string;
  submissions: string;
  out: string;
  /** Credit for ecf and misconception answers over what the bank set (default: the bank's, else 1 and 0). */
  credits?: CreditOverrides;
  /** The language of feedback and report (default: the variants file's; see feedbackLocale). */
  locale?: Locale;
  /** Called as students are graded (a progress bar; a test may throw from it to interrupt). */
  onStudent?: (done: number, total: number) => void;
  /** Threads that grade (default: one; see DEFAULT_THREADS). */
  workers?: number;
  /** Score a student with no submission 0, as before, instead of leaving the score empty. */
  missingAsZero?: boolean;
  /** Gradebook files to write beside grades.csv, for these LMSs to import. */
  gradebooks?: readonly Gradebook[];
  /**
   * How each record's keys are checked against its givens before they are graded against
   * (default `screen`; `off` is `--trust-keys`; `full` re-solves every record, for the bench).
   */
  keyCheck?: KeyCheckMode;
  /**
   * Write even though --out holds feedback files no earlier grade run recorded (they are
   * left in place); without it that is an OutputFolderError, before anything is written.
   */
  force?: boolean;
  /** Grade one shard of the class only (see ClassPart); the class is then graded in one thread. */
  part?: ClassPart;
}

export interface GradeSummary {
  layout: SubmissionLayout;
  rowsRead: number;
  rowsGraded: number;
  rowsRejected: number;
  students: number;
  /** Students with no answer in any part: their score is empty (or 0 with missingAsZero). */
  noSubmission: number;
  variants: number;
  feedbackFiles: number;
  /** The language feedback and report were written in. */
  locale: Locale;
  /** Said to the user: refused file names, ignored columns, catalogue changes, mixed locales. */
  notes: string[];
  files: string[];
  /** What the class report (report.html, report.pdf) is made of: the counts, the set, its digits. */
  tally: GradeTally;
  set: string;
  /** The problems, in grades.csv's column order. */
  problems: readonly string[];
  digits: Digits;
  /** Records the key check let through on the float screen and re-solved exactly (null: --trust-keys). */
  keysChecked: { screened: number; resolved: number } | null;
  /** What report.md was made of besides the tally, and the notes about reading the inputs (for a shard's merge). */
  header: ReportHeader;
  reading: ReadingNotes;
  /** Submission rows (for sheets: files) left to other shards (0 when the whole class is graded). */
  rowsElsewhere: number;
}

/**
 * One grading thread by default: a second one (the main thread grading the first part of
 * the class while a worker grades the rest, see gradeInThreads) does not pay below a very
 * large class, and there it costs more memory than the budget. Measured from dist/ on the
 * 2-core machine, paired runs started when it was ≥ 80 % idle (bench/grade.bench.ts
 * inputs, median wall time, 1 thread vs 2): 200 students 0.32 vs 0.59 s, 1,000 1.06 vs
 * 1.5 s, 5,000 3.47 vs 3.95 s, 10,000 4.75 vs 6.15 s (one pair); 20,000 14.1 vs 7.8 s
 * (2 faster in 3 of 5 pairs; the single thread's kernel time, 4-14 s, decides) but at a
 * peak of 302-316 MB resident against 190-196 MB, over the 300 MB budget. About half the
 * CPU time is the kernel's (a feedback file created per student), which a second thread
 * does not shorten. So two threads only when asked for (`workers`).
 */
const DEFAULT_THREADS = 1;

const DETAILS_HEADER = ['student', 'problem', 'part', 'submitted', 'expected', 'score', 'max', 'verdict', 'feedback'];
const REJECTED_HEADER = ['line', 'student', 'problem', 'part', 'answer', 'reason'];
/** Filled sheets are files, not lines: each rejected row says which file (and field). */
const REJECTED_SHEET_HEADER = ['source', ...REJECTED_HEADER.slice(1)];

/**
 * Grades a class: reads the variants record (never regenerating), streams
 * the submissions into it, grades every (student, problem, part) and writes
 * details.csv, grades.csv, rejected.csv, report.md and feedback/, all
 * atomically. Bad submission rows are rejected with a reason, not errors.
 */
export async function gradeClass(options: GradeOptions): Promise<GradeSummary> {
  // A shard grades in one thread: the shards are the parallel work.
  const threads = options.part ? 1 : (options.workers ?? DEFAULT_THREADS);
  // Started first: they load while the variants and submissions are read.
  const workers = threads > 1 ? gradingPool(threads - 1) : null;
  try {
    return await gradeWith(options, workers);
  } finally {
    await workers?.destroy();
  }
}

async function gradeWith(options: GradeOptions, workers: GradingPool | null): Promise<GradeSummary> {
  const index = await loadVariants(options.variants);
  const credits = options.credits ?? {};
  const rules = { missingAsZero: options.missingAsZero === true, keyCheck: options.keyCheck ?? 'screen' };
  const { part } = options;
  const students = part ? [...index.students.keys()].filter((student) => part.owns(student)) : [...index.students.keys()];
  const variants = part ? index.order.filter((slot) => part.owns(slot.student)) : index.order;
  // A shard's gradebooks are written by the merge, from the whole class's grades.
  const gradebooks = part ? [] : (options.gradebooks ?? []);
  const manifest = new OutputManifest(options.out, GRADE_PLACES);
  const written = gradeFiles(students, gradebooks);
  const left = manifest.check(written, options.force === true);
  const outputs = new GradeOutputs(options.out, manifest, written);
  try {
    const sheets = submissionsKind(options.submissions) !== 'csv';
    outputs.rejected.write(SPREADSHEET_BOM + csvLine(sheets ? REJECTED_SHEET_HEADER : REJECTED_HEADER));
    const counts = await readSubmissions(
      options.submissions,
      index,
      (row) => {
        const where = row.source === undefined ? String(row.line) : studentCell(cutText(row.source));
        const text = csvLine([where, ...[row.student, row.problem, row.part, row.answer].map((cell) => studentCell(cutText(cell))), row.reason]);
        outputs.rejected.write(text);
        part?.chunk('rejected', row.line, text);
      },
      part?.owns,
    );
    // The lines that gave each answer only name the first of duplicates: ~15 MB of small arrays in the bench class.
    for (const slot of index.order) slot.submittedLine = undefined;
    const { locale, note: localeNote } = feedbackLocale(index, options.locale);
    // Records of another catalogue are re-solved by the key check, which refuses the file if one does not agree.
    const resolved = rules.keyCheck === 'off' ? '' : ': their keys were re-solved from their givens and agree';
    const reading: ReadingNotes = {
      catalogue: index.catalogueNotes.map((note) => note + resolved),
      keysUnchecked: rules.keyCheck === 'off' ? `the keys of ${index.file} were not checked against their givens (--trust-keys)` : null,
      left: left.map((file) => join(options.out, file)),
      locale: localeNote,
      reader: counts.notes ?? [],
      ignoredColumns: counts.ignoredColumns,
      ignoredCells: counts.ignoredCells,
    };
    const notes = readingNotes(reading);
    if (counts.elsewhere > 0) notes.push(`${counts.elsewhere} submission ${sheets ? 'file' : 'row'}(s) left to the shards of their students`);

    outputs.details.write(SPREADSHEET_BOM + csvLine(DETAILS_HEADER));
    const total = students.length;
    const onStudent = (done: number) => options.onStudent?.(done, total);
    const gradeHere = (variants: readonly VariantSlot[], onGraded: () => void) =>
      gradePass(
        keyedVariants(index.file, variants),
        (student) => index.students.get(student)!.size,
        index.problems,
        credits,
        locale,
        {
          writeDetails: (text, line) => {
            outputs.details.write(text);
            part?.chunk('details', line, text);
          },
          writeFeedback: (student, markdown) => outputs.writeFeedback(student, markdown),
          roomToWrite: () => outputs.roomToWrite(),
          onStudent: onGraded,
          ...(part && { studentTallied: part.studentTallied }),
        },
        rules,
      );
    let done = 0;
    // A worker is sent its students' answers, not the other students' records a Moodle random question
    // gave some of them to answer instead: such a class (a quiz's worth) is graded in this thread.
    const answeredElsewhere = index.order.some((slot) => slot.answered !== undefined);
    const pass: PassResult = workers && !answeredElsewhere
      ? await gradeInThreads(index, credits, rules, locale, outputs, workers, onStudent, gradeHere)
      : await gradeHere(variants, () => onStudent(++done));
    const refusal = keyCheckRefusal(index.file, pass.keys);
    if (refusal) throw new InputError(refusal);
    const { tally, gradeRows } = pass;
    notes.push(...pass.notes);
    // Rows in the order students first appear in variants.jsonl.
    const grades = [SPREADSHEET_BOM + csvLine(['student', ...index.problems, 'total', 'max'])];
    for (const student of students) {
      const row = gradeRows.get(student)!;
      grades.push(row);
      part?.chunk('grades', index.students.get(student)!.values().next().value!.line, row);
    }

    const header: ReportHeader = {
      set: index.set,
      variantsFile: options.variants,
      submissionsFile: options.submissions,
      layout: counts.layout,
      rowsRead: counts.read,
      rowsGraded: counts.graded,
      rowsRejected: counts.rejected,
      students: index.students.size,
      notes,
      missingAsZero: rules.missingAsZero,
      site: index.site,
    };
    const books = await gradebookFiles(gradebooks, index.file, index.set, index.problems, (student) => scoresOf(student, gradeRows.get(student)!), notes);
    const report = reportMarkdown(tally, header, messagesFor(locale));
    await outputs.settle();
    const files = outputs.commit({ grades: grades.join(''), report, gradebooks: books });
    return {
      layout: counts.layout,
      rowsRead: counts.read,
      rowsGraded: counts.graded,
      rowsRejected: counts.rejected,
      students: students.length,
      noSubmission: tally.noSubmission.length,
      variants: variants.length,
      feedbackFiles: outputs.feedbackCount,
      locale,
      notes,
      files,
      tally,
      set: index.set,
      problems: index.problems,
      digits: index.digits,
      keysChecked: rules.keyCheck === 'off' ? null : { screened: pass.keys.screened, resolved: pass.keys.resolved },
      header,
      reading,
      rowsElsewhere: counts.elsewhere,
    };
  } catch (error) {
    // The files still being written must land before their folder is removed.
    await outputs.settle().catch(() => {});
    outputs.abort();
    throw error;
  }
}

/**
 * The language of the feedback: `--locale`, else the variants file's. A file
 * whose lines disagree (joined from two runs) is graded in the first line's
 * locale, with a note naming the others.
 */
export function feedbackLocale(index: VariantIndex, chosen: Locale | undefined): { locale: Locale; note: string | null } {
  if (chosen) return { locale: chosen, note: null };
  const [first, ...others] = index.locales.keys();
  const locale = first ?? 'en';
  if (others.length === 0) return { locale, note: null };
  const where = [...index.locales].map(([other, line]) => `${other} first on line ${line}`).join(', ');
  return {
    locale,
    note: `${index.file} mixes locales (${where}): feedback and report are in ${locale}, the first line's; --locale chooses another`,
  };
}
