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
        expect(mine.scale).toBe(1);
        expect(mine.width).toBeCloseTo(whole.width, 0);
        expect(Math.abs(mine.ascent - whole.ascent)).toBeLessThanOrEqual(2);
        expect(Math.abs(mine.descent - whole.descent)).toBeLessThanOrEqual(2);
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
    expect(narrow.lines).toBeGreaterThan(1);
    expect(narrow.width).toBeLessThanOrEqual(natural * 0.6 + 1e-6);
  });

  it('scales what cannot break (an inline formula) to the width it is given', () => {
    const tex = FORMULAS[0]!;
    const natural = layoutFormula(tex, false, Number.POSITIVE_INFINITY).width;
    const squeezed = layoutFormula(tex, false, natural / 2);
    expect(squeezed.lines).toBe(1);
    expect(squeezed.scale).toBeCloseTo(0.5, 6);
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

  it('reports a TeX error instead of throwing', () => {
    expect(layoutFormula('\\frac{1}{', true, 1e9).errors.length).toBeGreaterThan(0);
  });
});
