// A Moodle quiz "Responses" report (downloaded as CSV) read into the
// variants' slots, as a sigmax CSV is: every attempt is given to a student,
// the last finished attempt of each student is graded, each question's cloze
// response is split into the parts of the variant its sheet id names — the
// student's own, or, where a random question drew another student's variant,
// that one (the slot is then graded against its record).
import { InputError } from '../bank/errors.js';
import type { CsvDelimiter } from '../io/csv-delimiter.js';
import { forEachCsvRow } from './csv-rows.js';
import {
  type Attempt,
  AttemptGatherer,
  type AttemptQuestion,
  type ReportRow,
  StudentLookup,
  attemptQuestions,
  whoIs,
} from './moodle-attempts.js';
import { FINISHED, type MoodleColumns, NO_DATA, moodleColumns } from './moodle-report-format.js';
import type { RejectedRow, SubmissionCounts } from './read-submissions.js';
import { type RowOwner, takesRejected } from './row-owner.js';
import type { VariantIndex, VariantSlot } from './variant-index.js';
import { type VariantOwners, loadVariantOwners, recordTexts } from './variant-owners.js';

/** Question-level troubles are said once per (question, reason), with this many of their lines. */
const LINES_SHOWN = 5;

/** Reads the report in `file` (its header already known to be one) into `index`; every data row is graded or rejected. */
export async function readMoodleResponses(
  file: string,
  delimiter: CsvDelimiter,
  index: VariantIndex,
  reject: (row: RejectedRow) => void,
  owns: RowOwner,
): Promise<SubmissionCounts> {
  const counts: SubmissionCounts = { layout: 'moodle', read: 0, graded: 0, rejected: 0, elsewhere: 0, ignoredColumns: [], ignoredCells: 0, notes: [] };
  // Refused as found, handed on in line order once the attempts are judged.
  const refused: RejectedRow[] = [];
  const refuse = (rows: readonly { line: number }[], student: string, reason: string) => {
    for (const { line } of rows) refused.push({ line, student, problem: '', part: '', answer: '', reason });
  };
  const read = await readAttempts(file, delimiter, () => counts.read++, refuse);
  counts.ignoredColumns = read.columns.ignored;

  const owners = await loadVariantOwners(index.file);
  const choice = chooseAttempts(read.columns, read.attempts, owners, index, refuse);
  const notes = new QuestionNotes();
  const borrowed = new Map<VariantSlot, number>();
  for (const { student, attempt, questions } of choice.chosen) {
    // Placed for every student (the notes are the whole report's); a shard grades its own.
    placeAttempt(index, student, questions, notes, borrowed);
    if (owns(student)) counts.graded += attempt.rows.length;
  }
  // The records answered instead of the students' own, read now that it is known which.
  const texts = await recordTexts(index.file, new Set(borrowed.values()));
  for (const [slot, line] of borrowed) slot.answered = { line, text: texts.get(line)! };

  counts.notes!.push(...attemptNotes(read.columns, choice, borrowed.size), ...notes.said());
  const taken = refused.filter((row) => takesRejected(owns, index, row.student)).sort((a, b) => a.line - b.line);
  for (const row of taken) reject(row);
  counts.rejected = taken.length;
  counts.elsewhere = counts.read - counts.graded - counts.rejected;
  return counts;
}

/** The report's header and its data rows gathered into attempts; a row that is not valid CSV, or a try left without its attempt, is refused. */
async function readAttempts(
  file: string,
  delimiter: CsvDelimiter,
  onRow: () => void,
  refuse: (rows: readonly { line: number }[], student: string, reason: string) => void,
): Promise<{ columns: MoodleColumns; attempts: Attempt[] }> {
  let columns: MoodleColumns | undefined;
  let gatherer: AttemptGatherer | undefined;
  let previousEnd = 0;
  await forEachCsvRow(file, delimiter, (row) => {
    const line = previousEnd + 1;
    previousEnd = row.line;
    if (row.kind === 'row' && row.cells.length === 1 && row.cells[0] === '') return; // an empty line is no row
    if (!columns) {
      if (row.kind === 'broken') throw InputError.at({ file, line, field: 'header' }, `not valid CSV: ${row.message}`);
      columns = headerColumns(file, line, row.cells);
      gatherer = new AttemptGatherer(columns);
      return;
    }
    onRow();
    if (row.kind === 'broken') refuse([{ line }], '', `not valid CSV: ${row.message}`);
    else gatherer!.add({ line, cells: row.cells });
  });
  if (!columns || !gatherer) throw InputError.at({ file, line: 1, field: 'header' }, 'the file is empty; expected a header row');
  gatherer.finish();
  refuse(gatherer.orphans, '', 'a try of an attempt whose last try does not follow it ("All tries" rows out of order)');
  return { columns, attempts: gatherer.attempts };
}

function headerColumns(file: string, line: number, cells: string[]): MoodleColumns {
  const columns = moodleColumns(cells.map((cell) => cell.trim()));
  const blind = columns.questions.filter(({ question }) => question === undefined).map(({ number }) => number);
  if (blind.length > 0) {
    throw InputError.at(
      { file, line, field: 'header' },
      `a Moodle responses report without the question text: Response ${blind[0]} has no Question ${blind[0]} column. ` +
        'Each response is traced to its variant by the sheet id in the question text: download the report again ' +
        'with "question text" ticked under "Show the" (Display options)',
    );
  }
  return columns;
}

interface ChosenAttempt {
  student: string;
  attempt: Attempt;
  questions: AttemptQuestion[];
}

interface Choice {
  chosen: ChosenAttempt[];
  /** Whether students were found by the identity columns (else by the sheet ids). */
  byIdentity: boolean;
  /** Finished attempts not graded because the same student finished a later one. */
  earlier: number;
}

/**
 * Gives each attempt to a student and keeps, per student, the last finished
 * one in the report's row order; every other attempt's rows are refused with
 * the reason. Students are found by the identity columns when any attempt's
 * identity names a student of the variants; otherwise by the sheet ids.
 */
function chooseAttempts(
  columns: MoodleColumns,
  attempts: readonly Attempt[],
  owners: VariantOwners,
  index: VariantIndex,
  refuse: (rows: readonly ReportRow[], student: string, reason: string) => void,
): Choice {
  const lookup = new StudentLookup(owners);
  const partCount = (student: string, problem: string) => index.students.get(student)?.get(problem)?.parts.ids.length;
  const byIdentity = attempts.some((attempt) => lookup.studentsOf(columns, attempt).size > 0);
  const last = new Map<string, ChosenAttempt>();
  let earlier = 0;
  for (const attempt of attempts) {
    const questions = attemptQuestions(columns, attempt, owners, partCount);
    const who = byIdentity ? studentByIdentity(columns, attempt, lookup) : studentBySheet(questions);
    const shown = 'student' in who ? who.student : whoIs(columns, attempt);
    if (attempt.state === NO_DATA) refuse(attempt.rows, shown, 'no attempt');
    else if ('why' in who) refuse(attempt.rows, shown, who.why);
    else if (attempt.state !== FINISHED) refuse(attempt.rows, shown, `attempt not finished (state "${attempt.state}")`);
    else {
      const before = last.get(who.student);
      if (before) {
        refuse(before.attempt.rows, who.student, `earlier attempt: the last finished attempt, on line ${attempt.rows[0]!.line}, is graded`);
        earlier++;
      }
      last.set(who.student, { student: who.student, attempt, questions });
    }
  }
  return { chosen: [...last.values()], byIdentity, earlier };
}

function studentByIdentity(columns: MoodleColumns, attempt: Attempt, lookup: StudentLookup): { student: string } | { why: string } {
  const found = [...lookup.studentsOf(columns, attempt)];
  if (found.length === 1) return { student: found[0]! };
  const headers = columns.identity.map(({ header }) => header).join(', ');
  if (found.length > 1) return { why: `its ${headers} name different students (${found.join(', ')})` };
  return { why: `unknown student: its ${headers} match no student of the variants file` };
}

/** Without identity columns that name students, an attempt is the student's whose sheets its questions come from. */
function studentBySheet(questions: readonly AttemptQuestion[]): { student: string } | { why: string } {
  const owners = new Set(questions.flatMap(({ variant }) => ('owner' in variant ? [variant.owner.student] : [])));
  if (owners.size === 1) return { student: [...owners][0]! };
  if (owners.size === 0) return { why: 'no question of the attempt carries a sheet id of the variants file' };
  return {
    why:
      `its questions come from the sheets of different students (${[...owners].join(', ')}) and no ID number, ` +
      'email or username column names a student: whose answers these are cannot be told',
  };
}

/** Puts a chosen attempt's answers into the student's slots; what cannot be placed is said in the notes. */
function placeAttempt(
  index: VariantIndex,
  student: string,
  questions: readonly AttemptQuestion[],
  notes: QuestionNotes,
  borrowed: Map<VariantSlot, number>,
): void {
  const problems = index.students.get(student)!;
  const placed = new Map<string, number>();
  for (const { number, line, response, variant } of questions) {
    const say = (why: string) => notes.add(number, line, why);
    if ('why' in variant) {
      if (response.kind !== 'none') say(variant.why);
      continue;
    }
    if (response.kind === 'other') {
      say('its response is not a cloze response (part 1: …; part 2: …)');
      continue;
    }
    const { owner, problem } = variant;
    const slot = problems.get(problem);
    const theirs = index.students.get(owner.student)?.get(problem);
    if (!slot || !theirs) {
      say(`problem ${problem} is not among ${student}'s variants`);
      continue;
    }
    const first = placed.get(problem);
    if (first !== undefined) {
      say(`a second question of problem ${problem} in the attempt (the first is Question ${first})`);
      continue;
    }
    if (theirs.parts !== slot.parts) {
      say(`${owner.student}'s variant of ${problem} has other parts than ${student}'s`);
      continue;
    }
    if (response.kind === 'parts' && response.answers.length !== slot.parts.ids.length) {
      say(`its response has ${response.answers.length} part(s); problem ${problem} has ${slot.parts.ids.length}`);
      continue;
    }
    placed.set(problem, number);
    if (owner.student !== student) borrowed.set(slot, owner.lines.get(problem)!);
    if (response.kind === 'none') continue;
    response.answers.forEach((answer, at) => {
      if (answer !== '') (slot.submitted ??= new Array<string | undefined>(slot.parts.ids.length))[at] = answer;
    });
  }
}

/** What the notes say of the attempts: how students were found, earlier attempts, "All tries", other students' variants. */
function attemptNotes(columns: MoodleColumns, choice: Choice, borrowed: number): string[] {
  const notes: string[] = [];
  const headers = columns.identity.map(({ header }) => header).join(', ');
  if (columns.identity.length === 0) {
    notes.push('the report has no ID number, email or username column: each attempt was given to the student whose sheet ids its questions carry');
  } else if (!choice.byIdentity) {
    notes.push(`the report's ${headers} match no student of the variants file: each attempt was given to the student whose sheet ids its questions carry`);
  } else notes.push(`students found by the report's ${headers}`);
  if (choice.earlier > 0) {
    notes.push(
      `${choice.earlier} earlier finished attempt(s) not graded: each student's last finished attempt in the report's row ` +
        'order is (Moodle lists attempts oldest first unless the table was sorted); the earlier ones are in rejected.csv',
    );
  }
  const tries = choice.chosen.filter(({ attempt }) => attempt.rows.length > 1).length;
  if (tries > 0) notes.push(`${tries} graded attempt(s) span several rows ("All tries"): each question's last try was graded`);
  if (borrowed > 0) {
    notes.push(
      `${borrowed} question(s) drew another student's variant (Moodle random questions): graded against the variant ` +
        'whose sheet id the question text carries',
    );
  }
  return notes;
}

/** Question-level troubles, gathered so that a class's worth of one trouble is one note. */
class QuestionNotes {
  private readonly byReason = new Map<string, number[]>();

  add(question: number, line: number, why: string): void {
    const key = `Question ${question}: ${why}`;
    const lines = this.byReason.get(key) ?? [];
    lines.push(line);
    this.byReason.set(key, lines);
  }

  said(): string[] {
    return [...this.byReason].map(([key, lines]) => {
      const shown = lines.slice(0, LINES_SHOWN).join(', ') + (lines.length > LINES_SHOWN ? ', …' : '');
      return `${key}; not graded (${lines.length} attempt(s), line ${shown})`;
    });
  }
}
