// Paragraph text with inline math: measured word by word, broken greedily at
// spaces, each line as tall as its tallest formula so nothing overlaps, and
// formulas sitting on the text baseline.
import type { Inline, TextStyle } from '../markdown/markdown-blocks.js';
import { type FontRole, type LatinRole, textWidth } from './fonts.js';
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

/** Runs of pieces that may not be split (a formula and the comma after it). */
function groupsOf(pieces: readonly Piece[]): { glue: Piece[]; body: Piece[] }[] {
  const groups: { glue: Piece[]; body: Piece[] }[] = [];
  let glue: Piece[] = [];
  let body: Piece[] = [];
  for (const piece of pieces) {
    if (piece.kind === 'space' || piece.kind === 'break') {
      if (body.length > 0) {
        groups.push({ glue, body });
        glue = [];
        body = [];
      }
      glue.push(piece);
    } else body.push(piece);
  }
  if (body.length > 0 || glue.some((p) => p.kind === 'break')) groups.push({ glue, body });
  return groups;
}

const widthOf = (pieces: readonly Piece[]) => pieces.reduce((sum, p) => sum + p.width, 0);

export function layoutInlines(inlines: readonly Inline[], maxWidth: number, style: InlineStyle, math: MathSetter): Line[] {
  const lines: Line[] = [];
  let current: Piece[] = [];
  let width = 0;
  const finish = () => {
    lines.push(measureLine(current, width, style.size));
    current = [];
    width = 0;
  };
  for (const { glue, body } of groupsOf(piecesOf(inlines, maxWidth, style, math))) {
    const forced = glue.some((p) => p.kind === 'break');
    if (forced) finish();
    const space = current.length === 0 ? 0 : widthOf(glue.filter((p) => p.kind === 'space'));
    const bodyWidth = widthOf(body);
    if (current.length > 0 && width + space + bodyWidth > maxWidth) finish();
    if (current.length > 0) {
      current.push(...glue.filter((p) => p.kind === 'space'));
      width += space;
    }
    current.push(...body);
    width += bodyWidth;
  }
  if (current.length > 0 || lines.length === 0) finish();
  return lines;
}

function measureLine(pieces: Piece[], width: number, size: number): Line {
  let ascent = TEXT.ascent * size;
  let descent = TEXT.descent * size;
  for (const piece of pieces) {
    if (piece.kind !== 'math') continue;
    ascent = Math.max(ascent, piece.box.ascent);
    descent = Math.max(descent, piece.box.descent);
  }
  return { pieces, width, ascent, descent };
}

/** Widths a table column needs: on one line, and at least (its widest unbreakable group). */
export function inlineWidths(inlines: readonly Inline[], style: InlineStyle, math: MathSetter): { natural: number; minimum: number } {
  const groups = groupsOf(piecesOf(inlines, Number.POSITIVE_INFINITY, style, math));
  let natural = 0;
  let minimum = 0;
  groups.forEach(({ glue, body }, i) => {
    const w = widthOf(body);
    natural += (i === 0 ? 0 : widthOf(glue)) + w;
    minimum = Math.max(minimum, w);
  });
  return { natural, minimum };
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
