import { describe, expect, it } from 'vitest';
import { displayNumber, plainNumber, texNumber } from '../../src/render/display-number.js';

const tex = (value: string, sigfigs: number | null, paren = false) => texNumber(displayNumber(value, sigfigs), { paren });
const plain = (value: string, sigfigs: number | null) => plainNumber(displayNumber(value, sigfigs));

describe('display numbers', () => {
  it('rounds answers to the significant figures asked, keeping the zeros rounding leaves', () => {
    expect(tex('0.3384968407970475742321014463065832204201', 4)).toBe('0.3385');
    expect(tex('-0.6615031592029524257678985536934167795799', 4)).toBe('-0.6615');
    expect(tex('0.50003', 4)).toBe('0.5000');
    expect(tex('9.99961', 4)).toBe('10.00');
    expect(tex('1083.24', 3)).toBe('1080');
  });

  it('prints an exact value as it is: no padding zeros, no approximation', () => {
    expect(tex('0.5', 4)).toBe('0.5');
    expect(tex('-0.67', 4)).toBe('-0.67');
    expect(displayNumber('-0.67', 4).exact).toBe(true);
    expect(displayNumber('0.33849', 4).exact).toBe(false);
    expect(tex('0', 4)).toBe('0');
  });

  it('prints givens exactly as drawn', () => {
    expect(tex('-1.3', null)).toBe('-1.3');
    expect(tex('0.125', null)).toBe('0.125');
  });

  it('uses scientific form for tiny and huge values', () => {
    expect(tex('3.4873e-32', 3)).toBe('3.49 \\times 10^{-32}');
    expect(plain('3.4873e-32', 3)).toBe('3.49 × 10⁻³²');
    expect(plain('-0.00012345', 3)).toBe('−1.23 × 10⁻⁴');
    expect(plain('0.0012345', 3)).toBe('0.00123');
    expect(plain('12345678', 4)).toBe('1.235 × 10⁷');
  });

  it('puts negative and scientific numbers in parentheses when substituted', () => {
    expect(tex('-0.4', null, true)).toBe('(-0.4)');
    expect(tex('0.4', null, true)).toBe('0.4');
    expect(tex('2.5e-9', 2, true)).toBe('(2.5 \\times 10^{-9})');
  });

  it('writes a true minus sign in plain text', () => {
    expect(plain('-0.25', 4)).toBe('−0.25');
  });
});
