/** What report.md says about reading the inputs, before what grading itself noted. */
export interface ReadingNotes {
  catalogue: readonly string[];
  /** Files in --out left in place by --force. */
  left: readonly string[];
  locale: string | null;
  ignoredColumns: readonly string[];
  ignoredCells: number;
}

/** The notes about reading the inputs, in the order report.md lists them. */
export function readingNotes(reading: ReadingNotes): string[] {
  const notes = [...reading.catalogue, ...reading.left];
  if (reading.locale) notes.push(reading.locale);
  if (reading.ignoredColumns.length > 0) {
    const shown = reading.ignoredColumns.slice(0, 10).map((c) => JSON.stringify(c));
    notes.push(`columns ignored: ${shown.join(', ')}${reading.ignoredColumns.length > 10 ? ', …' : ''}`);
  }
  if (reading.ignoredCells > 0) {
    notes.push(`${reading.ignoredCells} answer cell(s) ignored: for a problem or part the student was not given`);
  }
  return notes;
}
