import type { Digits } from '../../bank/bank.js';
import { type TextDirection, isolatedOn } from '../../text/text-direction.js';
import { persianDigits } from '../prose-digits.js';
import { textWidth } from './fonts.js';
import { drawText } from './text-operators.js';
import { PAGE, TEXT } from './typography.js';

/** What every page of a document carries, so a loose page can be put back where it belongs. */
export interface PageFrame {
  /** Top left: the set title. */
  title: string;
  /** Top right: the student's name (shortened if need be) … */
  name: string;
  /** … and id, always in full (or just "Instructor key"). */
  id: string;
  /** Bottom left: sheet id and kind of document. */
  footer: string;
  /** "page {page} of {count}" in the document's language (English when absent). */
  pageLabel?: string;
  /** The digits of the numbers the document writes itself (page numbers, list markers), as the set prints prose numbers; Latin when absent. */
  digits?: Digits;
}

/** Lays out and draws one line of frame text from its left edge (a right-to-left page sets it right to left). */
export interface FrameText {
  width(text: string, size: number): number;
  draw(doc: PDFKit.PDFDocument, text: string, x: number, baseline: number, size: number): void;
}

/** Frame text of a page with no right-to-left text anywhere: DejaVu Sans, left to right, in the muted colour. */
export const plainFrameText: FrameText = {
  width: (text, size) => textWidth('regular', text, size),
  draw: (doc, text, x, baseline, size) => drawText(doc, 'regular', size, TEXT.muted, text, x, baseline),
};

const pageLabelOf = (frame: PageFrame, page: number, count: number) => {
  const digits = (n: number) => (frame.digits === 'persian' ? persianDigits(String(n)) : String(n));
  return (frame.pageLabel ?? 'page {page} of {count}').replace('{page}', digits(page)).replace('{count}', digits(count));
};

/**
 * Stamps the running header and "page i of n" footer on every buffered page:
 * title and footer at the start of the line, the reader and the page number
 * at its end (mirrored on a right-to-left page).
 */
export function stampFrames(doc: PDFKit.PDFDocument, frame: PageFrame, text: FrameText, direction: TextDirection): void {
  const { start, count } = doc.bufferedPageRange();
  const size = TEXT.frameSize;
  const left = PAGE.marginLeft;
  const right = PAGE.width - PAGE.marginRight;
  const measure = (t: string) => text.width(t, size);
  const atStart = (t: string, baseline: number) => text.draw(doc, t, direction === 'rtl' ? right - measure(t) : left, baseline, size);
  const atEnd = (t: string, baseline: number) => text.draw(doc, t, direction === 'rtl' ? left : right - measure(t), baseline, size);
  const idPart = frame.name ? ` (${frame.id})` : frame.id;
  // A Persian name on a left-to-right page is isolated, so its "(id)" stays after it.
  const who = `${frame.name ? isolatedOn(direction, fitText(frame.name, (right - left) * 0.45 - measure(idPart), measure)) : ''}${idPart}`;
  const title = fitText(frame.title, right - left - measure(who) - 24, measure);
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    atStart(title, PAGE.headerBaseline);
    atEnd(who, PAGE.headerBaseline);
    doc.save().lineWidth(0.5).strokeColor(TEXT.muted).moveTo(left, PAGE.headerRule).lineTo(right, PAGE.headerRule).stroke().restore();
    atStart(frame.footer, PAGE.footerBaseline);
    atEnd(pageLabelOf(frame, i - start + 1, count), PAGE.footerBaseline);
  }
}

/** Cuts text with an ellipsis so a long title never runs into the name. */
function fitText(text: string, width: number, measure: (t: string) => number): string {
  if (measure(text) <= width) return text;
  let cut = text;
  while (cut.length > 1 && measure(`${cut}…`) > width) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}
