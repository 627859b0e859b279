// Which delimiter a CSV that a person saved uses: `,`, or `;` as Excel writes
// it where the decimal separator is a comma (Romanian and most European
// locales). Told from the header line alone: a `;` file's data may hold
// decimal commas (`0,34`), its header names columns.
import { parse } from 'csv-parse/sync';

export const CSV_DELIMITERS = [',', ';'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

/** For a message about a header that fits neither delimiter. */
export const DELIMITERS_TRIED = `read with "," and with ";" as the delimiter`;

/**
 * The first delimiter under which the header line's cells are what the
 * reader expects (`fits`), or undefined when neither is.
 */
export function detectDelimiter(headerLine: string, fits: (cells: string[]) => boolean): CsvDelimiter | undefined {
  return CSV_DELIMITERS.find((delimiter) => fits(headerCells(headerLine, delimiter)));
}

/** The cells of one header line under a delimiter, quoted cells as CSV reads them ([] if it cannot be read). */
function headerCells(line: string, delimiter: CsvDelimiter): string[] {
  try {
    const [cells] = parse(line, { delimiter, relax_quotes: true, relax_column_count: true, to_line: 1 }) as string[][];
    return cells ?? [];
  } catch {
    return [];
  }
}

/** The first line of a CSV's text that is not empty, and its number (1-based); a leading BOM is not part of it. */
export function headerLineOf(text: string): { text: string; line: number } | undefined {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const at = lines.findIndex((line) => line !== '');
  return at < 0 ? undefined : { text: lines[at]!, line: at + 1 };
}
