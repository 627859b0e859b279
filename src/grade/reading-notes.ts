import { cutText } from '../text/long-text.js';

/** What report.md says about reading the inputs, before what grading itself noted. */
export interface ReadingNotes {
  /** Records of another catalogue (and whether their keys were re-solved). */
  catalogue: readonly string[];
  /** Said when the keys were not checked against their givens (--trust-keys). */
  keysUnchecked: string | null;
  /** Files in --out (their paths) left in place by --force. */
  left: readonly string[];
  locale: string | null;
  /** What the submissions' reader said of them as a whole (a Moodle report's attempts; duplicate and copied sheets). */
  reader: readonly string[];
  ignoredColumns: readonly string[];
  ignoredCells: number;
}

/** The notes about reading the inputs, in the order report.md lists them. */
export function readingNotes(reading: ReadingNotes): string[] {
  const notes = [...reading.catalogue];
  if (reading.keysUnchecked) notes.push(reading.keysUnchecked);
  for (const path of reading.left) notes.push(`${path} left in place (--force): no earlier grade run recorded it`);
  if (reading.locale) notes.push(reading.locale);
  notes.push(...reading.reader);
  if (reading.ignoredColumns.length > 0) {
    const shown = reading.ignoredColumns.slice(0, 10).map((c) => JSON.stringify(cutText(c)));
    notes.push(`columns ignored: ${shown.join(', ')}${reading.ignoredColumns.length > 10 ? ', …' : ''}`);
  }
  if (reading.ignoredCells > 0) {
    notes.push(`${reading.ignoredCells} answer cell(s) ignored: for a problem or part the student was not given`);
  }
  return notes;
}
