import { safeCell } from '../io/csv-cell.js';

const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV line (RFC 4180: a cell with a quote, comma or line break is
 * quoted, quotes doubled). Written by hand because details.csv has a row
 * per part of every student: a million rows must not wait on a general
 * stringifier.
 */
export function csvLine(cells: readonly string[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) {
    if (i > 0) line += ',';
    line += csvCell(cells[i]!);
  }
  return `${line}\n`;
}

/** One cell as csvLine writes it. */
export function csvCell(cell: string): string {
  return NEEDS_QUOTES.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** A cell whose text came from a student: a formula-looking text gets a leading apostrophe. */
export const studentCell = safeCell;
