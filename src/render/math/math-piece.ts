import type { SvgFormula, SvgItem } from './mathjax-svg.js';
import { type Matrix, type PathCommand, parsePath, pathOperators, pdfNumber } from './svg-path.js';

/** Formula units: MathJax's, 1000 per em of the math font. */
export const EM = 1000;

/** A glyph outline (MathJax path data, in font units) placed by a matrix. */
export interface GlyphUse {
  d: string;
  matrix: Matrix;
}

/** Where a digit of the source goes: the digit's glyph is filled in when the piece is drawn. */
export interface DigitSlot {
  matrix: Matrix;
  /** Index among the digits of the TeX source, in source order. */
  ordinal: number;
}

/** Text MathJax could not draw from its own fonts (it emits <text>): drawn with the body font. */
export interface MathText {
  text: string;
  x: number;
  y: number;
  size: number;
}

/**
 * A typeset piece of TeX, compiled to PDF operators in formula units
 * (1000 per em, y up, baseline 0), ready to be placed with one `cm`.
 */
export interface MathPiece {
  width: number;
  ascent: number;
  descent: number;
  /** Glyphs, and ready operators for bars and strokes; digit slots only in a cached shape. */
  parts: readonly (string | GlyphUse | DigitSlot)[];
  texts: readonly MathText[];
  error: string | null;
}

// Glyph outlines repeat endlessly (every "=" of every sheet): parse each once.
const parsedPaths = new Map<string, PathCommand[]>();

export function parsedPath(d: string): PathCommand[] {
  let path = parsedPaths.get(d);
  if (!path) {
    path = parsePath(d);
    parsedPaths.set(d, path);
  }
  return path;
}

export const isDigitSlot = (part: string | GlyphUse | DigitSlot): part is DigitSlot => typeof part !== 'string' && 'ordinal' in part;

/**
 * Compiles MathJax's items to operators. `slotOf` says which glyphs are
 * digits of the source to leave open (by their index among all glyphs).
 */
export function compilePiece(formula: SvgFormula, slotOf: (glyphIndex: number) => number | null = () => null): MathPiece {
  const parts: (string | GlyphUse | DigitSlot)[] = [];
  const texts: MathText[] = [];
  let glyphIndex = 0;
  const compile = (items: readonly SvgItem[]) => {
    for (const item of items) {
      if (item.kind === 'glyph') {
        const ordinal = slotOf(glyphIndex++);
        parts.push(ordinal === null ? { d: item.d, matrix: item.matrix } : { matrix: item.matrix, ordinal });
      } else if (item.kind === 'text') {
        const [, , c, d, e, f] = item.matrix;
        texts.push({ text: item.text, x: e, y: f, size: item.size * Math.hypot(c, d) });
      } else if (item.kind === 'clip') {
        parts.push(`q ${rectangle(item)} W n`);
        compile(item.items);
        parts.push('Q');
      } else {
        parts.push(shapeOperators(item));
      }
    }
  };
  compile(formula.items);
  return { width: formula.width, ascent: formula.ascent, descent: formula.descent, parts, texts, error: formula.error };
}

/** A box's outline under its matrix, as a closed path. */
function rectangle(item: { x: number; y: number; width: number; height: number; matrix: Matrix }): string {
  const [a, b, c, d, e, f] = item.matrix;
  const at = (x: number, y: number) => `${pdfNumber(a * x + c * y + e)} ${pdfNumber(b * x + d * y + f)}`;
  const { x, y, width, height } = item;
  return `${at(x, y)} m ${at(x + width, y)} l ${at(x + width, y + height)} l ${at(x, y + height)} l h`;
}

/** Fraction bars, radical tops, boxes and cancel strokes. */
function shapeOperators(item: Extract<SvgItem, { kind: 'rect' | 'line' }>): string {
  const [a, b, c, d, e, f] = item.matrix;
  const at = (x: number, y: number) => `${pdfNumber(a * x + c * y + e)} ${pdfNumber(b * x + d * y + f)}`;
  const lineWidth = (w: number) => `${pdfNumber(w * Math.sqrt(Math.abs(a * d - b * c)))} w`;
  if (item.kind === 'line') {
    return `${lineWidth(item.stroke)} ${at(item.x1, item.y1)} m ${at(item.x2, item.y2)} l S`;
  }
  return item.stroke === null ? `${rectangle(item)} f` : `${lineWidth(item.stroke)} ${rectangle(item)} S`;
}
