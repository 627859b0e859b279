import type { VariantIndex } from './variant-index.js';

/**
 * For one shard of a class: whether this run takes the rows of a student of the
 * variants file, or (null) the rows of no such student, which one shard rejects for all.
 * A whole-class run takes every row.
 */
export type RowOwner = (student: string | null) => boolean;

export const EVERY_ROW: RowOwner = () => true;

/** Whether this run writes a rejected row: its student's shard does, and one shard those of no student of the variants. */
export const takesRejected = (owns: RowOwner, index: VariantIndex, student: string): boolean =>
  owns(index.students.has(student) ? student : null);
