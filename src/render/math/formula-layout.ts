// Lays out a formula from its top-level atoms with TeX's inter-atom spacing,
// breaks a display formula that is too wide before a relation (aligned under
// the first one, as `aligned` would) or an operator, and scales whatever
// still does not fit: no formula crosses the margin.
import type { MathPiece } from './math-piece.js';
import { type CompoundBox, layoutMatrices } from './matrix-layout.js';
import { typesetPiece } from './piece-cache.js';
import { type Atom, type AtomClass, splitAtoms } from './tex-atoms.js';

/** MathJax units per em. */
export const EM = 1000;
const MU = EM / 18;
/** Space between the lines of a broken display formula. */
const LINE_GAP = 0.35 * EM;
/** Indent of continuation lines when aligning under the first relation would leave too little room. */
const FALLBACK_INDENT = 2 * EM;

export interface PlacedPiece {
  piece: MathPiece;
  /** Position in formula units: x from the left edge, y from the first baseline (up is positive). */
  x: number;
  y: number;
}

/** A laid-out formula; sizes are in formula units after `scale` (1000 per em of the math font). */
export interface Formula {
  width: number;
  ascent: number;
  descent: number;
  /** ≤ 1: shrinks a formula that is still too wide after breaking. */
  scale: number;
  pieces: PlacedPiece[];
  lines: number;
  errors: string[];
}

interface Box extends CompoundBox {
  cls: AtomClass;
  /** Space TeX puts before this atom (0 at the start of a line). */
  before: number;
}

/** An atom's box: matrices of numbers from cached cells, anything else one MathJax piece. */
function boxOf(tex: string, display: boolean): CompoundBox {
  const matrices = layoutMatrices(tex, display);
  if (matrices) return matrices;
  const piece = typesetPiece(`{${tex}}`, display);
  return { width: piece.width, ascent: piece.ascent, descent: piece.descent, placed: [{ piece, x: 0, y: 0 }] };
}

/** TeX's spacing (in text and display style) between two atoms after Bin → Ord has been applied. */
function spaceBetween(leftClass: AtomClass, rightClass: AtomClass): number {
  // Sized delimiters space like ordinary symbols once Bin → Ord has been applied.
  const left = leftClass === 'open' || leftClass === 'close' ? 'ord' : leftClass;
  const right = rightClass === 'open' || rightClass === 'close' ? 'ord' : rightClass;
  if (left === 'bin' || right === 'bin') return 4 * MU;
  if (left === 'rel' && right === 'rel') return 0;
  if (left === 'rel' || right === 'rel') return right === 'punct' ? 0 : 5 * MU;
  if (left === 'punct') return 3 * MU;
  return 0;
}

/** TeX rules 5 and 6: an operator with nothing to combine on either side is an ordinary symbol (unary minus). */
function resolveBinaries(atoms: readonly Atom[]): AtomClass[] {
  const classes = atoms.map((a) => a.cls);
  const solid = classes.map((c, i) => ({ c, i })).filter(({ c }) => c !== 'space');
  solid.forEach(({ c, i }, k) => {
    if (c !== 'bin') return;
    const before = k === 0 ? null : classes[solid[k - 1]!.i]!;
    const after = k === solid.length - 1 ? null : solid[k + 1]!.c;
    if (before === null || before === 'bin' || before === 'rel' || before === 'punct' || before === 'open') classes[i] = 'ord';
    else if (after === null || after === 'rel' || after === 'punct' || after === 'close') classes[i] = 'ord';
  });
  return classes;
}

/**
 * Lays out TeX in display or inline style within maxWidth (formula units).
 * Only display formulas break; any formula scales down if it must.
 */
export function layoutFormula(tex: string, display: boolean, maxWidth: number): Formula {
  const atoms = splitAtoms(tex);
  const classes = resolveBinaries(atoms);
  const boxes: Box[] = [];
  let previous: AtomClass | null = null;
  let pendingSpace = 0;
  atoms.forEach((atom, i) => {
    if (atom.cls === 'space') {
      pendingSpace += (atom.em ?? 0) * EM;
      return;
    }
    const cls = classes[i]!;
    boxes.push({ cls, ...boxOf(atom.tex, display), before: (previous ? spaceBetween(previous, cls) : 0) + pendingSpace });
    pendingSpace = 0;
    previous = cls;
  });
  const lines = display ? breakLines(boxes, maxWidth) : [{ indent: 0, boxes }];

  const pieces: PlacedPiece[] = [];
  const errors = new Set<string>();
  let width = 0;
  let y = 0;
  let ascent = 0;
  let descent = 0;
  lines.forEach((line, n) => {
    const lineAscent = Math.max(0, ...line.boxes.map((b) => b.ascent));
    const lineDescent = Math.max(0, ...line.boxes.map((b) => b.descent));
    if (n === 0) ascent = lineAscent;
    else y -= descent + LINE_GAP + lineAscent;
    let x = line.indent;
    line.boxes.forEach((box, k) => {
      x += k === 0 ? 0 : box.before;
      for (const placed of box.placed) {
        pieces.push({ piece: placed.piece, x: x + placed.x, y: y + placed.y });
        if (placed.piece.error) errors.add(placed.piece.error);
      }
      x += box.width;
    });
    width = Math.max(width, x);
    descent = -y + lineDescent;
  });
  const scale = width > maxWidth && width > 0 ? maxWidth / width : 1;
  return {
    width: width * scale,
    ascent: ascent * scale,
    descent: descent * scale,
    scale,
    pieces,
    lines: lines.length,
    errors: [...errors],
  };
}

interface Line {
  indent: number;
  boxes: Box[];
}

/** Greedy breaking: fill a line, break at the last chance before the overflow (relation, operator, after a comma). */
function breakLines(boxes: readonly Box[], maxWidth: number): Line[] {
  const natural = boxes.reduce((sum, b, k) => sum + (k === 0 ? 0 : b.before) + b.width, 0);
  if (natural <= maxWidth) return [{ indent: 0, boxes: [...boxes] }];

  // Continuation lines start under the first relation, as in `aligned`.
  let relX = -1;
  let x = 0;
  for (const [k, box] of boxes.entries()) {
    x += k === 0 ? 0 : box.before;
    if (box.cls === 'rel') {
      relX = x;
      break;
    }
    x += box.width;
  }
  const relIndent = relX > 0 && relX < maxWidth / 3 ? relX : FALLBACK_INDENT;
  const indentFor = (first: Box, afterComma: boolean) =>
    afterComma ? 0 : first.cls === 'rel' ? relIndent : relIndent + 5 * MU + 0.5 * EM;

  const lines: Line[] = [];
  let start = 0;
  let indent = 0;
  while (start < boxes.length) {
    let lineX = indent;
    let breakAt = -1;
    let end = start;
    for (let k = start; k < boxes.length; k++) {
      const box = boxes[k]!;
      const canBreakBefore = k > start && (box.cls === 'rel' || box.cls === 'bin' || boxes[k - 1]!.cls === 'punct');
      const right = lineX + (k === start ? 0 : box.before) + box.width;
      if (right > maxWidth && k > start) {
        if (canBreakBefore) breakAt = k;
        break;
      }
      if (canBreakBefore) breakAt = k;
      lineX = right;
      end = k + 1;
    }
    if (end >= boxes.length) {
      lines.push({ indent, boxes: boxes.slice(start) });
      break;
    }
    const cut = breakAt > start ? breakAt : end > start ? end : start + 1;
    lines.push({ indent, boxes: boxes.slice(start, cut) });
    indent = indentFor(boxes[cut]!, boxes[cut - 1]!.cls === 'punct');
    start = cut;
  }
  return lines;
}
