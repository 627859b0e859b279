// The sheet id: a short id printed on every page of a student's sheet and
// key, and carried by every LMS question exported from their variants, derived
// from what was drawn for them. Here, below render and grade, because both
// need it: render prints it, grade finds a Moodle response's variant by it.
import { createHash } from 'node:crypto';
import type { VariantRecord } from './record.js';

/** What of a record the sheet id is made from. */
export type SheetIdSource = Pick<VariantRecord, 'set' | 'student' | 'problem' | 'seed' | 'given'>;

/** Builds a sheet id record by record (a student's records in file order), as a reader of variants.jsonl meets them. */
export class SheetIdHash {
  private readonly hash = createHash('sha256');

  add(record: SheetIdSource): void {
    this.hash.update(JSON.stringify([record.set, record.student, record.problem, record.seed, record.given]));
  }

  /** `XXXX-XXXX`, upper-case hexadecimal. */
  digest(): string {
    const hex = this.hash.digest('hex').slice(0, 8).toUpperCase();
    return `${hex.slice(0, 4)}-${hex.slice(4)}`;
  }
}

/** The sheet id of a student's records (all their problems, in the order drawn). */
export function sheetIdOf(records: readonly SheetIdSource[]): string {
  const hash = new SheetIdHash();
  for (const record of records) hash.add(record);
  return hash.digest();
}

/** A sheet id as it appears in text: four and four upper-case hexadecimal digits. */
export const SHEET_ID = /(?<![0-9A-Za-z])[0-9A-F]{4}-[0-9A-F]{4}(?![0-9A-Za-z])/g;
