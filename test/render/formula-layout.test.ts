import { describe, expect, it } from 'vitest';
import { layoutFormula } from '../../src/render/math/formula-layout.js';
import { typesetTex } from '../../src/render/math/mathjax-svg.js';
import { typesetPiece } from '../../src/render/math/piece-cache.js';
import { splitAtoms } from '../../src/render/math/tex-atoms.js';

// Formulas as the templates write them: the assembled layout (atoms, cached
// pieces, matrices from cells) must be MathJax's own: the width to the unit
// (1/1000 em); heights within 2 units (a cached shape's digits are the probe's,
// and digits differ in depth by up to 0.022 em).
const FORMULAS = [
  'z = (-0.1) \\cdot (-0.6) + (-0.7) \\cdot 0.9 + (-0.1) = -0.67',
  '\\hat y = \\sigma(z) = \\frac{1}{1+e^{-z}} = \\frac{1}{1+e^{ 0.67 }} \\approx \\frac{1}{1+1.954 } \\approx 0.3385',
  'L^{(1)} = \\frac{1}{ 2 }\\big[0.5211 + 0.4894\\big] \\approx 0.5052',
  '\\frac{\\partial L}{\\partial W} = \\frac{\\partial L}{\\partial z}\\,x^\\top = \\begin{pmatrix} 0.08477 \\\\ 0.5077 \\\\ -0.5925 \\end{pmatrix} \\begin{pmatrix} -1.7 & 1.9 & -1.7 \\end{pmatrix} \\approx \\begin{pmatrix} -0.1441 & 0.1611 & -0.1441 \\\\ -0.8632 & 0.9647 & -0.8632 \\\\ 1.007 & -1.126 & 1.007 \\end{pmatrix}',
  'x = \\begin{pmatrix} -0.6 \\\\ 0.9 \\end{pmatrix}, \\quad w = \\begin{pmatrix} -0.1 \\\\ -0.7 \\end{pmatrix}, \\quad b = -0.1, \\quad y = 1, \\quad \\eta = 0.1',
  'w_{ 1 }^{(2)} = 0.3672 - 0.5 \\cdot (-0.1911) \\approx 0.4628',
];

describe('formula layout from atoms', () => {
  for (const tex of FORMULAS) {
    for (const display of [true, false]) {
      it(`matches MathJax's own layout (${display ? 'display' : 'inline'}): ${tex.slice(0, 40)}…`, () => {
        const whole = typesetTex(tex, display);
        const mine = layoutFormula(tex, display, Number.POSITIVE_INFINITY);
        expect(mine.lines).toHaveLength(1);
        const [line] = mine.lines;
        expect(line!.pieces.every((p) => p.scale === 1)).toBe(true);
        expect(mine.width).toBeCloseTo(whole.width, 0);
        expect(Math.abs(line!.ascent - whole.ascent)).toBeLessThanOrEqual(2);
        expect(Math.abs(line!.descent - whole.descent)).toBeLessThanOrEqual(2);
      });
    }
  }

  it('splits at relations and operators, keeps bracketed groups and makes a leading minus unary', () => {
    expect(splitAtoms('z = -0.67 + (a - b) \\cdot x_{i-1}').map((a) => `${a.cls}:${a.tex}`)).toEqual([
      'ord:z', 'rel:=', 'bin:-', 'ord:0.67', 'bin:+', 'ord:(a - b)', 'bin:\\cdot', 'ord:x_{i-1}',
    ]);
    expect(splitAtoms('\\frac{1}{2}\\big[(-0.4) + 0.5\\big]').map((a) => a.cls)).toEqual(['ord', 'open', 'ord', 'bin', 'ord', 'close']);
  });

  it('breaks a display formula that is too wide before a relation, and never exceeds the width', () => {
    const tex = FORMULAS[3]!;
    const natural = layoutFormula(tex, true, Number.POSITIVE_INFINITY).width;
    const narrow = layoutFormula(tex, true, natural * 0.6);
    expect(narrow.lines.length).toBeGreaterThan(1);
    expect(narrow.width).toBeLessThanOrEqual(natural * 0.6 + 1e-6);
    for (const line of narrow.lines) expect(line.width).toBeLessThanOrEqual(natural * 0.6 + 1e-6);
  });

  it('keeps an operator with what follows it and breaks a long difference before its minus, not its product', () => {
    const M = '\\begin{pmatrix} 0.73 & -0.92 & 0.08 & 0.77 \\\\ 0.73 & 0.65 & 0.09 & -0.11 \\end{pmatrix}';
    const tex = `W^{\\text{new}} = W - \\eta\\,\\frac{\\partial L}{\\partial W} = ${M} - 0.5 \\cdot ${M} \\approx ${M}`;
    const oneMatrix = layoutFormula(M, true, Number.POSITIVE_INFINITY).width;
    const { lines } = layoutFormula(tex, true, oneMatrix * 1.8);
    const starts = lines.map((line) => line.pieces[0]!.piece);
    // W^new = W − η ∂L/∂W = M | − 0.5 · M | ≈ M
    expect(lines.length).toBe(3);
    expect(lines.every((line) => line.pieces.length > 1)).toBe(true); // no operator alone on a line
    expect(starts[1]!.parts).toEqual(typesetPiece('{-}', true).parts);
    expect(starts[2]!.parts).toEqual(typesetPiece('{\\approx}', true).parts);
  });

  it('scales what cannot break (an inline formula) to the width it is given', () => {
    const tex = FORMULAS[0]!;
    const natural = layoutFormula(tex, false, Number.POSITIVE_INFINITY).width;
    const squeezed = layoutFormula(tex, false, natural / 2);
    expect(squeezed.lines).toHaveLength(1);
    expect(squeezed.lines[0]!.pieces[0]!.scale).toBeCloseTo(0.5, 6);
    expect(squeezed.width).toBeCloseTo(natural / 2, 6);
  });

  it('reuses one typeset shape for pieces that differ only in their digits', () => {
    const a = typesetPiece('{(-0.4123)}', true);
    const b = typesetPiece('{(-9.8765)}', true);
    expect(b.width).toBe(a.width);
    expect(b.parts).not.toEqual(a.parts); // the digits' outlines differ
    const whole = typesetTex('{(-9.8765)}', true);
    expect(b.width).toBe(whole.width);
  });

  it("clips a tall delimiter's stretched extender to its box, as MathJax's nested <svg> does", () => {
    const tall = `\\begin{pmatrix} ${Array.from({ length: 8 }, (_, i) => `0.${i}`).join(' \\\\ ')} \\end{pmatrix}`;
    const [line] = layoutFormula(tall, false, Number.POSITIVE_INFINITY).lines;
    const operators = line!.pieces.flatMap((p) => p.piece.parts).filter((part) => typeof part === 'string');
    expect(operators.some((part) => / W n$/.test(part))).toBe(true);
    expect(line!.ascent).toBe(typesetTex(tall, false).ascent);
  });

  it('reports a TeX error instead of throwing', () => {
    expect(layoutFormula('\\frac{1}{', true, 1e9).errors.length).toBeGreaterThan(0);
  });
});
