import type { Digits } from '../../bank/bank.js';
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

const pageLabelOf = (frame: PageFrame, page: number, count: number) => {
  const digits = (n: number) => (frame.digits === 'persian' ? persianDigits(String(n)) : String(n));
  return (frame.pageLabel ?? 'page {page} of {count}').replace('{page}', digits(page)).replace('{count}', digits(count));
};

/** Stamps the running header and "page i of n" footer on every buffered page. */
export function stampFrames(doc: PDFKit.PDFDocument, frame: PageFrame, rtlText: FrameText | null = null): void {
  if (rtlText) return stampRtlFrames(doc, frame, rtlText);
  const { start, count } = doc.bufferedPageRange();
  const size = TEXT.frameSize;
  const left = PAGE.marginLeft;
  const right = PAGE.width - PAGE.marginRight;
  const idPart = frame.name ? ` (${frame.id})` : frame.id;
  const who = `${frame.name ? fitText(frame.name, (right - left) * 0.45 - textWidth('regular', idPart, size), size) : ''}${idPart}`;
  const title = fitText(frame.title, right - left - textWidth('regular', who, size) - 24, size);
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    drawText(doc, 'regular', size, TEXT.muted, title, left, PAGE.headerBaseline);
    drawText(doc, 'regular', size, TEXT.muted, who, right - textWidth('regular', who, size), PAGE.headerBaseline);
    doc.save().lineWidth(0.5).strokeColor(TEXT.muted).moveTo(left, PAGE.headerRule).lineTo(right, PAGE.headerRule).stroke().restore();
    const page = pageLabelOf(frame, i - start + 1, count);
    drawText(doc, 'regular', size, TEXT.muted, frame.footer, left, PAGE.footerBaseline);
    drawText(doc, 'regular', size, TEXT.muted, page, right - textWidth('regular', page, size), PAGE.footerBaseline);
  }
}

/** Cuts text with an ellipsis so a long title never runs into the name. */
function fitText(text: string, width: number, size: number, measure = (t: string) => textWidth('regular', t, size)): string {
  if (measure(text) <= width) return text;
  let cut = text;
  while (cut.length > 1 && measure(`${cut}…`) > width) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/** The mirror of stampFrames: title and footer on the right, the reader and the page number on the left. */
function stampRtlFrames(doc: PDFKit.PDFDocument, frame: PageFrame, text: FrameText): void {
  const { start, count } = doc.bufferedPageRange();
  const size = TEXT.frameSize;
  const left = PAGE.marginLeft;
  const right = PAGE.width - PAGE.marginRight;
  const measure = (t: string) => text.width(t, size);
  const idPart = frame.name ? ` (${frame.id})` : frame.id;
  const who = `${frame.name ? fitText(frame.name, (right - left) * 0.45 - measure(idPart), size, measure) : ''}${idPart}`;
  const title = fitText(frame.title, right - left - measure(who) - 24, size, measure);
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    text.draw(doc, title, right - measure(title), PAGE.headerBaseline, size);
    text.draw(doc, who, left, PAGE.headerBaseline, size);
    doc.save().lineWidth(0.5).strokeColor(TEXT.muted).moveTo(left, PAGE.headerRule).lineTo(right, PAGE.headerRule).stroke().restore();
    text.draw(doc, frame.footer, right - measure(frame.footer), PAGE.footerBaseline, size);
    text.draw(doc, pageLabelOf(frame, i - start + 1, count), left, PAGE.footerBaseline, size);
  }
}
