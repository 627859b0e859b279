/** Bad command-line usage: the CLI prints help and exits 2. */
export class UsageError extends Error {}

/** Persian digits are reordered right only by the right-to-left layout: a left-to-right PDF would print them reversed. */
export const PERSIAN_DIGITS_PDF =
  'Persian digits in a PDF need the Persian (right-to-left) layout: use --locale fa, or --format md (or md,json), or --digits latin.';
