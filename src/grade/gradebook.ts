// Gradebook files an LMS imports as they are, made from grades.csv's scores
// and the students' LMS identity (the roster's idnumber, email, username,
// recorded in variants.jsonl):
// - Moodle (grade/import/csv): an identifier column (mapped to a user field
//   on import) and one column per grade item; a cell that is empty (or `-`)
//   is "no grade" (load_data.php update_grade_item);
// - Canvas (app/models/gradebook_importer.rb): `Student, ID, SIS User ID,
//   SIS Login ID, Section`, then the assignment, and a `Points Possible` row
//   under the header; a student is found by ID, else SIS User ID, else SIS
//   Login ID, else name; an empty cell is no score.
// A student with no submission has empty cells, as in grades.csv (0 with --missing-as-zero).
import { parse } from 'csv-parse/sync';
import type { LmsIdentityField } from '../bank/roster.js';
import { D } from '../engine/decimal.js';
import { SPREADSHEET_BOM, safeCell } from '../io/csv-cell.js';
import { csvLine } from './csv-line.js';
import { type VariantOwner, loadVariantOwners } from './variant-owners.js';

export const GRADEBOOKS = ['moodle', 'canvas'] as const;
export type Gradebook = (typeof GRADEBOOKS)[number];

export const GRADEBOOK_FILES: Readonly<Record<Gradebook, string>> = { moodle: 'gradebook-moodle.csv', canvas: 'gradebook-canvas.csv' };

/** One student's row of grades.csv: points per problem, total and max ('' where the score is empty). */
export interface StudentScores {
  student: string;
  problems: string[];
  total: string;
  max: string;
}

/** The scores of a grades.csv row as grade-pass wrote it (`student,<problems…>,total,max`), for the student it was written for. */
export function scoresOf(student: string, gradesLine: string): StudentScores {
  const [cells] = parse(gradesLine) as string[][];
  return scoresOfCells(student, cells!);
}

/** The scores of a grades.csv row's cells (`student,<problems…>,total,max`). */
export function scoresOfCells(student: string, cells: readonly string[]): StudentScores {
  const numbers = cells.slice(1);
  return { student, problems: numbers.slice(0, -2), total: numbers.at(-2)!, max: numbers.at(-1)! };
}

/** Moodle's user fields by how its grade import names them ("Map to"), and the column header for each. */
const MOODLE_HEADERS: Readonly<Record<LmsIdentityField, string>> = { idnumber: 'ID number', username: 'Username', email: 'Email address' };
/** Which identity a Moodle file keys on when several are given: the ID number first (it does not change), the email last. */
const MOODLE_PREFERENCE: readonly LmsIdentityField[] = ['idnumber', 'username', 'email'];

export interface GradebookFile {
  text: string;
  notes: string[];
}

/**
 * Moodle's grade import: the identity most students have (ID number, else
 * username, else email) and a column per problem and the total, named
 * `<set> <problem>` and `<set> total`. Moodle stops an import at a row whose
 * identifier it cannot match, so a student without that identity is left out, and said.
 */
export function moodleGradebook(set: string, problems: readonly string[], scores: readonly StudentScores[], owners: ReadonlyMap<string, VariantOwner>): GradebookFile {
  const notes: string[] = [];
  const have = (field: LmsIdentityField) => scores.filter(({ student }) => owners.get(student)?.identity[field] !== undefined).length;
  const field = MOODLE_PREFERENCE.reduce((best, next) => (have(next) > have(best) ? next : best));
  const header = [...problems.map((problem) => `${set} ${problem}`), `${set} total`];
  const lines: string[] = [];
  if (have(field) === 0) {
    notes.push(
      `${GRADEBOOK_FILES.moodle}: the variants record no idnumber, email or username (the roster had no such column), so ` +
        'students are named by their sigmax id in column student_id: map it to the Moodle field it is (username or ID number). ' +
        'Or add the column to the roster and run generate or export again: the numbers stay the same',
    );
    lines.push(csvLine(['student_id', ...header]));
    for (const s of scores) lines.push(csvLine([safeCell(s.student), ...s.problems, s.total]));
  } else {
    lines.push(csvLine([MOODLE_HEADERS[field], ...header]));
    const without: string[] = [];
    for (const s of scores) {
      const id = owners.get(s.student)?.identity[field];
      if (id === undefined) without.push(s.student);
      else lines.push(csvLine([safeCell(id), ...s.problems, s.total]));
    }
    if (without.length > 0) {
      notes.push(
        `${GRADEBOOK_FILES.moodle}: ${without.length} student(s) without ${field === 'username' ? 'a' : 'an'} ${field} left out ` +
          `(Moodle stops an import at a row it cannot match): ${shortList(without)}`,
      );
    }
  }
  return { text: SPREADSHEET_BOM + lines.join(''), notes };
}

/**
 * Canvas's gradebook import: the student columns, then one assignment named
 * after the set with each student's total, and its points possible. The
 * student is named by the roster's name, SIS User ID is the idnumber (else the
 * sigmax id), SIS Login ID the username (else the email); Canvas's own user ID is not known to sigmax.
 */
export function canvasGradebook(set: string, scores: readonly StudentScores[], owners: ReadonlyMap<string, VariantOwner>): GradebookFile {
  const notes: string[] = [];
  const maxima = [...new Set(scores.map(({ max }) => max))];
  const possible = maxima.reduce((a, b) => (new D(b).gt(a) ? b : a), maxima[0] ?? '0');
  if (maxima.length > 1) notes.push(`${GRADEBOOK_FILES.canvas}: the students' maxima differ (${maxima.join(', ')}); Points Possible is the largest, ${possible}`);
  const withoutIdnumber = scores.filter(({ student }) => owners.get(student)?.identity.idnumber === undefined).length;
  if (withoutIdnumber > 0) {
    notes.push(`${GRADEBOOK_FILES.canvas}: ${withoutIdnumber} student(s) with no idnumber in the roster have their sigmax id as SIS User ID`);
  }
  const lines = [
    csvLine(['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section', set]),
    csvLine(['Points Possible', '', '', '', '', possible]),
  ];
  for (const s of scores) {
    const owner = owners.get(s.student);
    const { idnumber, username, email } = owner?.identity ?? {};
    const cells = [owner?.name || s.student, '', idnumber ?? s.student, username ?? email ?? '', ''].map(safeCell);
    lines.push(csvLine([...cells, s.total]));
  }
  return { text: SPREADSHEET_BOM + lines.join(''), notes };
}

const shortList = (ids: readonly string[]) => (ids.length > 10 ? `${ids.slice(0, 10).join(', ')}, …` : ids.join(', '));

/**
 * The gradebook files asked for, by file name: every student of the variants file, in its
 * order, with the scores of their grades.csv row; what the files have to say goes into `notes`.
 */
export async function gradebookFiles(
  books: readonly Gradebook[],
  variantsFile: string,
  set: string,
  problems: readonly string[],
  scoresOfStudent: (student: string) => StudentScores,
  notes: string[],
): Promise<Record<string, string>> {
  if (books.length === 0) return {};
  const owners = (await loadVariantOwners(variantsFile)).students;
  const scores = [...owners.keys()].map(scoresOfStudent);
  const files: Record<string, string> = {};
  for (const book of books) {
    const made = book === 'moodle' ? moodleGradebook(set, problems, scores, owners) : canvasGradebook(set, scores, owners);
    files[GRADEBOOK_FILES[book]] = made.text;
    notes.push(...made.notes);
  }
  return files;
}
