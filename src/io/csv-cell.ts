const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * A cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR at
 * the start) gets a leading apostrophe, unless it is a plain number.
 */
export function safeCell(text: string): string {
  if (/^[=+\-@\t\r]/.test(text) && !NUMBER.test(text)) return `'${text}`;
  return text;
}
