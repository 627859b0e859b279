import { stringify } from 'csv-stringify/sync';
import type { Student } from '../bank/roster.js';
import { SPREADSHEET_BOM, safeCell } from '../io/csv-cell.js';

/** Column of one part in the wide layout: `q1.dw[1]`. */
export const wideColumn = (problemId: string, partId: string) => `${problemId}.${partId}`;

type ProblemParts = readonly { id: string; partIds: readonly string[] }[];

/**
 * The first line of the wide answer sheet students fill in (one row per student, answers blank), after a
 * BOM for the spreadsheet it is filled in: `student`, then one column per (problem, part).
 */
export function answerSheetHeader(problems: ProblemParts): { text: string; columns: number } {
  const columns = problems.flatMap((p) => p.partIds.map((part) => wideColumn(p.id, part)));
  return { text: SPREADSHEET_BOM + stringify([['student', ...columns]], { record_delimiter: 'unix' }), columns: columns.length };
}

/** The answer sheet's rows of these students, answers blank (written piece by piece after the header). */
export function answerSheetRows(students: readonly Student[], columns: number): string {
  const blanks = Array<string>(columns).fill('');
  return students.length === 0 ? '' : stringify(students.map((s) => [safeCell(s.id), ...blanks]), { record_delimiter: 'unix' });
}
