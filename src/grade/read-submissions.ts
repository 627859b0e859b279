import { InputError } from '../bank/errors.js';
import { DELIMITERS_TRIED, detectDelimiter } from '../io/csv-delimiter.js';
import { forEachCsvRow, readHeaderLine } from './csv-rows.js';
import { isMoodleResponsesHeader } from './moodle-report-format.js';
import { readMoodleResponses } from './moodle-responses.js';
import { readSheetSubmissions } from './sources/read-sheets.js';
import { submissionsKind } from './sources/submitted-file.js';
import type { VariantIndex, VariantSlot } from './variant-index.js';
import { EVERY_ROW, type RowOwner } from './row-owner.js';

/** A submission row that matched no (student, problem, part), or repeated one. */
export interface RejectedRow {
  line: number;
  student: string;
  problem: string;
  part: string;
  answer: string;
  reason: string;
  /** Where a row from a filled sheet came from (the file inside the zip or folder); CSV rows have their line. */
  source?: string;
}

/** The submission layouts grade reads: sigmax's long and wide CSVs, Moodle's quiz responses report, and filled PDF sheets. */
export type SubmissionLayout = 'long' | 'wide' | 'moodle' | 'sheets';

/** A layout as the summary names it. */
export const layoutName = (layout: SubmissionLayout): string =>
  layout === 'moodle' ? 'Moodle responses report' : layout === 'sheets' ? 'filled PDF sheets' : `${layout} layout`;

export interface SubmissionCounts {
  layout: SubmissionLayout;
  /** Data rows (for sheets: files) read = graded + rejected (+ elsewhere, for a shard). */
  read: number;
  graded: number;
  rejected: number;
  /** Rows left to other shards: of students this run does not grade, or (but in one shard) of no student at all. */
  elsewhere: number;
  /** Header columns that name no problem part (wide layout) or are not read (long). */
  ignoredColumns: string[];
  /** Wide-layout cells with an answer for a problem or part the student was not given. */
  ignoredCells: number;
  /** What the reader has to say about the submissions as a whole (the Moodle report's attempts and questions; duplicate and copied sheets). */
  notes?: string[];
}

const LONG_COLUMNS = ['student', 'problem', 'part', 'answer'] as const;


/** A row that is another shard's to grade or reject. */
const ELSEWHERE = 'elsewhere';
type Placing = RejectedRow | null | typeof ELSEWHERE;

/**
 * Streams a submissions CSV into the variants' slots. The header tells the
 * delimiter (`,` or `;`, as Excel writes in a decimal-comma locale) and the
 * layout: long (`student,problem,part,answer`) or wide (`student,q1.z,...`).
 * Every data row is either placed (graded) or handed to `reject` with a reason.
 */
export async function readSubmissions(
  file: string,
  index: VariantIndex,
  reject: (row: RejectedRow) => void,
  owns: RowOwner = EVERY_ROW,
): Promise<SubmissionCounts> {
  const kind = submissionsKind(file);
  if (kind !== 'csv') return readSheetSubmissions(file, kind, index, reject, owns);
  const counts: SubmissionCounts = { layout: 'long', read: 0, graded: 0, rejected: 0, elsewhere: 0, ignoredColumns: [], ignoredCells: 0 };
  let placeRow: ((cells: string[], line: number) => Placing) | null = null;
  let previousEnd = 0;
  try {
    const header = readHeaderLine(file);
    if (!header) throw InputError.at({ file, line: 1, field: 'header' }, 'the file is empty; expected a header row');
    const delimiter = detectDelimiter(header.text, (cells) => layoutOf(cells.map((cell) => cell.trim()), index) !== null);
    if (!delimiter) {
      const moodle = detectDelimiter(header.text, (cells) => isMoodleResponsesHeader(cells.map((cell) => cell.trim())));
      if (moodle) return await readMoodleResponses(file, moodle, index, reject, owns);
      throw badHeader(file, header.line, header.text, index);
    }
    await forEachCsvRow(file, delimiter, (row) => {
      const line = previousEnd + 1;
      previousEnd = row.line;
      if (row.kind === 'row' && row.cells.length === 1 && row.cells[0] === '') return; // an empty line is no row
      if (!placeRow) {
        if (row.kind === 'broken') throw InputError.at({ file, line, field: 'header' }, `not valid CSV: ${row.message}`);
        placeRow = readHeader(file, line, row.cells, index, counts, owns);
        return;
      }
      counts.read++;
      const rejected =
        row.kind === 'broken'
          ? stray(owns, { line, student: '', problem: '', part: '', answer: '', reason: `not valid CSV: ${row.message}` })
          : placeRow(row.cells, line);
      if (rejected === ELSEWHERE) counts.elsewhere++;
      else if (rejected) {
        counts.rejected++;
        reject(rejected);
      } else counts.graded++;
    });
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code && !code.startsWith('CSV_')) throw InputError.unreadable(file, error);
    throw InputError.at({ file, line: previousEnd }, `not valid CSV: ${(error as Error).message}`);
  }
  if (!placeRow) {
    throw InputError.at({ file, line: 1, field: 'header' }, 'the file is empty; expected a header row');
  }
  return counts;
}

type Layout =
  | { kind: 'long'; student: number; problem: number; part: number; answer: number }
  | { kind: 'wide'; student: number; answers: { column: number; problem: string; part: string }[] };

/** The layout a header's (trimmed) names describe, or null when they are neither. */
function layoutOf(names: readonly string[], index: VariantIndex): Layout | null {
  const lower = names.map((name) => name.toLowerCase());
  const student = lower.findIndex((name) => name === 'student' || name === 'student_id');
  if (student < 0) return null;
  const [problem, part, answer] = LONG_COLUMNS.slice(1).map((name) => lower.indexOf(name)) as [number, number, number];
  if (problem >= 0 && part >= 0 && answer >= 0) return { kind: 'long', student, problem, part, answer };
  const answers: { column: number; problem: string; part: string }[] = [];
  names.forEach((name, column) => {
    const dot = name.indexOf('.');
    const [problemId, partId] = [name.slice(0, dot), name.slice(dot + 1)];
    if (column !== student && dot > 0 && index.hasPart(problemId, partId)) answers.push({ column, problem: problemId, part: partId });
  });
  return answers.length > 0 ? { kind: 'wide', student, answers } : null;
}

function badHeader(file: string, line: number, header: string, index: VariantIndex): InputError {
  return InputError.at(
    { file, line, field: 'header' },
    `expected one of the known layouts: sigmax long (student,problem,part,answer), sigmax wide ` +
      `(student,<problem>.<part>,... naming parts of ${index.file}), a Moodle quiz responses report ` +
      `(…,Question 1,Response 1,…), or (not a CSV) filled PDF sheets: a .pdf, a folder or a .zip; ${DELIMITERS_TRIED}; got ${JSON.stringify(header.slice(0, 200))}`,
  );
}

/** A rejected row of no student of the variants file: this run's to reject, or another shard's. */
const stray = (owns: RowOwner, row: RejectedRow): Placing => (owns(null) ? row : ELSEWHERE);

/** Chooses the layout from the header and returns the function that places one data row. */
function readHeader(file: string, line: number, header: string[], index: VariantIndex, counts: SubmissionCounts, owns: RowOwner) {
  const names = header.map((cell) => cell.trim());
  const layout = layoutOf(names, index);
  if (!layout) throw badHeader(file, line, names.join(','), index);
  if (layout.kind === 'long') {
    counts.layout = 'long';
    const used = new Set([layout.student, layout.problem, layout.part, layout.answer]);
    counts.ignoredColumns = names.filter((_, i) => !used.has(i));
    const { student, problem, part, answer } = layout;
    return (cells: string[], at: number) => placeLongRow(index, owns, at, cells[student], cells[problem], cells[part], cells[answer], cells);
  }
  const { student: studentColumn, answers: answerColumns } = layout;
  const answerAt = new Set(answerColumns.map(({ column }) => column));
  counts.ignoredColumns = names.filter((_, column) => column !== studentColumn && !answerAt.has(column));
  counts.layout = 'wide';
  const firstRowOf = new Map<string, number>();
  return (cells: string[], line: number): Placing => {
    const student = (cells[studentColumn] ?? '').trim();
    const refuse = (reason: string) => ({ line, student, problem: '', part: '', answer: '', reason });
    if (student === '') return stray(owns, refuse(cells.every((c) => c.trim() === '') ? 'empty row' : 'no student id'));
    const id = knownStudent(index, student);
    if (id === undefined) return stray(owns, refuse('unknown student'));
    if (!owns(id)) return ELSEWHERE;
    const problems = index.students.get(id)!;
    const first = firstRowOf.get(id);
    if (first !== undefined) return refuse(`duplicate (first on line ${first})`);
    firstRowOf.set(id, line);
    for (const { column, problem, part } of answerColumns) {
      const answer = cells[column] ?? '';
      const slot = problems.get(problem);
      const at = slot?.parts.indexOf.get(part);
      if (slot && at !== undefined) record(slot, at, answer, line);
      else if (answer.trim() !== '') counts.ignoredCells++;
    }
    return null;
  };
}

function placeLongRow(
  index: VariantIndex,
  owns: RowOwner,
  line: number,
  studentCell = '',
  problemCell = '',
  partCell = '',
  answer = '',
  cells: readonly string[],
): Placing {
  const student = studentCell.trim();
  const problem = problemCell.trim();
  const part = partCell.trim();
  const refuse = (reason: string) => ({ line, student, problem, part, answer, reason });
  if (student === '') return stray(owns, refuse(cells.every((c) => c.trim() === '') ? 'empty row' : 'no student id'));
  const id = knownStudent(index, student);
  if (id === undefined) return stray(owns, refuse('unknown student'));
  if (!owns(id)) return ELSEWHERE;
  const slot = index.students.get(id)!.get(problem);
  if (!slot) return refuse(index.problems.includes(problem) ? 'problem not assigned to this student' : 'unknown problem');
  const at = slot.parts.indexOf.get(part);
  if (at === undefined) return refuse('unknown part');
  const first = slot.submittedLine?.[at] ?? 0;
  if (first !== 0) return refuse(`duplicate (first on line ${first})`);
  record(slot, at, answer, line);
  return null;
}

/**
 * The variants' id of the student a cell names. An id such as `-ab` comes
 * back from answer-sheet.csv as `'-ab`: the apostrophe is CSV safety's, not the id's.
 */
function knownStudent(index: VariantIndex, cell: string): string | undefined {
  if (index.students.has(cell)) return cell;
  return cell.startsWith("'") && index.students.has(cell.slice(1)) ? cell.slice(1) : undefined;
}

function record(slot: VariantSlot, at: number, answer: string, line: number): void {
  const count = slot.parts.ids.length;
  (slot.submittedLine ??= new Int32Array(count))[at] = line;
  if (answer.trim() !== '') (slot.submitted ??= new Array<string | undefined>(count))[at] = answer;
}

/** Placing one answer, for the readers of other kinds of submissions (filled sheets). */
export { record as recordAnswer };
