import { textWidth } from './fonts.js';
import { drawText } from './text-operators.js';
import { TEXT } from './typography.js';

/** A formula ready to place: sizes in points, drawn with its baseline at y. */
export interface MathBox {
  width: number;
  ascent: number;
  descent: number;
  draw(doc: PDFKit.PDFDocument, x: number, baseline: number): void;
}

/** A display formula: one box per line (a long one breaks), placed one under the other, the page may turn between. */
export interface DisplayBox {
  /** The widest line: the formula is centred by it. */
  width: number;
  /** Lines drawn with the formula's left edge at x. */
  lines: MathBox[];
  /** Space between two lines' boxes. */
  lineGap: number;
}

/** Turns TeX into boxes for the layout; a formula must fit maxWidth (points). */
export interface MathSetter {
  inline(tex: string, maxWidth: number, textSize: number): MathBox;
  display(tex: string, maxWidth: number, textSize: number): DisplayBox;
  /** TeX errors met so far (MathJax draws them in red; the caller reports them). */
  readonly errors: string[];
}

/**
 * Math as its TeX source in the body font: the floor the benchmark compares
 * typesetting with (same pages, same text, no MathJax).
 */
export const plainMathSetter: MathSetter = {
  inline: (tex, _maxWidth, size) => plainBox(tex, size),
  display: (tex, _maxWidth, size) => {
    const box = plainBox(tex, size);
    return { width: box.width, lines: [box], lineGap: 0 };
  },
  errors: [],
};

function plainBox(tex: string, size: number): MathBox {
  const text = tex.replace(/\s+/g, ' ').trim();
  return {
    width: textWidth('regular', text, size),
    ascent: TEXT.ascent * size,
    descent: TEXT.descent * size,
    draw(doc, x, baseline) {
      drawText(doc, 'regular', size, TEXT.color, text, x, baseline);
    },
  };
}
