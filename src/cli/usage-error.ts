import { RTL_LOCALES } from '../bank/bank.js';

/** Bad command-line usage: the CLI prints the message and the command’s usage line, and exits 2. */
export class UsageError extends Error {}

/**
 * Persian digits are put in order only by the right-to-left layout: a
 * left-to-right PDF would print them reversed, so that is bad usage.
 */
export function refusePersianDigitsInLtrPdf(options: { digits: string; locale: string; pdf: boolean }): void {
  if (options.pdf && options.digits === 'persian' && !RTL_LOCALES.has(options.locale)) {
    throw new UsageError(
      'Persian digits in a PDF need the Persian (right-to-left) layout: use --locale fa, or --format md (or md,json), or --digits latin.',
    );
  }
}

/** The formats a `--format` (or other `option`'s) comma list names, trimmed; one not among `allowed` is bad usage. */
export function formatList(list: string, allowed: readonly string[], option = '--format'): string[] {
  const formats = list.split(',').map((f) => f.trim());
  const unknown = formats.filter((f) => !allowed.includes(f));
  if (unknown.length > 0) throw new UsageError(`${option}: expected a comma list of ${allowed.join(', ')}, got "${unknown.join(',')}"`);
  return formats;
}

/** The documents among formats (pdf, md), in the order given. */
export const documentFormats = (formats: readonly string[]): ('pdf' | 'md')[] =>
  formats.filter((f): f is 'pdf' | 'md' => f === 'pdf' || f === 'md');

/** A `--workers` count must be a whole number ≥ 0 (0 and 1: the main thread alone). */
export function checkWorkers(workers: number | undefined): void {
  if (workers !== undefined && !(Number.isInteger(workers) && workers >= 0)) {
    throw new UsageError(`--workers: expected a whole number ≥ 0, got ${workers}`);
  }
}
