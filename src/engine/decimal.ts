import { Decimal } from 'decimal.js';
import { ln1pD } from './transcendental.js';

/**
 * The one Decimal the engine computes with. 60 significant digits leave
 * 30 correct after the cancellations our formulas can produce; the saturated
 * cases (σ(170)) are handled by identities in the ops, not by more digits.
 */
export const D = Decimal.clone({
  precision: 60,
  rounding: Decimal.ROUND_HALF_EVEN,
  toExpNeg: -7,
  toExpPos: 21,
});
export type D = InstanceType<typeof D>;

/** Significant digits written to variants.jsonl (at least 30 are correct). */
export const ANSWER_DIGITS = 40;

export const ZERO = new D(0);
export const ONE = new D(1);

/** The exact text of a stored answer: no float, no trailing zeros. */
export function answerText(value: D): string {
  if (value.isZero()) return '0';
  return value.toSignificantDigits(ANSWER_DIGITS).toString();
}

/** Parses a decimal string from a file; throws on anything that is not a finite decimal. */
export function dec(text: string): D {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text.trim())) {
    throw new Error(`not a decimal number: "${text}"`);
  }
  return new D(text.trim());
}

/**
 * ln(1 + t), keeping the digits of a tiny t that 1 + t would round away
 * (ln σ(170) = ln(1 - 1.5e-74) needs them). Correctly rounded: see transcendental.ts.
 */
export function ln1p(t: D): D {
  return ln1pD(t);
}
