const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * What a spreadsheet may take for the start of a formula: = + - @, a tab or CR,
 * and the full-width ＝ ＋ － ＠ that Excel reads as their ASCII forms.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * A cell that a spreadsheet would run as a formula gets a leading
 * apostrophe, unless it is a plain number.
 */
export function safeCell(text: string): string {
  if (FORMULA_START.test(text) && !NUMBER.test(text)) return `'${text}`;
  return text;
}

/**
 * The UTF-8 byte order mark that starts every CSV meant for a spreadsheet:
 * without it Excel reads the file in the system's code page, and Persian or
 * Romanian text turns into mojibake. Every reader of sigmax skips it.
 */
export const SPREADSHEET_BOM = '\uFEFF';
