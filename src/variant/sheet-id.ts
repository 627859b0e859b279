import { createHash } from 'node:crypto';
import type { VariantRecord } from './record.js';

/** What the sheet id is made of: the parts of a record that decide what was drawn. */
export type SheetIdSource = Pick<VariantRecord, 'set' | 'student' | 'problem' | 'seed' | 'given'>;

/**
 * A short id printed on every page of a student's sheet and key, derived
 * from what was drawn for them: a printed page can be matched to its key,
 * and a returned sheet to the variants it was printed from.
 */
export function sheetIdOf(records: readonly SheetIdSource[]): string {
  const hash = createHash('sha256');
  for (const r of records) hash.update(JSON.stringify([r.set, r.student, r.problem, r.seed, r.given]));
  const hex = hash.digest('hex').slice(0, 8).toUpperCase();
  return `${hex.slice(0, 4)}-${hex.slice(4)}`;
}
