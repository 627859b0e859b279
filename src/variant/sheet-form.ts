// What a fillable problem sheet carries, written by render and read back by
// grade: one text field per part, named as its answer-sheet.csv column, and
// the sheet's identity, so a returned PDF names its variant whatever the
// file is called.
export { wideColumn as answerFieldName } from './answer-sheet.js';

/** Who a sheet is for: the set, the student and the sheet id (sheetIdOf their records). */
export interface SheetIdentity {
  set: string;
  student: string;
  sheet: string;
}

export const SHEET_IDENTITY_KEYS = ['set', 'student', 'sheet'] as const;

/**
 * The identity in the document information dictionary (custom keys, kept by
 * readers that save form data) and, the same again, in read-only fields of
 * no size: either survives alone. A colon cannot be in a problem id, so
 * these names never meet an answer field's.
 */
export const IDENTITY_INFO_KEY: Readonly<Record<keyof SheetIdentity, string>> = {
  set: 'SigmaxSet',
  student: 'SigmaxStudent',
  sheet: 'SigmaxSheet',
};
export const IDENTITY_FIELD: Readonly<Record<keyof SheetIdentity, string>> = {
  set: 'sigmax:set',
  student: 'sigmax:student',
  sheet: 'sigmax:sheet',
};
