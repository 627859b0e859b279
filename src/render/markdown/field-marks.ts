// A fillable answer box in a sheet's Markdown: a template prints {{field}} in
// a table cell, which is the field's name between two private-use marks.
// The PDF layout puts a form field in that cell; Markdown written as a
// document, and a PDF printed without fields, drop the marks, which leaves
// the cell empty as it always was.

const OPEN = '\uE010';
const CLOSE = '\uE011';

/** The text a template prints for the answer box of one part (its field named as the CSV column). */
export const fieldMark = (name: string): string => `${OPEN}${name}${CLOSE}`;

/** A field mark and the name in it; a span Persian digits must leave as it is (prose-digits). */
export const FIELD_MARK_PATTERN = `${OPEN}[^${CLOSE}]*${CLOSE}`;

const MARKS = new RegExp(FIELD_MARK_PATTERN, 'g');
const ALONE = new RegExp(`^\\s*${OPEN}([^${CLOSE}]*)${CLOSE}\\s*$`);

/** The Markdown with every answer box left empty. */
export const withoutFieldMarks = (markdown: string): string => (markdown.includes(OPEN) ? markdown.replace(MARKS, '') : markdown);

/** The field name when a table cell's text is one field mark and nothing else; otherwise null. */
export function fieldNameIn(text: string): string | null {
  return ALONE.exec(text)?.[1] ?? null;
}
