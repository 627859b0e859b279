// Text set by writing PDF text operators directly. pdfkit's text() handles
// wrapping, alignment, links, underline, a transform and a colour change for
// every call; the layout here has already placed each run, and that
// per-call machinery was a large part of a page's cost.
import type { FontRole } from './fonts.js';
import { currentFont, encodeShaped, useFont } from './pdfkit-fonts.js';

const number = (value: number) => {
  const rounded = Math.round(value * 1000) / 1000;
  return rounded === 0 ? '0' : String(rounded);
};

const colours = new Map<string, string>();

/** '#111111' → '0.067 0.067 0.067 rg'. */
function fillColour(hex: string): string {
  let operator = colours.get(hex);
  if (!operator) {
    const channels = [1, 3, 5].map((i) => number(Number.parseInt(hex.slice(i, i + 2), 16) / 255));
    operator = `${channels.join(' ')} rg`;
    colours.set(hex, operator);
  }
  return operator;
}

/** Sets text in a face with its baseline at y (pdfkit's top-down coordinates). */
export function drawText(doc: PDFKit.PDFDocument, role: FontRole, size: number, colour: string, text: string, x: number, baseline: number): void {
  useFont(doc, role, size);
  const font = currentFont(doc);
  const [glyphs, positions] = font.encode(text) as [string[], { xAdvance: number; advanceWidth: number; xOffset: number; yOffset: number }[]];
  if (positions.some((p) => p.xOffset || p.yOffset)) {
    // Marks placed by the font (a combining accent): pdfkit positions those glyph by glyph.
    doc.fillColor(colour).text(text, x, baseline, { lineBreak: false, baseline: 'alphabetic' });
    return;
  }
  // y is flipped twice (page and text matrix): the glyphs stand upright.
  doc.addContent(`q ${fillColour(colour)} BT /${font.id} ${number(size)} Tf 1 0 0 -1 ${number(x)} ${number(baseline)} Tm [${tjParts(glyphs, positions)}] TJ ET Q`);
}

/**
 * Sets a run shaped as a whole (a right-to-left run in visual order), marks
 * included: glyphs the font moves (xOffset/yOffset, e.g. a kasra under its
 * letter) are placed one by one, the others in TJ runs from their pen position.
 */
export function drawShapedText(doc: PDFKit.PDFDocument, role: FontRole, size: number, colour: string, text: string, x: number, baseline: number): void {
  useFont(doc, role, size);
  const font = currentFont(doc);
  const { glyphs, positions } = encodeShaped(doc, role, text);
  const scale = size / 1000;
  const ops: string[] = [];
  let pen = x;
  let start = 0;
  const flush = (end: number, startX: number) => {
    if (end > start) ops.push(`1 0 0 -1 ${number(startX)} ${number(baseline)} Tm [${tjParts(glyphs.slice(start, end), positions.slice(start, end))}] TJ`);
  };
  let runX = x;
  positions.forEach((p, i) => {
    if (p.xOffset || p.yOffset) {
      flush(i, runX);
      ops.push(`1 0 0 -1 ${number(pen + p.xOffset * scale)} ${number(baseline - p.yOffset * scale)} Tm <${glyphs[i]}> Tj`);
      start = i + 1;
      runX = pen + p.xAdvance * scale;
    }
    pen += p.xAdvance * scale;
  });
  flush(glyphs.length, runX);
  if (ops.length > 0) doc.addContent(`q ${fillColour(colour)} BT /${font.id} ${number(size)} Tf ${ops.join(' ')} ET Q`);
}

/** TJ operands as pdfkit writes them: glyph runs, with a kerning adjustment where a glyph's advance differs from its own width. */
function tjParts(glyphs: readonly string[], positions: readonly { xAdvance: number; advanceWidth: number }[]): string {
  const parts: string[] = [];
  let start = 0;
  positions.forEach((p, i) => {
    const adjust = p.xAdvance - p.advanceWidth;
    if (adjust !== 0 || i === positions.length - 1) {
      parts.push(`<${glyphs.slice(start, i + 1).join('')}>`);
      if (adjust !== 0 && i < positions.length - 1) parts.push(number(-adjust));
      start = i + 1;
    }
  });
  return parts.join(' ');
}
