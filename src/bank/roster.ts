import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { DELIMITERS_TRIED, detectDelimiter, headerLineOf } from '../io/csv-delimiter.js';
import { InputError, ProblemList } from './errors.js';

export interface Student {
  id: string;
  name: string;
  /** How an LMS knows the student (the roster's optional columns of these names), for the gradebook files and Moodle's responses. */
  idnumber?: string;
  email?: string;
  username?: string;
}

/** Roster columns naming the student as an LMS knows them (Moodle's user fields of these names; Canvas's SIS ids). */
export const LMS_IDENTITY_FIELDS = ['idnumber', 'email', 'username'] as const;
export type LmsIdentityField = (typeof LMS_IDENTITY_FIELDS)[number];

/** An email or username names the same account in any case (Moodle stores both in lower case); an ID number as typed. */
export const identityKey = (field: LmsIdentityField, value: string): string =>
  field === 'idnumber' ? value.trim() : value.trim().toLowerCase();

/**
 * Why a student id cannot name a file inside --out, or null when it can.
 * Shared by the roster and the grader: nothing is ever written outside --out.
 */
export function unsafeFileName(id: string): string | null {
  if (id === '') return 'is empty';
  if (id === '.' || id === '..') return 'names a folder';
  if (/[/\\]/.test(id)) return 'contains / or \\';
  if (id.includes('\0')) return 'contains a NUL character';
  if (id.length > 120) return 'is longer than 120 characters';
  return null;
}

/**
 * Reads `student_id,name` (name optional) and the optional LMS identity
 * columns `idnumber`, `email`, `username` (other columns ignored), separated
 * by `,` or `;` as the header shows; every bad line is reported. An identity
 * given twice is refused: the gradebook and the responses are matched by it.
 */
export function loadRoster(file: string): Student[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw InputError.unreadable(file, error);
  }
  const header = headerLineOf(text);
  const refuseHeader = () => {
    const got = header ? `got ${JSON.stringify(header.text.slice(0, 200))}` : 'got an empty file';
    return InputError.at({ file, line: header?.line ?? 1, field: 'header' }, `expected a student_id column (${DELIMITERS_TRIED}), ${got}`);
  };
  const delimiter = header && detectDelimiter(header.text, (cells) => cells.some((cell) => cell.trim().toLowerCase() === 'student_id'));
  if (!delimiter) throw refuseHeader();
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, { bom: true, delimiter, info: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as unknown as typeof rows;
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw InputError.at({ file, line }, `not valid CSV: ${(error as Error).message}`);
  }
  const [first, ...body] = rows;
  const columns = first?.record.map((c) => c.toLowerCase()) ?? [];
  const idColumn = columns.indexOf('student_id');
  if (idColumn < 0) throw refuseHeader();
  const nameColumn = columns.indexOf('name');
  const identityColumns = LMS_IDENTITY_FIELDS.map((field) => ({ field, column: columns.indexOf(field), seen: new Map<string, number>() })).filter(
    ({ column }) => column >= 0,
  );
  const problems = new ProblemList();
  const seen = new Map<string, number>();
  const students: Student[] = [];
  for (const { record, info } of body) {
    const id = record[idColumn] ?? '';
    const place = { file, line: info.lines, field: 'student_id' };
    const unsafe = unsafeFileName(id);
    if (unsafe) {
      problems.add(place, `student id ${JSON.stringify(id)} ${unsafe}; it must be usable as a file name`);
      continue;
    }
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      problems.add(place, `duplicate student id "${id}" (first on line ${earlier})`);
      continue;
    }
    seen.set(id, info.lines);
    const student: Student = { id, name: nameColumn >= 0 ? (record[nameColumn] ?? '') : '' };
    for (const { field, column, seen: taken } of identityColumns) {
      const value = record[column] ?? '';
      if (value === '') continue;
      const first = taken.get(identityKey(field, value));
      if (first !== undefined) {
        problems.add({ file, line: info.lines, field }, `duplicate ${field} "${value}" (first on line ${first})`);
        continue;
      }
      taken.set(identityKey(field, value), info.lines);
      student[field] = value;
    }
    students.push(student);
  }
  if (students.length === 0 && problems.count === 0) problems.add({ file }, 'no students listed');
  problems.throwIfAny();
  return students;
}

/** Students listed one by one, with how many there are: a roster's array, or --count's students made as they are read. */
export type StudentList = Iterable<Student> & { readonly length: number };

/** s001 … sNNN for --count N, each made when it is reached: a class of millions is never held whole. */
export function countedStudents(count: number): StudentList {
  const width = Math.max(3, String(count).length);
  return {
    length: count,
    *[Symbol.iterator]() {
      for (let i = 1; i <= count; i++) yield { id: `s${String(i).padStart(width, '0')}`, name: '' };
    },
  };
}

/** s001 … sNNN for --count N, as an array. */
export function numberedStudents(count: number): Student[] {
  return [...countedStudents(count)];
}

export const DEMO_STUDENT: Student = { id: 'demo', name: 'Demo Student' };
