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
}

/** Stamps the running header and "page i of n" footer on every buffered page. */
export function stampFrames(doc: PDFKit.PDFDocument, frame: PageFrame): void {
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
    const page = `page ${i - start + 1} of ${count}`;
    drawText(doc, 'regular', size, TEXT.muted, frame.footer, left, PAGE.footerBaseline);
    drawText(doc, 'regular', size, TEXT.muted, page, right - textWidth('regular', page, size), PAGE.footerBaseline);
  }
}

/** Cuts text with an ellipsis so a long title never runs into the name. */
function fitText(text: string, width: number, size: number): string {
  if (textWidth('regular', text, size) <= width) return text;
  let cut = text;
  while (cut.length > 1 && textWidth('regular', `${cut}…`, size) > width) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}
