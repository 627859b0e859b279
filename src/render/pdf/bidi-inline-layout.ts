// Paragraphs with text of both directions: Persian pages with left-to-right
// islands (numbers, Latin words, code, formulas), and Persian names or titles
// on English and Romanian pages. The paragraph's levels come from the
// bidirectional algorithm with the page's base direction (formulas stand in
// as U+FFFC), each character gets a face (Vazirmatn for Persian, DejaVu for
// the rest and for what Vazirmatn lacks), runs split at spaces and at level
// or face changes are broken into lines greedily in logical order, and each
// line is put in visual order by rules L1–L2. A formula is drawn left to
// right on the baseline, as in LTR.
import { BIDI_CONTROL, type TextDirection } from '../../text/text-direction.js';
import type { Inline } from '../markdown/markdown-blocks.js';
import { OBJECT, isolateLtrSpans, mirrored, paragraphLevel, paragraphLevels, visualOrder } from './bidi-text.js';
import { type FontRole, type LatinRole, type PersianRole, fontFor, isPersianRole, missingGlyphs, textWidth } from './fonts.js';
import { type InlineStyle, drawLine, inlineWidths, layoutInlines, roleOf, type Line } from './inline-layout.js';
import type { InlineSetter, LaidLine } from './inline-setter.js';
import type { MathBox, MathSetter } from './math-box.js';
import { needsBidi } from './needs-bidi.js';
import { type FrameText, plainFrameText } from './page-frame.js';
import { drawShapedText } from './text-operators.js';
import { breakLines, lineExtent, naturalAndMinimumWidths } from './line-breaking.js';
import { RTL_TEXT, TEXT } from './typography.js';

export type BidiPiece =
  | { kind: 'text'; text: string; role: FontRole; level: number; width: number }
  | { kind: 'space'; text: string; role: FontRole; level: number; width: number }
  | { kind: 'math'; box: MathBox; level: number; width: number }
  | { kind: 'break'; level: number; width: 0 };

export interface BidiLine extends LaidLine {
  /** The paragraph's base direction (what tells this line from a plain left-to-right one). */
  direction: TextDirection;
  /** Left to right as drawn. A right-to-left text piece keeps its characters in logical order: shaping reverses them. */
  pieces: BidiPiece[];
}

const ARABIC_SCRIPT = /\p{Script=Arabic}/u;
/** Zero-width (non-)joiner and combining marks stay with the letters they join or sit on. */
const ATTACHED = /[\u200c\u200d\p{M}]/u;
const SPACE = /^\s$/u;

/**
 * The face a character is set in: Persian letters (and the punctuation of a
 * right-to-left run) in Vazirmatn when it has the glyph, everything else —
 * digits, Latin, σ η ∇ Σ ᵀ — in the DejaVu face of the same weight.
 */
export function faceFor(ch: string, level: number, base: LatinRole): FontRole {
  if (base === 'mono') return 'mono';
  const persian: PersianRole = base === 'bold' || base === 'boldItalic' ? 'persianBold' : 'persian';
  const inVazirmatn = hasGlyph(persian, ch.codePointAt(0)!);
  if (ARABIC_SCRIPT.test(ch)) return inVazirmatn ? persian : base;
  return level % 2 === 1 && inVazirmatn && !/\p{Nd}/u.test(ch) ? persian : base;
}

const glyphPresence = new Map<PersianRole, Map<number, boolean>>();

/** Vazirmatn's character map, looked up once per character and process (fontkit's lookup was a visible cost). */
function hasGlyph(role: PersianRole, codePoint: number): boolean {
  let known = glyphPresence.get(role);
  if (!known) glyphPresence.set(role, (known = new Map()));
  let has = known.get(codePoint);
  if (has === undefined) {
    has = fontFor(role).hasGlyphForCodePoint(codePoint);
    known.set(codePoint, has);
  }
  return has;
}

/** Isolated text and levels by direction and paragraph text: the same instructions, headings and table heads come on every sheet. */
const MAX_RESOLVED = 20_000;
const resolved = new Map<string, { text: string; source: number[]; levels: Uint8Array }>();

function resolveParagraph(text: string, code: readonly boolean[], direction: TextDirection): { text: string; source: number[]; levels: Uint8Array } {
  const key = `${direction}\u0000${code.some(Boolean) ? `${text}\u0000${code.map((c) => (c ? 1 : 0)).join('')}` : text}`;
  let found = resolved.get(key);
  if (!found) {
    const isolated = isolateLtrSpans(text, code, direction);
    found = { ...isolated, levels: paragraphLevels(isolated.text, direction) };
    if (resolved.size >= MAX_RESOLVED) resolved.clear();
    resolved.set(key, found);
  }
  return found;
}

interface Source {
  role: LatinRole;
  box: MathBox | null;
}

/** The paragraph as one string (a formula as U+FFFC), with where each character came from. */
function paragraphText(inlines: readonly Inline[], maxWidth: number, style: InlineStyle, math: MathSetter | null) {
  let text = '';
  const sources: Source[] = [];
  const code: boolean[] = [];
  const add = (chars: string, source: Source, isCode: boolean) => {
    text += chars;
    for (let i = 0; i < chars.length; i++) {
      sources.push(source);
      code.push(isCode);
    }
  };
  for (const inline of inlines) {
    if (inline.kind === 'break') add('\n', { role: 'regular', box: null }, false);
    else if (inline.kind === 'math') {
      if (!math) throw new Error('a formula in text laid out without a math setter');
      add(OBJECT, { role: 'regular', box: math.inline(inline.tex, maxWidth, style.size) }, false);
    } else add(inline.text, { role: roleOf(inline.style, style.bold ?? false), box: null }, inline.style.code);
  }
  return { text, sources, code };
}

/** Pieces in logical order: a formula, a space, or a run of one face and one level. */
export function bidiPieces(inlines: readonly Inline[], maxWidth: number, style: InlineStyle, math: MathSetter | null, direction: TextDirection): BidiPiece[] {
  const paragraph = paragraphText(inlines, maxWidth, style, math);
  const isolated = resolveParagraph(paragraph.text, paragraph.code, direction);
  const { levels } = isolated;
  const pieces: BidiPiece[] = [];
  let run: { text: string; role: FontRole; level: number; space: boolean } | null = null;
  const flush = () => {
    if (run) pieces.push(textPiece(run.text, run.role, run.level, run.space, style.size));
    run = null;
  };
  for (let i = 0; i < isolated.text.length; ) {
    const ch = String.fromCodePoint(isolated.text.codePointAt(i)!);
    const at = isolated.source[i]!;
    const level = levels[i]!;
    i += ch.length;
    // Our isolates, and marks or isolates in the text itself (prose-digits' LRI … PDI): they steered the levels, they are not drawn.
    if (at < 0 || BIDI_CONTROL.test(ch)) continue;
    const source = paragraph.sources[at]!;
    if (ch === '\n') {
      flush();
      pieces.push({ kind: 'break', level: paragraphLevel(direction), width: 0 });
    } else if (source.box) {
      flush();
      pieces.push({ kind: 'math', box: source.box, level, width: source.box.width });
    } else if (ATTACHED.test(ch) && run) {
      (run as { text: string }).text += ch;
    } else {
      const space = SPACE.test(ch);
      const role = faceFor(ch, level, source.role);
      const drawn = level % 2 === 1 ? mirrored(ch) : ch;
      const current = run as { text: string; role: FontRole; level: number; space: boolean } | null;
      if (current && current.role === role && current.level === level && current.space === space) current.text += drawn;
      else {
        flush();
        run = { text: drawn, role, level, space };
      }
    }
  }
  flush();
  return pieces;
}

/**
 * A run of one face and level, its text as the face will be given it.
 * Vazirmatn always shapes right to left (its glyphs come back reversed, in
 * visual order), so a Vazirmatn run at an even level (Persian digits) is
 * handed over reversed; a DejaVu run at an odd level (rare: a sign
 * Vazirmatn lacks) is reversed here too. Reversal is by character cluster.
 */
function textPiece(text: string, role: FontRole, level: number, space: boolean, size: number): BidiPiece {
  const drawn = (level % 2 === 1) !== isPersianRole(role) ? reverseClusters(text) : text;
  return { kind: space ? 'space' : 'text', text: drawn, role, level, width: textWidth(role, drawn, size) };
}

function reverseClusters(text: string): string {
  const clusters: string[] = [];
  for (const ch of text) {
    if (ATTACHED.test(ch) && clusters.length > 0) clusters[clusters.length - 1] += ch;
    else clusters.push(ch);
  }
  return clusters.reverse().join('');
}

/** Greedy line breaking in logical order, then each line put in visual order. */
export function layoutBidiInlines(inlines: readonly Inline[], maxWidth: number, style: InlineStyle, math: MathSetter | null, direction: TextDirection): BidiLine[] {
  return breakLines(bidiPieces(inlines, maxWidth, style, math, direction), maxWidth, (logical, width) => {
    const order = visualOrder(
      logical.map((p) => ({ level: p.level, whitespace: p.kind === 'space' })),
      paragraphLevel(direction),
    );
    // Vazirmatn's Persian letters reach further below the baseline than DejaVu's.
    const persian = direction === 'rtl' || logical.some((p) => (p.kind === 'text' || p.kind === 'space') && isPersianRole(p.role));
    return { direction, pieces: order.map((i) => logical[i]!), width, ...lineExtent(logical, persian ? RTL_TEXT : TEXT, style.size) };
  });
}

/**
 * Draws a line from its left edge. Neighbouring pieces of one face and level
 * are set in one text operation: for a Vazirmatn stretch that is its pieces
 * from right to left (the face shapes right to left), shaped at once.
 */
export function drawBidiLine(doc: PDFKit.PDFDocument, line: BidiLine, x: number, baseline: number, style: InlineStyle): void {
  let cursor = x;
  let stretch: Extract<BidiPiece, { kind: 'text' | 'space' }>[] = [];
  let stretchX = x;
  const flush = () => {
    const first = stretch[0];
    if (first && stretch.some((p) => p.kind === 'text')) {
      const inOrder = isPersianRole(first.role) ? [...stretch].reverse() : stretch;
      drawShapedText(doc, first.role, style.size, style.color, inOrder.map((p) => p.text).join(''), stretchX, baseline);
    }
    stretch = [];
  };
  for (const piece of line.pieces) {
    if (piece.kind === 'text' || piece.kind === 'space') {
      const first = stretch[0];
      if (!first || first.role !== piece.role || first.level !== piece.level) {
        flush();
        stretchX = cursor;
      }
      stretch.push(piece);
    } else {
      flush();
      if (piece.kind === 'math') piece.box.draw(doc, cursor, baseline);
    }
    cursor += piece.width;
  }
  flush();
}

const PLAIN = { bold: false, italic: false, code: false };

/** One line of plain text (a page header, a list number) in a paragraph of the given direction, without wrapping. */
export function bidiTextLine(text: string, style: InlineStyle, direction: TextDirection): BidiLine {
  return layoutBidiInlines([{ kind: 'text', text, style: PLAIN }], Number.POSITIVE_INFINITY, style, null, direction)[0]!;
}

/** Persian pages: every paragraph right to left. */
export const rtlInlineSetter: InlineSetter<BidiLine> = {
  rtl: true,
  layout: (inlines, maxWidth, style, math) => layoutBidiInlines(inlines, maxWidth, style, math, 'rtl'),
  widths: (inlines, style, math) => naturalAndMinimumWidths(bidiPieces(inlines, Number.POSITIVE_INFINITY, style, math, 'rtl')),
  draw: drawBidiLine,
};

const isBidiLine = (line: Line | BidiLine): line is BidiLine => 'direction' in line;

/**
 * English and Romanian pages that hold right-to-left text somewhere: a
 * paragraph with some goes through the bidirectional layout (left to right
 * at its base), every other one through the plain left-to-right layout, so
 * its bytes are those of a page without any.
 */
export const mixedLtrInlineSetter: InlineSetter<Line | BidiLine> = {
  rtl: false,
  layout: (inlines, maxWidth, style, math) =>
    needsBidi(inlines) ? layoutBidiInlines(inlines, maxWidth, style, math, 'ltr') : layoutInlines(inlines, maxWidth, style, math),
  widths: (inlines, style, math) =>
    needsBidi(inlines) ? naturalAndMinimumWidths(bidiPieces(inlines, Number.POSITIVE_INFINITY, style, math, 'ltr')) : inlineWidths(inlines, style, math),
  draw: (doc, line, x, baseline, style) => (isBidiLine(line) ? drawBidiLine(doc, line, x, baseline, style) : drawLine(doc, line, x, baseline, style)),
};

/** The running header and footer of a page of the given direction; left to right, a line without right-to-left text is set plainly. */
export function bidiFrameText(direction: TextDirection): FrameText {
  const style = (size: number) => ({ size, color: TEXT.muted });
  const line = (text: string, size: number) => bidiTextLine(text, style(size), direction);
  const plain = (text: string) => direction === 'ltr' && !needsBidi(text);
  return {
    width: (text, size) => (plain(text) ? plainFrameText.width(text, size) : line(text, size).width),
    draw: (doc, text, x, baseline, size) =>
      plain(text) ? plainFrameText.draw(doc, text, x, baseline, size) : drawBidiLine(doc, line(text, size), x, baseline, style(size)),
  };
}

/** Characters of text that the face chosen for them lacks (blanks on the page otherwise), line by line, in a page of the given direction. */
export function missingBidiGlyphs(text: string, direction: TextDirection): string[] {
  const missing = new Set<string>();
  for (const line of text.split('\n')) {
    for (const bold of [false, true]) {
      for (const piece of bidiPieces([{ kind: 'text', text: line, style: { ...PLAIN, bold } }], Number.POSITIVE_INFINITY, { size: 10, color: '#000000' }, null, direction)) {
        if (piece.kind === 'text') for (const ch of missingGlyphs(piece.role, piece.text)) missing.add(ch);
      }
    }
  }
  return [...missing];
}
