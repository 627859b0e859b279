import type { PassSinks } from './grade-pass.js';
import type { RowOwner } from './row-owner.js';

/**
 * One shard of a class, graded apart from the others (src/shard/ decides which
 * students and records where each piece goes): which students and submission rows
 * this run takes, and every chunk of details.csv, grades.csv and rejected.csv with
 * its key, the place it takes in the whole class's file: the variants line of a
 * variant (details), of a student's first variant (grades), the submissions line (rejected).
 */
export interface ClassPart {
  owns: RowOwner;
  chunk(file: 'details' | 'grades' | 'rejected', key: number, text: string): void;
  studentTallied: NonNullable<PassSinks['studentTallied']>;
}
