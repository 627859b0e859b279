// Which way a page's text runs, and what a name or title typed in a
// right-to-left script needs to read right inside a left-to-right page:
// the same for the PDF, the Markdown and the feedback files.

export type TextDirection = 'ltr' | 'rtl';

/**
 * Hebrew, Arabic, Syriac, Thaana, N'Ko … (U+0590–U+08FF), their presentation
 * forms, the right-to-left planes of the supplementary range, and the marks
 * and controls that start right-to-left text (RLM, ALM, RLE, RLO, RLI).
 */
const RIGHT_TO_LEFT = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}\u200F\u061C\u202B\u202E\u2067]/u;

/** Text with a right-to-left letter or control in it. */
export const hasRightToLeft = (text: string): boolean => RIGHT_TO_LEFT.test(text);

/** Marks, embeddings, overrides and isolates: they steer the direction of text and are never drawn. */
export const BIDI_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

/** First-strong isolate and pop directional isolate (U+2068, U+2069): what they enclose takes its own direction and is one neutral to the text around it. */
const FSI = '\u2068';
const PDI = '\u2069';

/**
 * A name, title or id as a left-to-right page prints it: wrapped in a
 * first-strong isolate when it holds right-to-left text, so the text after
 * it stays in place. Without it "محمد رضایی (12345)" draws the parenthesised
 * id to the left of the name (after an Arabic letter the digits count as
 * right to left, and the bracket goes with them). Left-to-right text is
 * returned as it is, so a Latin name's bytes never change. A right-to-left
 * page needs no mark: European digits after a Latin letter stay left to
 * right, and the PDF layout isolates left-to-right spans itself.
 */
export function isolatedOn(page: TextDirection, text: string): string {
  return page === 'ltr' && hasRightToLeft(text) ? `${FSI}${text}${PDI}` : text;
}
