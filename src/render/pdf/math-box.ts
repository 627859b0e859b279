import { textWidth, useFont } from './fonts.js';
import { TEXT } from './typography.js';

/** A formula ready to place: sizes in points, drawn with its baseline at y. */
export interface MathBox {
  width: number;
  ascent: number;
  descent: number;
  draw(doc: PDFKit.PDFDocument, x: number, baseline: number): void;
}

/** Turns TeX into boxes for the layout; a formula must fit maxWidth (points). */
export interface MathSetter {
  inline(tex: string, maxWidth: number, textSize: number): MathBox;
  display(tex: string, maxWidth: number, textSize: number): MathBox;
  /** TeX errors met so far (MathJax draws them in red; the caller reports them). */
  readonly errors: string[];
}

/**
 * Math as its TeX source in the body font: the floor the benchmark compares
 * typesetting with (same pages, same text, no MathJax).
 */
export const plainMathSetter: MathSetter = {
  inline: (tex, _maxWidth, size) => plainBox(tex, size),
  display: (tex, _maxWidth, size) => plainBox(tex, size),
  errors: [],
};

function plainBox(tex: string, size: number): MathBox {
  const text = tex.replace(/\s+/g, ' ').trim();
  return {
    width: textWidth('regular', text, size),
    ascent: TEXT.ascent * size,
    descent: TEXT.descent * size,
    draw(doc, x, baseline) {
      useFont(doc, 'regular', size).fillColor(TEXT.color).text(text, x, baseline, { lineBreak: false, baseline: 'alphabetic' });
    },
  };
}
