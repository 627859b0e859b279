import { stringify } from 'csv-stringify/sync';
import type { Student } from '../bank/roster.js';
import { SPREADSHEET_BOM, safeCell } from '../io/csv-cell.js';

/** Column of one part in the wide layout: `q1.dw[1]`. */
export const wideColumn = (problemId: string, partId: string) => `${problemId}.${partId}`;

/**
 * The wide answer sheet students fill in: one row per student, one column
 * per (problem, part), answers blank; with a BOM, for the spreadsheet it is filled in.
 */
export function answerSheetCsv(students: readonly Student[], problems: readonly { id: string; partIds: readonly string[] }[]) {
  const columns = problems.flatMap((p) => p.partIds.map((part) => wideColumn(p.id, part)));
  const rows = [['student', ...columns], ...students.map((s) => [safeCell(s.id), ...columns.map(() => '')])];
  return SPREADSHEET_BOM + stringify(rows, { record_delimiter: 'unix' });
}
