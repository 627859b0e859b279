// Filled sheets as submission rows: each file handed in (one PDF, a folder
// of them, an LMS's zip) is a row, graded or rejected with a reason. A
// sheet names its own student; the LMS's path only says who handed it in,
// which settles a student's duplicates and flags a sheet handed in under
// someone else's name.
import type { RejectedRow, SubmissionCounts } from '../read-submissions.js';
import { recordAnswer } from '../read-submissions.js';
import { type RowOwner, takesRejected } from '../row-owner.js';
import type { VariantIndex } from '../variant-index.js';
import { IDENTITY_FIELD } from '../../variant/sheet-form.js';
import { type LmsOrigin, lmsOrigin } from './lms-names.js';
import { type FilledSheet, readFilledSheet } from './pdf-sheet.js';
import { type SheetOwner, Submitters, sheetOwners } from './sheet-owners.js';
import { type SubmissionsKind, submittedFiles } from './submitted-file.js';
import { newestFirst } from './newest-sheet.js';

/** A readable sheet of a known student, waiting for their other sheets to be read. */
export interface SheetCandidate {
  row: number;
  source: string;
  student: string;
  sheet: FilledSheet;
  origin: LmsOrigin;
  /** Who the LMS filed it under (null: the path names no one for sure). */
  submitter: string | null;
  zipTime: Date | undefined;
}

const IDENTITY_FIELDS = new Set(Object.values(IDENTITY_FIELD));

export async function readSheetSubmissions(
  path: string,
  kind: Exclude<SubmissionsKind, 'csv'>,
  index: VariantIndex,
  reject: (row: RejectedRow) => void,
  owns: RowOwner,
): Promise<SubmissionCounts> {
  const owners = await sheetOwners(index.file);
  const submitters = new Submitters(owners);
  const skipped = { count: 0 };
  const rejected: RejectedRow[] = [];
  const candidates: SheetCandidate[] = [];
  const notes: string[] = [];
  let row = 0;
  for await (const file of submittedFiles(path, kind, skipped)) {
    row++;
    const refuse = (reason: string, student = '') =>
      rejected.push({ line: row, source: file.source, student, problem: '', part: '', answer: '', reason });
    if (!file.bytes) {
      refuse(file.refused ?? 'not read');
      continue;
    }
    const read = await readFilledSheet(file.bytes);
    if (!read.ok) {
      refuse(read.reason);
      continue;
    }
    const owner = sheetOwner(read.sheet, index, owners);
    if ('reason' in owner) {
      refuse(owner.reason, owner.student);
      continue;
    }
    const origin = lmsOrigin(file.source);
    candidates.push({ row, source: file.source, student: owner.student, sheet: read.sheet, origin, submitter: submitters.of(origin), zipTime: file.zipTime });
  }

  // Which sheet of a student counts, and the notes, are decided over every file (a shard
  // reads them all); a shard then grades and rejects for its own students only.
  const graded = chooseSheets(candidates, owners, rejected, notes).filter((sheet) => owns(sheet.student));
  let ignoredCells = 0;
  for (const sheet of graded) ignoredCells += placeAnswers(sheet, index);
  const taken = rejected.filter((refused) => takesRejected(owns, index, refused.student)).sort((a, b) => a.line - b.line);
  for (const refused of taken) reject(refused);
  if (skipped.count > 0) notes.push(`${skipped.count} file(s) an operating system adds (__MACOSX/, .DS_Store, Thumbs.db) skipped`);
  const elsewhere = row - graded.length - taken.length;
  return { layout: 'sheets', read: row, graded: graded.length, rejected: taken.length, elsewhere, ignoredColumns: [], ignoredCells, notes };
}

/** The student a sheet belongs to, or why it is none of these variants' sheets. */
function sheetOwner(sheet: FilledSheet, index: VariantIndex, owners: ReadonlyMap<string, SheetOwner>): { student: string } | { reason: string; student: string } {
  const { identity, fields } = sheet;
  const answerBoxes = [...fields.keys()].filter((name) => isAnswerField(name, index));
  if (!identity.set && !identity.student && !identity.sheet) {
    if (fields.size === 0) return { reason: 'no form fields: printed and scanned? Hand in the sheet PDF you typed into', student: '' };
    return answerBoxes.length === 0
      ? { reason: 'not a sigmax sheet: a PDF form with no sheet id and none of the answer boxes of these variants', student: '' }
      : { reason: 'not a sigmax sheet: its answer boxes have no sheet id with them (removed by the program that saved it?)', student: '' };
  }
  // A sheet that lost its student id (but kept its sheet id) is still its owner's.
  const student = identity.student ?? [...owners].find(([, owner]) => owner.sheetId === identity.sheet)?.[0] ?? '';
  if (identity.set !== undefined && identity.set !== index.set) {
    return { reason: `a sheet of set "${identity.set}", not of "${index.set}" (${index.file})`, student };
  }
  const owner = owners.get(student);
  if (!owner) {
    const reason = student ? `a sheet of student "${student}", who has no variants in ${index.file}` : `a sheet whose student and sheet id are none of ${index.file}'s`;
    return { reason, student };
  }
  if (identity.sheet !== undefined && identity.sheet !== owner.sheetId) {
    return {
      reason: `sheet ${identity.sheet} is not ${student}'s sheet ${owner.sheetId} in ${index.file}: printed by another generate run (another seed or bank)?`,
      student,
    };
  }
  if (answerBoxes.length === 0) {
    return {
      reason: `no form fields: printed and scanned? The sheet of ${student} (${owner.sheetId}) has no answer boxes left; hand in the PDF you typed into`,
      student,
    };
  }
  return { student };
}

function isAnswerField(name: string, index: VariantIndex): boolean {
  const dot = name.indexOf('.');
  return dot > 0 && index.hasPart(name.slice(0, dot), name.slice(dot + 1));
}

/**
 * One sheet per student: the newest by the LMS's own order (see newestFirst), a sheet in
 * the student's own folder before one found in someone else's. The others are rejected,
 * and a sheet handed in under another student's name is flagged either way.
 */
function chooseSheets(candidates: readonly SheetCandidate[], owners: ReadonlyMap<string, SheetOwner>, rejected: RejectedRow[], notes: string[]): SheetCandidate[] {
  const byStudent = new Map<string, SheetCandidate[]>();
  for (const sheet of candidates) {
    const own = byStudent.get(sheet.student);
    if (own) own.push(sheet);
    else byStudent.set(sheet.student, [sheet]);
  }
  const kept: SheetCandidate[] = [];
  for (const [student, sheets] of byStudent) {
    const [winner, ...others] = newestFirst(sheets);
    kept.push(winner!.sheet);
    if (others.length > 0) {
      notes.push(
        `${student} handed in ${sheets.length} sheets: graded ${winner!.sheet.source}` +
          ` (${winner!.why}); not graded: ${others.map((o) => o.sheet.source).join(', ')}`,
      );
    }
    for (const other of others) {
      rejected.push({
        line: other.sheet.row,
        source: other.sheet.source,
        student,
        problem: '',
        part: '',
        answer: '',
        reason: `${student}'s sheet again: ${winner!.sheet.source} was graded instead (${winner!.why})`,
      });
    }
  }
  const graded = new Map(kept.map((sheet) => [sheet.student, sheet]));
  const named = (student: string) => `${student}${owners.get(student)!.name ? `, ${owners.get(student)!.name}` : ''}`;
  for (const sheet of candidates) {
    if (sheet.submitter === null || sheet.submitter === sheet.student) continue;
    const winner = graded.get(sheet.student)!;
    notes.push(
      `possible copying: ${sheet.source}, handed in under ${sheet.origin.filedUnder} (${named(sheet.submitter)}), ` +
        `is the sheet of ${sheet.student}${owners.get(sheet.student)!.name ? ` (${owners.get(sheet.student)!.name})` : ''}: ` +
        (winner === sheet ? `graded for ${sheet.student}` : `not graded (${winner.source} was, for ${sheet.student})`),
    );
  }
  kept.sort((a, b) => a.row - b.row);
  return kept;
}

/** Puts a sheet's answers into its student's variants; returns how many filled boxes name no part of theirs. */
function placeAnswers(sheet: SheetCandidate, index: VariantIndex): number {
  const problems = index.students.get(sheet.student)!;
  let ignored = 0;
  for (const [name, answer] of sheet.sheet.fields) {
    if (IDENTITY_FIELDS.has(name)) continue;
    const dot = name.indexOf('.');
    const slot = dot > 0 ? problems.get(name.slice(0, dot)) : undefined;
    const at = slot?.parts.indexOf.get(name.slice(dot + 1));
    if (slot && at !== undefined) recordAnswer(slot, at, answer, sheet.row);
    else if (answer.trim() !== '') ignored++;
  }
  return ignored;
}
