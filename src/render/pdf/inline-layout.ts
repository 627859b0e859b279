// Paragraph text with inline math: measured word by word, broken greedily at
// spaces, each line as tall as its tallest formula so nothing overlaps, and
// formulas sitting on the text baseline.
import type { Inline, TextStyle } from '../markdown/markdown-blocks.js';
import { type FontRole, type LatinRole, textWidth } from './fonts.js';
import { breakLines, lineExtent, naturalAndMinimumWidths } from './line-breaking.js';
import { drawText } from './text-operators.js';
import type { MathBox, MathSetter } from './math-box.js';
import { TEXT } from './typography.js';

export interface InlineStyle {
  size: number;
  color: string;
  /** Headings and table heads: every run bold. */
  bold?: boolean;
}

type Piece =
  | { kind: 'word'; text: string; role: FontRole; width: number }
  | { kind: 'space'; text: string; role: FontRole; width: number }
  | { kind: 'math'; box: MathBox; width: number }
  | { kind: 'break'; width: 0 };

export interface Line {
  pieces: Piece[];
  width: number;
  ascent: number;
  descent: number;
}

export function roleOf(style: TextStyle, forceBold: boolean): LatinRole {
  if (style.code) return 'mono';
  const bold = style.bold || forceBold;
  if (bold && style.italic) return 'boldItalic';
  return bold ? 'bold' : style.italic ? 'italic' : 'regular';
}

function piecesOf(inlines: readonly Inline[], maxWidth: number, style: InlineStyle, math: MathSetter): Piece[] {
  const pieces: Piece[] = [];
  for (const inline of inlines) {
    if (inline.kind === 'break') pieces.push({ kind: 'break', width: 0 });
    else if (inline.kind === 'math') {
      const box = math.inline(inline.tex, maxWidth, style.size);
      pieces.push({ kind: 'math', box, width: box.width });
    } else {
      const role = roleOf(inline.style, style.bold ?? false);
      for (const part of inline.text.split(/( +)/)) {
        if (part === '') continue;
        const width = textWidth(role, part, style.size);
        pieces.push({ kind: part.startsWith(' ') ? 'space' : 'word', text: part, role, width });
      }
    }
  }
  return pieces;
}

export function layoutInlines(inlines: readonly Inline[], maxWidth: number, style: InlineStyle, math: MathSetter): Line[] {
  return breakLines(piecesOf(inlines, maxWidth, style, math), maxWidth, (pieces, width) => ({
    pieces,
    width,
    ...lineExtent(pieces, TEXT, style.size),
  }));
}

/** Widths a table column needs: on one line, and at least (its widest unbreakable group). */
export function inlineWidths(inlines: readonly Inline[], style: InlineStyle, math: MathSetter): { natural: number; minimum: number } {
  return naturalAndMinimumWidths(piecesOf(inlines, Number.POSITIVE_INFINITY, style, math));
}

/** Draws one line with its baseline at y; consecutive text of one face is one text operation. */
export function drawLine(doc: PDFKit.PDFDocument, line: Line, x: number, baseline: number, style: InlineStyle): void {
  let run = '';
  let runRole: FontRole | null = null;
  let runX = x;
  let cursor = x;
  const flush = () => {
    if (runRole && run.trim() !== '') drawText(doc, runRole, style.size, style.color, run, runX, baseline);
    run = '';
    runRole = null;
  };
  for (const piece of line.pieces) {
    if (piece.kind === 'word' || piece.kind === 'space') {
      if (runRole !== piece.role) {
        flush();
        runRole = piece.role;
        runX = cursor;
      }
      run += piece.text;
    } else if (piece.kind === 'math') {
      flush();
      piece.box.draw(doc, cursor, baseline);
    }
    cursor += piece.width;
  }
  flush();
}
