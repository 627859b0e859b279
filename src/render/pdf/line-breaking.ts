// Greedy line breaking over measured pieces, the same for left-to-right and
// right-to-left paragraphs (the latter break in logical order and reorder
// each line afterwards): a line breaks only at spaces, a forced break ends
// one, and a formula is as tall as it is.
import type { MathBox } from './math-box.js';

/** What breaking needs of a piece: spaces and forced breaks are where lines may end. */
export type BreakablePiece = { width: number } & (
  | { kind: 'space' }
  | { kind: 'break' }
  | { kind: 'math'; box: MathBox }
  | { kind: 'word' | 'text' }
);

/** Runs of pieces that may not be split (a word and the formula or comma glued to it), each with the spaces before it. */
function groupsOf<P extends BreakablePiece>(pieces: readonly P[]): { glue: P[]; body: P[] }[] {
  const groups: { glue: P[]; body: P[] }[] = [];
  let glue: P[] = [];
  let body: P[] = [];
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

const widthOf = (pieces: readonly BreakablePiece[]) => pieces.reduce((sum, p) => sum + p.width, 0);

/**
 * Pieces broken into lines no wider than maxWidth (a group wider than that
 * gets a line of its own); `makeLine` turns each line's pieces and width into
 * the caller's line. An empty paragraph is one empty line.
 */
export function breakLines<P extends BreakablePiece, L>(
  pieces: readonly P[],
  maxWidth: number,
  makeLine: (pieces: P[], width: number) => L,
): L[] {
  const lines: L[] = [];
  let current: P[] = [];
  let width = 0;
  const finish = () => {
    lines.push(makeLine(current, width));
    current = [];
    width = 0;
  };
  for (const { glue, body } of groupsOf(pieces)) {
    if (glue.some((p) => p.kind === 'break')) finish();
    const spaces = glue.filter((p) => p.kind === 'space');
    const space = current.length === 0 ? 0 : widthOf(spaces);
    const bodyWidth = widthOf(body);
    if (current.length > 0 && width + space + bodyWidth > maxWidth) finish();
    if (current.length > 0) {
      current.push(...spaces);
      width += space;
    }
    current.push(...body);
    width += bodyWidth;
  }
  if (current.length > 0 || lines.length === 0) finish();
  return lines;
}

/** Widths a table column needs for these pieces: all on one line, and at least (the widest unbreakable group). */
export function naturalAndMinimumWidths(pieces: readonly BreakablePiece[]): { natural: number; minimum: number } {
  let natural = 0;
  let minimum = 0;
  groupsOf(pieces).forEach(({ glue, body }, i) => {
    const w = widthOf(body);
    natural += (i === 0 ? 0 : widthOf(glue)) + w;
    minimum = Math.max(minimum, w);
  });
  return { natural, minimum };
}

/** A line's height above and below the baseline: the text's, or its tallest formula's. */
export function lineExtent(
  pieces: readonly BreakablePiece[],
  text: { ascent: number; descent: number },
  size: number,
): { ascent: number; descent: number } {
  let ascent = text.ascent * size;
  let descent = text.descent * size;
  for (const piece of pieces) {
    if (piece.kind !== 'math') continue;
    ascent = Math.max(ascent, piece.box.ascent);
    descent = Math.max(descent, piece.box.descent);
  }
  return { ascent, descent };
}
