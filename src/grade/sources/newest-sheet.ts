// Which of a student's sheets counts when they handed in several: a sheet
// in their own folder before one found under someone else's name, then the
// newest by the LMS's own order (Canvas: the file's id, then its LATE mark;
// Moodle: the time it wrote into the zip), else by when the PDF was last
// saved, else the later in file order.
import type { SheetCandidate } from './read-sheets.js';

/** A reason one sheet beats another, or null when this measure cannot tell them apart. */
type Measure = (a: SheetCandidate, b: SheetCandidate) => { newer: SheetCandidate; why: string } | null;

const ownFolder: Measure = (a, b) => {
  const own = (s: SheetCandidate) => s.submitter === null || s.submitter === s.student;
  if (own(a) === own(b)) return null;
  const newer = own(a) ? a : b;
  return { newer, why: `handed in under ${newer.student}'s own name; the other under ${(own(a) ? b : a).submitter}'s` };
};

const canvasFileId: Measure = (a, b) => {
  const [x, y] = [a.origin.attachment, b.origin.attachment];
  if (a.origin.lms !== 'canvas' || b.origin.lms !== 'canvas' || x === null || y === null || x === y) return null;
  const [newer, older] = x > y ? [a, b] : [b, a];
  return { newer, why: `uploaded later: Canvas file id ${newer.origin.attachment} > ${older.origin.attachment}` };
};

const canvasLate: Measure = (a, b) => {
  if (a.origin.lms !== 'canvas' || b.origin.lms !== 'canvas' || a.origin.late === b.origin.late) return null;
  return { newer: a.origin.late ? a : b, why: "handed in later: Canvas's LATE mark" };
};

const moodleTime: Measure = (a, b) => {
  const [x, y] = [a.zipTime?.getTime(), b.zipTime?.getTime()];
  if (a.origin.lms !== 'moodle' || b.origin.lms !== 'moodle' || x === undefined || y === undefined || x === y) return null;
  const newer = x > y ? a : b;
  return { newer, why: `uploaded later: Moodle's time in the zip, ${isoMinute(newer.zipTime!)}` };
};

const savedTime: Measure = (a, b) => {
  const [x, y] = [a.sheet.saved?.getTime(), b.sheet.saved?.getTime()];
  if (x === undefined || y === undefined || x === y) return null;
  const newer = x > y ? a : b;
  return { newer, why: `saved later: the PDF's modification date, ${isoMinute(newer.sheet.saved!)}` };
};

const MEASURES: readonly Measure[] = [ownFolder, canvasFileId, canvasLate, moodleTime, savedTime];

function compare(a: SheetCandidate, b: SheetCandidate): { newer: SheetCandidate; why: string } {
  for (const measure of MEASURES) {
    const found = measure(a, b);
    if (found) return found;
  }
  const newer = a.row > b.row ? a : b;
  return { newer, why: 'the later in file order: nothing else tells them apart' };
}

/** A student's sheets, the one to grade first, with why it beats the next. */
export function newestFirst(sheets: readonly SheetCandidate[]): { sheet: SheetCandidate; why: string }[] {
  const sorted = [...sheets].sort((a, b) => (compare(a, b).newer === a ? -1 : 1));
  return sorted.map((sheet, i) => ({ sheet, why: i + 1 < sorted.length ? compare(sheet, sorted[i + 1]!).why : '' }));
}

const isoMinute = (date: Date): string => `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
