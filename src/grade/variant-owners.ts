// Who each variant belongs to, read from variants.jsonl for what only some
// gradings need: the student's name and LMS identity (the gradebook files),
// their sheet id and the line of each of their problems (a Moodle responses
// report, whose questions name the variant by its sheet id). A pass of its
// own, made only then: the usual grading keeps none of this.
import { InputError } from '../bank/errors.js';
import { LMS_IDENTITY_FIELDS, type LmsIdentityField } from '../bank/roster.js';
import { SheetIdHash, type SheetIdSource } from '../variant/sheet-id.js';
import { jsonLines } from './json-lines.js';

export interface VariantOwner {
  student: string;
  name: string;
  /** The roster's LMS identity, where variants.jsonl records it. */
  identity: Partial<Record<LmsIdentityField, string>>;
  /** The id printed on the student's sheet and in their exported questions. */
  sheetId: string;
  /** The line of variants.jsonl that holds each of the student's problems. */
  lines: ReadonlyMap<string, number>;
}

export interface VariantOwners {
  /** In order of first appearance. */
  students: ReadonlyMap<string, VariantOwner>;
  /** Sheet ids unique to one student (of 2^32: two students of a large class may share one). */
  bySheetId: ReadonlyMap<string, VariantOwner>;
  /** Sheet ids two students share: a question carrying one cannot be traced. */
  sharedSheetIds: ReadonlySet<string>;
}

/** Reads the owners of a variants file the first pass (loadVariants) has checked. */
export async function loadVariantOwners(file: string): Promise<VariantOwners> {
  const building = new Map<string, { owner: Omit<VariantOwner, 'sheetId'>; hash: SheetIdHash }>();
  for await (const { line, text } of jsonLines(file)) {
    let record: SheetIdSource & Record<string, unknown>;
    try {
      record = JSON.parse(text) as typeof record;
    } catch {
      throw InputError.at({ file, line }, 'the file changed while it was being graded');
    }
    let entry = building.get(record.student);
    if (!entry) {
      const identity: VariantOwner['identity'] = {};
      for (const field of LMS_IDENTITY_FIELDS) {
        const value = record[field];
        if (typeof value === 'string' && value !== '') identity[field] = value;
      }
      const name = typeof record.name === 'string' ? record.name : '';
      entry = { owner: { student: record.student, name, identity, lines: new Map() }, hash: new SheetIdHash() };
      building.set(record.student, entry);
    }
    entry.hash.add(record);
    (entry.owner.lines as Map<string, number>).set(record.problem, line);
  }
  const students = new Map<string, VariantOwner>();
  const bySheetId = new Map<string, VariantOwner>();
  const sharedSheetIds = new Set<string>();
  for (const [student, { owner, hash }] of building) {
    const finished = { ...owner, sheetId: hash.digest() };
    students.set(student, finished);
    if (bySheetId.has(finished.sheetId)) sharedSheetIds.add(finished.sheetId);
    bySheetId.set(finished.sheetId, finished);
  }
  for (const shared of sharedSheetIds) bySheetId.delete(shared);
  return { students, bySheetId, sharedSheetIds };
}

/** The text of these lines of a JSON-lines file (the records a Moodle random draw gave to another student). */
export async function recordTexts(file: string, lines: ReadonlySet<number>): Promise<Map<number, string>> {
  const texts = new Map<number, string>();
  if (lines.size === 0) return texts;
  for await (const { line, text } of jsonLines(file)) if (lines.has(line)) texts.set(line, text);
  return texts;
}
