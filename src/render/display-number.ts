// How a decimal string from a variant record is printed. Rounding for display
// happens here and only here; the record keeps its 40 digits.
import { D } from '../engine/decimal.js';

/** Outside 10⁻³ ≤ |x| < 10⁶ numbers are printed as m × 10ᵉ. */
const SMALLEST_PLAIN_EXPONENT = -3;
const LARGEST_PLAIN_EXPONENT = 5;

export interface DisplayNumber {
  negative: boolean;
  /** Digits without sign, e.g. "0.3385" or "3.490" (the mantissa when `exponent` is set). */
  digits: string;
  exponent: number | null;
  /** True when nothing was rounded away (the printed value is the value). */
  exact: boolean;
}

/**
 * A value rounded to `sigfigs` significant figures for print (null: as it is).
 * Trailing zeros show only where rounding happened: 0.5 stays 0.5, 0.50003 → 0.5000.
 */
export function displayNumber(value: string, sigfigs: number | null): DisplayNumber {
  const v = new D(value);
  if (v.isZero()) return { negative: false, digits: '0', exponent: null, exact: true };
  const rounded = sigfigs === null ? v : v.toSignificantDigits(sigfigs);
  const exact = rounded.eq(v);
  const abs = rounded.abs();
  const e = abs.e;
  const keepZeros = !exact && sigfigs !== null;
  if (e < SMALLEST_PLAIN_EXPONENT || e > LARGEST_PLAIN_EXPONENT) {
    const mantissa = abs.div(new D(10).pow(e));
    const digits = keepZeros ? mantissa.toFixed(sigfigs! - 1) : mantissa.toFixed();
    return { negative: rounded.isNegative(), digits, exponent: e, exact };
  }
  const digits = keepZeros ? abs.toFixed(Math.max(0, sigfigs! - 1 - e)) : abs.toFixed();
  return { negative: rounded.isNegative(), digits, exponent: null, exact };
}

export interface TexOptions {
  /** Wrap negative (and scientific) numbers in parentheses, as when substituted into a product. */
  paren?: boolean;
}

/** TeX for a display number: `-0.3385`, `3.49 \times 10^{-32}`. */
export function texNumber(n: DisplayNumber, options: TexOptions = {}): string {
  const body = n.exponent === null ? n.digits : `${n.digits} \\times 10^{${n.exponent}}`;
  const signed = n.negative ? `-${body}` : body;
  return options.paren && (n.negative || n.exponent !== null) ? `(${signed})` : signed;
}

const SUPERSCRIPT: Record<string, string> = {
  '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹',
};

/** Plain text for tables: true minus sign, `3.49 × 10⁻³²`. */
export function plainNumber(n: DisplayNumber): string {
  const exponent = n.exponent === null ? '' : ` × 10${[...String(n.exponent)].map((c) => SUPERSCRIPT[c]).join('')}`;
  return `${n.negative ? '−' : ''}${n.digits}${exponent}`;
}
