// Lays out a formula from its top-level atoms with TeX's inter-atom spacing
// (the same layout MathJax gives the whole formula, tested), breaking a
// display formula that is too wide (display-breaking.ts): no formula
// crosses the margin.
import { type BreakBox, breakDisplay } from './display-breaking.js';
import { EM, type MathPiece } from './math-piece.js';
import { type CompoundBox, layoutMatrices } from './matrix-layout.js';
import { typesetPiece } from './piece-cache.js';
import { type Atom, type AtomClass, splitAtoms } from './tex-atoms.js';

export { EM };
const MU = EM / 18;
/** Space between the lines of a broken display formula. */
export const LINE_GAP = 0.35 * EM;

export interface PlacedPiece {
  piece: MathPiece;
  /** Position in formula units: x from the formula's left edge, y from the line's baseline (up is positive). */
  x: number;
  y: number;
  /** The line's shrink factor (1 unless the line was too wide). */
  scale: number;
}

/** One line of a formula (a display formula may have several); sizes in formula units, scale applied. */
export interface FormulaLine {
  width: number;
  ascent: number;
  descent: number;
  pieces: PlacedPiece[];
}

export interface Formula {
  /** The widest line. */
  width: number;
  lines: FormulaLine[];
  errors: string[];
}

interface Box extends CompoundBox, BreakBox {}

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

function boxesOf(tex: string, display: boolean): Box[] {
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
    const cls = classes[i] as BreakBox['cls'];
    const before = (previous ? spaceBetween(previous, cls) : 0) + pendingSpace;
    boxes.push({ cls, tex: atom.tex, before, ...boxOf(atom.tex, display) });
    pendingSpace = 0;
    previous = cls;
  });
  return boxes;
}

/**
 * Lays out TeX in display or inline style within maxWidth (formula units).
 * Only display formulas break; a line that cannot break scales down.
 */
export function layoutFormula(tex: string, display: boolean, maxWidth: number): Formula {
  const boxes = boxesOf(tex, display);
  const broken = display ? breakDisplay(boxes, maxWidth) : [onOneLine(boxes, maxWidth)];
  const errors = new Set<string>();
  const lines = broken.map(({ boxes: lineBoxes, indent, scale }) => {
    const pieces: PlacedPiece[] = [];
    let x = 0;
    lineBoxes.forEach((box, k) => {
      x += k === 0 ? 0 : box.before;
      for (const placed of box.placed) {
        pieces.push({ piece: placed.piece, x: indent + (x + placed.x) * scale, y: placed.y * scale, scale });
        if (placed.piece.error) errors.add(placed.piece.error);
      }
      x += box.width;
    });
    return {
      width: indent + x * scale,
      ascent: Math.max(0, ...lineBoxes.map((b) => b.ascent)) * scale,
      descent: Math.max(0, ...lineBoxes.map((b) => b.descent)) * scale,
      pieces,
    };
  });
  return { width: Math.max(0, ...lines.map((l) => l.width)), lines, errors: [...errors] };
}

function onOneLine(boxes: Box[], maxWidth: number) {
  const width = boxes.reduce((sum, b, k) => sum + (k === 0 ? 0 : b.before) + b.width, 0);
  return { boxes, indent: 0, scale: width > maxWidth && width > 0 ? maxWidth / width : 1 };
}
