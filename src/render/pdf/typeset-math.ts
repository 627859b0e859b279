// MathJax-typeset formulas as boxes for the page layout. Imported lazily:
// loading MathJax costs ~0.2 s, which pages without math never pay.
import { EM, type FormulaLine, LINE_GAP, layoutFormula } from '../math/formula-layout.js';
import { isDigitSlot } from '../math/math-piece.js';
import type { Matrix } from '../math/svg-path.js';
import { currentFont, encodeUnshaped, useFont } from './pdfkit-fonts.js';
import { glyphXObject } from './glyph-xobjects.js';
import type { DisplayBox, MathBox, MathSetter } from './math-box.js';
import { TEXT } from './typography.js';

/** Boxes kept for reuse (a table's labels are measured, then laid out, on every sheet). */
const MAX_BOXES = 5000;

export function createMathSetter(): MathSetter {
  const errors = new Set<string>();
  const cache = new Map<string, MathBox | DisplayBox>();
  const cached = <T extends MathBox | DisplayBox>(key: string, make: () => T): T => {
    let found = cache.get(key) as T | undefined;
    if (!found) {
      if (cache.size >= MAX_BOXES) cache.clear();
      found = make();
      cache.set(key, found);
    }
    return found;
  };
  const layout = (tex: string, display: boolean, maxWidth: number, textSize: number) => {
    const size = textSize * TEXT.mathScale;
    const formula = layoutFormula(tex, display, (maxWidth / size) * EM);
    for (const error of formula.errors) errors.add(`${error} in $${tex}$`);
    const toPoints = size / EM;
    const lines = formula.lines.map(
      (line, i): MathBox => ({
        width: line.width * toPoints,
        ascent: line.ascent * toPoints,
        descent: line.descent * toPoints,
        draw: (doc, x, baseline) => {
          drawLine(doc, line, x, baseline, size);
          // The text layer carries the whole formula, laid over its first line.
          if (i === 0) drawSearchableText(doc, tex, x, baseline, formula.width * toPoints, textSize);
        },
      }),
    );
    return { width: formula.width * toPoints, lines, lineGap: LINE_GAP * toPoints };
  };
  return {
    inline: (tex, maxWidth, textSize) => cached(`T${textSize}:${Math.round(maxWidth * 100)}:${tex}`, () => layout(tex, false, maxWidth, textSize).lines[0]!),
    display: (tex, maxWidth, textSize) => cached(`D${textSize}:${Math.round(maxWidth * 100)}:${tex}`, () => layout(tex, true, maxWidth, textSize)),
    get errors() {
      return [...errors];
    },
  };
}

/** PDF numbers for matrices: enough digits for a scale of ~0.01. */
const fixed = (value: number) => {
  const rounded = Math.round(value * 10000) / 10000;
  return rounded === 0 ? '0' : String(rounded);
};
const matrixText = (m: Matrix) => m.map(fixed).join(' ');

/**
 * Draws a formula line into the content stream under one matrix that scales
 * formula units to points and flips y (pdfkit's user space grows downwards).
 */
function drawLine(doc: PDFKit.PDFDocument, line: FormulaLine, x: number, baseline: number, size: number): void {
  const s = size / EM;
  const out: string[] = [`q ${fixed(s)} 0 0 ${fixed(-s)} ${fixed(x)} ${fixed(baseline)} cm 0 g 0 G`];
  for (const { piece, x: px, y: py, scale } of line.pieces) {
    out.push(`q ${fixed(scale)} 0 0 ${fixed(scale)} ${fixed(px)} ${fixed(py)} cm`);
    for (const part of piece.parts) {
      if (typeof part === 'string') out.push(part);
      else if (!isDigitSlot(part)) out.push(`q ${matrixText(part.matrix)} cm /${glyphXObject(doc, part.d)} Do Q`);
    }
    out.push('Q');
  }
  out.push('Q');
  doc.addContent(out.join('\n'));
  // Characters outside MathJax's fonts come as text: set them in DejaVu at their place.
  for (const { piece, x: px, y: py, scale } of line.pieces) {
    for (const text of piece.texts) {
      useFont(doc, 'regular', text.size * s * scale)
        .fillColor(TEXT.color)
        .text(text.text, x + (px + text.x * scale) * s, baseline - (py + text.y * scale) * s, { lineBreak: false, baseline: 'alphabetic' });
    }
  }
}

/** The TeX with its layout commands dropped: what copying or searching the formula gives. */
export function searchableTex(tex: string): string {
  return tex
    .replace(/\\(begin|end)\{[^}]*\}/g, ' ')
    .replace(/\\\\/g, ';')
    .replace(/&/g, ',')
    .replace(/\\(left|right|big|Big|bigg|Bigg)(?![A-Za-z])/g, '')
    .replace(/\\(quad|qquad)(?![A-Za-z])|\\[,;:!]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Invisible text (render mode 3) over the formula: pdftotext, search and
 * copy see the formula's TeX, numbers included, while the page shows the
 * outlines. Glyphs are looked up without shaping (see encodeUnshaped).
 */
function drawSearchableText(doc: PDFKit.PDFDocument, tex: string, x: number, baseline: number, width: number, size: number) {
  const text = searchableTex(tex);
  if (!text) return;
  useFont(doc, 'regular', size);
  const font = currentFont(doc);
  const encoded = encodeUnshaped(doc, 'regular', text);
  const stretch = Math.max(1, (100 * width) / ((encoded.width * size) / 1000 || 1));
  // y is flipped twice (page and text matrix): the text stands upright for extraction.
  doc.addContent(`q BT 3 Tr /${font.id} ${fixed(size)} Tf ${fixed(stretch)} Tz 1 0 0 -1 ${fixed(x)} ${fixed(baseline)} Tm <${encoded.hex}> Tj ET Q`);
}
