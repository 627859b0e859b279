// Typeset TeX pieces, cached by their *shape*: the TeX with every digit
// replaced by 0. MathJax's digits all have the same advance (0.5 em), so two
// pieces that differ only in their digits have the same layout; the digits'
// glyphs are filled into slots when the piece is drawn. Every student's
// `(-0.4)` and `(-1.3)` then costs one MathJax call instead of one each.
//
// A shape is typeset once, from a *probe*: its digits replaced by 1234567890…
// in order. The probe shows where each source digit is drawn and that it is
// drawn in the upright font; if not (\hspace{2em}, \mathbf{1}, …) the shape
// is marked unsafe and its pieces are typeset one by one. Geometry always comes
// from the probe, never from whichever student came first, so the output does
// not depend on the order pieces were met (nor on the number of workers).
import { type MathPiece, compilePiece, isDigitSlot } from './math-piece.js';
import { glyphsOf, typesetTex } from './mathjax-svg.js';

const PROBE_DIGITS = '1234567890';
/** Pieces typeset whole (no digits, or unsafe shapes) kept at most; beyond it the cache restarts. */
const MAX_WHOLE_PIECES = 20_000;

const shapes = new Map<string, MathPiece | 'unsafe'>();
const whole = new Map<string, MathPiece>();
const digitGlyphs = uprightDigits();

/** The piece for TeX (display or inline style), with its digits in place. */
export function typesetPiece(tex: string, display: boolean): MathPiece {
  const digits = tex.match(/[0-9]/g);
  if (!digits || !digitGlyphs) return typesetWhole(tex, display);
  const key = `${display ? 'D' : 'T'}${tex.replace(/[0-9]/g, '0')}`;
  let shape = shapes.get(key);
  if (shape === undefined) {
    shape = typesetShape(tex, display, digits.length);
    shapes.set(key, shape);
  }
  if (shape === 'unsafe') return typesetWhole(tex, display);
  return fillDigits(shape, digits);
}

function typesetWhole(tex: string, display: boolean): MathPiece {
  const key = `${display ? 'D' : 'T'}${tex}`;
  let piece = whole.get(key);
  if (!piece) {
    if (whole.size >= MAX_WHOLE_PIECES) whole.clear();
    piece = compilePiece(typesetTex(tex, display));
    whole.set(key, piece);
  }
  return piece;
}

function typesetShape(tex: string, display: boolean, digitCount: number): MathPiece | 'unsafe' {
  let ordinal = 0;
  const probe = tex.replace(/[0-9]/g, () => PROBE_DIGITS[ordinal++ % PROBE_DIGITS.length]!);
  const formula = typesetTex(probe, display);
  if (formula.error) return 'unsafe';
  // With at most ten digits each probe digit names its source position, whatever order MathJax
  // draws them in (a superscript before its subscript); beyond ten they must come in source order.
  const distinct = digitCount <= PROBE_DIGITS.length;
  const slotByGlyph = new Map<number, number>();
  let next = 0;
  let inOrder = true;
  glyphsOf(formula.items).forEach((glyph, index) => {
    const digit = /^3([0-9])$/.exec(glyph.char ?? '')?.[1];
    if (digit === undefined) return;
    const slot = distinct ? PROBE_DIGITS.indexOf(digit) : next;
    if (!distinct && digit !== PROBE_DIGITS[next % PROBE_DIGITS.length]) inOrder = false;
    // Only an upright digit of the source may become a slot.
    if (glyph.d === digitGlyphs!.get(digit) && slot < digitCount && ![...slotByGlyph.values()].includes(slot)) {
      slotByGlyph.set(index, slot);
    }
    next++;
  });
  if (!inOrder || next !== digitCount || slotByGlyph.size !== digitCount) return 'unsafe';
  return compilePiece(formula, (index) => slotByGlyph.get(index) ?? null);
}

function fillDigits(shape: MathPiece, digits: readonly string[]): MathPiece {
  const parts = shape.parts.map((part) =>
    isDigitSlot(part) ? { d: digitGlyphs!.get(digits[part.ordinal]!)!, matrix: part.matrix } : part,
  );
  return { ...shape, parts };
}

/** The outlines of MathJax's upright digits, or null if their advances differ (then no slots). */
function uprightDigits(): Map<string, string> | null {
  const glyphs = glyphsOf(typesetTex('0123456789', false).items);
  if (glyphs.length !== 10) return null;
  const map = new Map<string, string>();
  for (const [i, glyph] of glyphs.entries()) {
    if (glyph.char !== `3${i}` || Math.abs(glyph.matrix[4] - 500 * i) > 1e-9) return null;
    map.set(String(i), glyph.d);
  }
  return map;
}
