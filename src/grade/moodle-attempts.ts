// The rows of a Moodle responses report gathered into attempts, and each
// attempt given to a student of variants.jsonl: by the report's ID number,
// email or username columns where they name one, else by the sheet ids its
// questions carry (the variants' owner).
import { LMS_IDENTITY_FIELDS, type LmsIdentityField, identityKey } from '../bank/roster.js';
import { SHEET_ID } from '../variant/sheet-id.js';
import { FINISHED, type MoodleColumns, NO_DATA, clozeResponse, type ClozeResponse } from './moodle-report-format.js';
import type { VariantOwner, VariantOwners } from './variant-owners.js';

/** A data row of the report: the line it starts on, its cells. */
export interface ReportRow {
  line: number;
  cells: string[];
}

/** One quiz attempt: its rows (one per try with "All tries", else one), the last carrying its state. */
export interface Attempt {
  rows: ReportRow[];
  state: string;
}

/** One question of an attempt, as its last try left it. */
export interface AttemptQuestion {
  /** The quiz slot: `Question N`, `Response N`. */
  number: number;
  /** The line of the row whose response this is. */
  line: number;
  response: ClozeResponse;
  /** The variant the question text names (its sheet's owner and the problem), or why none. */
  variant: { owner: VariantOwner; problem: string } | { why: string };
}

const cellAt = (row: ReportRow, column: number | undefined): string => (column === undefined ? '' : (row.cells[column] ?? '').trim());

/**
 * Gathers rows into attempts as they come. With "All tries" an attempt's
 * earlier tries come first with an empty state, its last try (with the state)
 * after them; `orphans` are tries whose attempt never closed (the report cut,
 * or sorted by hand).
 */
export class AttemptGatherer {
  readonly attempts: Attempt[] = [];
  private tries: ReportRow[] = [];
  readonly orphans: ReportRow[] = [];

  constructor(private readonly columns: MoodleColumns) {}

  add(row: ReportRow): void {
    const state = this.columns.state === undefined ? FINISHED : cellAt(row, this.columns.state);
    if (state === '') {
      this.tries.push(row);
      return;
    }
    const sameUser = (other: ReportRow) => this.columns.names.every((column) => cellAt(other, column) === cellAt(row, column));
    const earlier = this.tries.filter(sameUser);
    this.orphans.push(...this.tries.filter((other) => !sameUser(other)));
    this.tries = [];
    this.attempts.push({ rows: [...earlier, row], state });
  }

  /** Call once the last row is in: tries still waiting for their attempt's last row are orphans. */
  finish(): void {
    this.orphans.push(...this.tries);
    this.tries = [];
  }
}

/** Who a row is, for rejected.csv when it matches no student: the names and identity cells as the report has them. */
export function whoIs(columns: MoodleColumns, attempt: Attempt): string {
  const first = attempt.rows[0]!;
  const names = columns.names.map((column) => cellAt(first, column)).filter((text) => text !== '');
  const ids = columns.identity.map(({ column }) => identityCell(attempt, column)).filter((text) => text !== '' && text !== NO_DATA);
  return [...names, ...ids.map((id) => `<${id}>`)].join(' ');
}

/** An identity cell of an attempt: "All tries" leaves the email empty on all but the first try, so the first one given. */
const identityCell = (attempt: Attempt, column: number): string =>
  attempt.rows.map((row) => cellAt(row, column)).find((text) => text !== '') ?? '';

/**
 * Finds students by the report's identity cells: the variants' recorded ID
 * number, email, username, else the student id itself (compared as that
 * field is: a username or email in any case).
 */
export class StudentLookup {
  private readonly byField = new Map<string, string>();
  private readonly byId = new Map<string, string>();

  constructor(owners: VariantOwners) {
    for (const owner of owners.students.values()) {
      for (const field of LMS_IDENTITY_FIELDS) this.byId.set(`${field}\n${identityKey(field, owner.student)}`, owner.student);
      for (const [field, value] of Object.entries(owner.identity) as [LmsIdentityField, string][]) {
        this.byField.set(`${field}\n${identityKey(field, value)}`, owner.student);
      }
    }
  }

  /** The students an attempt's identity cells name (none, one, or — when the cells disagree — several). */
  studentsOf(columns: MoodleColumns, attempt: Attempt): Set<string> {
    const found = new Set<string>();
    for (const { field, column } of columns.identity) {
      const value = identityCell(attempt, column);
      if (value === '' || value === NO_DATA) continue;
      const key = `${field}\n${identityKey(field, value)}`;
      const student = this.byField.get(key) ?? this.byId.get(key);
      if (student !== undefined) found.add(student);
    }
    return found;
  }
}

/** Each question of an attempt: the response of its last try and the variant its text names. */
export function attemptQuestions(
  columns: MoodleColumns,
  attempt: Attempt,
  owners: VariantOwners,
  partCount: (student: string, problem: string) => number | undefined,
): AttemptQuestion[] {
  return columns.questions.map(({ number, question, response }) => {
    // The last try that saved an answer to this question ("All tries" writes `-` in the rest).
    const row = [...attempt.rows].reverse().find((r) => cellAt(r, response) !== NO_DATA) ?? attempt.rows.at(-1)!;
    const parsed = clozeResponse(cellAt(row, response));
    const text = question === undefined ? '' : (row.cells[question] ?? '');
    return { number, line: row.line, response: parsed, variant: variantNamedIn(text, owners, parsed, partCount) };
  });
}

/**
 * The variant a question's text names: a sheet id of variants.jsonl (the
 * exported question prints `sheet 26B5-44DF · problem q1`, in the set's
 * language), then the first of that student's problem ids after it. Where
 * two problem ids could be meant, the one with as many parts as the response wins.
 */
function variantNamedIn(
  text: string,
  owners: VariantOwners,
  response: ClozeResponse,
  partCount: (student: string, problem: string) => number | undefined,
): AttemptQuestion['variant'] {
  const sheets = [...text.matchAll(SHEET_ID)].filter((match) => owners.bySheetId.has(match[0]));
  const distinct = new Set(sheets.map((match) => match[0]));
  if (distinct.size === 0) {
    const shared = [...text.matchAll(SHEET_ID)].find((match) => owners.sharedSheetIds.has(match[0]));
    if (shared) return { why: `its sheet id ${shared[0]} belongs to two students of the variants file, so the variant cannot be told` };
    return { why: 'its question text carries no sheet id of the variants file' };
  }
  if (distinct.size > 1) return { why: `its question text carries the sheet ids of several variants (${[...distinct].join(', ')})` };
  const sheet = sheets[0]!;
  const owner = owners.bySheetId.get(sheet[0])!;
  const after = text.slice(sheet.index + sheet[0].length);
  const named = [...after.matchAll(/[A-Za-z0-9_-]+/g)].map((token) => token[0]).filter((token) => owner.lines.has(token));
  const parts = response.kind === 'parts' ? response.answers.length : undefined;
  const problem = named.find((id) => parts === undefined || partCount(owner.student, id) === parts) ?? named[0];
  if (problem === undefined) return { why: `its question text names no problem of sheet ${sheet[0]} after the sheet id` };
  return { owner, problem };
}
