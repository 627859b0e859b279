// Persian Markdown is read in a browser with dir: rtl. A code span there is
// Latin text (a CSV column, a number as typed) whose digits and signs the
// bidi algorithm would reorder among the Persian words around it
// (`3.49×10^-32` shown as 32-^3.49×10). Isolating each span (LRI … PDI)
// keeps it as typed; the PDF layout honours the same marks.

import { LRI, isolatedLtr } from '../text/bidi-isolates.js';

// Math is matched too, only so that a backtick inside a formula is not taken for code.
const MATH_OR_CODE = /\$\$[\s\S]*?\$\$|\$[^$\n]+\$|`[^`\n]+`/g;

/** Every inline code span of the Markdown wrapped in a left-to-right isolate (once). */
export function isolateCodeSpans(markdown: string): string {
  return markdown.replace(MATH_OR_CODE, (span: string, offset: number) =>
    span.startsWith('`') && markdown[offset - 1] !== LRI ? isolatedLtr(span) : span,
  );
}
