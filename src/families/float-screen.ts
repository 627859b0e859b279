import type { Comparison } from '../tolerance/tolerance.js';
import { D } from '../engine/decimal.js';
import { expD, lnD } from '../engine/transcendental.js';

// A float64 screen in front of the exact (Decimal) ambiguity check: almost every
// wrong method lands far from the key, and showing that in floats is far cheaper
// than in Decimal. The same misconception formulas run on `Rough` numbers (a
// float with a proven bound on its distance from what the Decimal formula gives);
// the screen only ever concludes "certainly not confusable", and anything else
// (near the tolerance boundary, or undecidable in floats) goes to the exact test.
// So the check's verdicts are exactly those of the Decimal test alone.

/** Relative rounding of one float operation (2^-52: twice the unit roundoff, for safety). */
const U = 2 ** -52;
/** Relative error allowed to Math.exp and Math.log: ~4,500 ulp, far above any engine's, far below any tolerance. */
const LIBRARY_ERROR = 1e-12;
/** Decimal exponents beyond which a float could overflow or lose digits: left to the exact test. */
const MAX_EXPONENT = 250;
/** 10^k for |k| ≤ MAX_EXPONENT + 21, looked up rather than raised each time. */
const POWERS_OF_TEN = Array.from({ length: MAX_EXPONENT + 22 }, (_, k) => 10 ** k);

/** Thrown where floats cannot decide what the Decimal formula would (is this sum zero? is ln's argument positive?). */
export class Undecided extends Error {}

type Operand = Rough | D | string | number;

/**
 * A float v with a bound err on |v − the Decimal formula's value| (running error
 * analysis: each operation adds the propagated input errors and its own rounding).
 * It has the few Decimal methods the misconception formulas use.
 */
export class Rough {
  constructor(
    readonly v: number,
    readonly err: number,
  ) {}

  static of(x: Operand): Rough {
    if (x instanceof Rough) return x;
    if (typeof x === 'number') return new Rough(x, 0);
    // A decimal string parses to the nearest float: within half an ulp.
    if (typeof x === 'string') {
      const v = Number(x);
      return new Rough(v, Math.abs(v) * U);
    }
    // roughly() is within 1e-14; the 2e-14 also covers the 20-digit keys the formulas read.
    const v = roughly(x);
    return new Rough(v, Math.abs(v) * 2e-14);
  }

  plus(x: Operand): Rough {
    const o = Rough.of(x);
    const v = this.v + o.v;
    return new Rough(v, this.err + o.err + Math.abs(v) * U);
  }

  minus(x: Operand): Rough {
    const o = Rough.of(x);
    const v = this.v - o.v;
    return new Rough(v, this.err + o.err + Math.abs(v) * U);
  }

  times(x: Operand): Rough {
    const o = Rough.of(x);
    const v = this.v * o.v;
    return new Rough(v, Math.abs(this.v) * o.err + Math.abs(o.v) * this.err + this.err * o.err + Math.abs(v) * U);
  }

  div(x: Operand): Rough {
    const o = Rough.of(x);
    // |a/b − A/B| ≤ (err_a + |a/b|·err_b) / (|b| − err_b) when B cannot be zero.
    const room = Math.abs(o.v) - o.err;
    if (!(room > 0)) throw new Undecided('divisor may be zero');
    const v = this.v / o.v;
    return new Rough(v, (this.err + Math.abs(v) * o.err) / room + Math.abs(v) * 2 * U);
  }

  neg(): Rough {
    return new Rough(-this.v, this.err);
  }

  isZero(): boolean {
    if (this.v === 0 && this.err === 0) return true;
    if (Math.abs(this.v) > this.err) return false;
    throw new Undecided('may be zero');
  }

  isFinite(): boolean {
    return Number.isFinite(this.v) && Number.isFinite(this.err);
  }

  /**
   * e^x: e^(x ± err) = e^x · e^(±err), plus Math.exp's own error. ECMAScript leaves
   * that error to the engine (V8's is under 1 ulp); LIBRARY_ERROR bounds it with room
   * to spare, so the screen's proof does not rest on one engine's accuracy.
   */
  exp(): Rough {
    const v = Math.exp(this.v);
    return new Rough(v, v * (Math.expm1(this.err) * (1 + 1e-9) + LIBRARY_ERROR));
  }

  /** ln x: ln(x ± err) = ln x + ln(1 ± err/x), defined only for x certainly positive. */
  ln(): Rough {
    if (this.v + this.err < 0) return new Rough(Number.NaN, 0); // certainly negative: NaN, as in Decimal
    const low = this.v - this.err;
    if (!(low > 0)) throw new Undecided('ln argument may be 0 or negative');
    const v = Math.log(this.v);
    return new Rough(v, (this.err / low) * (1 + 1e-9) + Math.abs(v) * LIBRARY_ERROR + Number.MIN_VALUE);
  }
}

let rough = false;

/**
 * A number in a misconception formula: a Decimal, or a Rough while the screen
 * runs the formula in floats. Formulas write `num(x)` where they would write
 * `new D(x)`, so one text serves both.
 */
export function num(x: D | string | number): D {
  return rough ? (Rough.of(x) as unknown as D) : new D(x);
}

/** e^x of a formula's number (Decimal or Rough). */
export const expOf = (x: D): D => (x instanceof Rough ? (x.exp() as unknown as D) : expD(x));
/** ln x of a formula's number (Decimal or Rough). */
export const lnOf = (x: D): D => (x instanceof Rough ? (x.ln() as unknown as D) : lnD(x));

/**
 * Runs a formula on Rough numbers (the caller's `value` gives Roughs): its result,
 * or undefined where floats cannot stand in for Decimal (see Undecided).
 */
export function inFloats(formula: () => D | null): Rough | null | undefined {
  rough = true;
  try {
    const result = formula() as unknown as Rough | null;
    return result === null || result.isFinite() ? result : undefined;
  } catch (error) {
    if (error instanceof Undecided) return undefined;
    throw error;
  } finally {
    rough = false;
  }
}

/**
 * x as a float, within a relative 1e-14, from decimal.js's base-1e7 words
 * (`toNumber` would write and parse the digits); NaN where x is not finite or
 * too large or small for the screen.
 */
export function roughly(x: D): number {
  const words = x.d;
  if (!words || Math.abs(x.e) > MAX_EXPONENT) return Number.NaN;
  if (words[0] === 0) return 0;
  // The leading word has 1–7 digits, the others 7 each; three words carry ≥ 15 digits.
  let mantissa = words[0]!;
  const used = Math.min(words.length, 3);
  for (let i = 1; i < used; i++) mantissa = mantissa * 1e7 + words[i]!;
  let leadingDigits = 1;
  while (leadingDigits < 7 && words[0]! >= POWERS_OF_TEN[leadingDigits]!) leadingDigits++;
  const exponent = x.e - (leadingDigits - 1) - 7 * (used - 1);
  const magnitude = exponent >= 0 ? mantissa * POWERS_OF_TEN[exponent]! : mantissa / POWERS_OF_TEN[-exponent]!;
  return x.s < 0 ? -magnitude : magnitude;
}

/**
 * How far apart two numbers a rule may still accept: `relative` times the
 * larger magnitude, and `nearZero` absolutely once either may be at most
 * `zeroLevel`. From each rule's definition: same S figures, ½ unit of each
 * one's S-th figure, so 10^(1−S) of the larger; PrairieLearn, 0.51·10^(1−S)·|e|,
 * or 0.51·10^(1−S) for e = 0; WeBWorK, both rounded to n ≥ S figures alike
 * (10^(1−S)) or e cut off there (1.5·10^(1−S)), and anything under its zero
 * level 1e-14; STACK, ½ unit of the S-th figure of |e| rounded (≤ 0.75·10^(1−S)·|e|)
 * plus that rounding (≤ 0.5·10^(1−S)·|e|).
 */
function reachOf(tolerance: Exclude<Comparison, { rel: number }>): { relative: number; nearZero: number; zeroLevel: number } {
  if ('sigfigs' in tolerance) return { relative: 10 ** (1 - tolerance.sigfigs), nearZero: 0, zeroLevel: 0 };
  if ('prairielearn_sigfig' in tolerance) {
    const unit = 0.51 * 10 ** (1 - tolerance.prairielearn_sigfig);
    return { relative: unit, nearZero: unit, zeroLevel: 0 };
  }
  if ('webwork_digits' in tolerance) return { relative: 1.5 * 10 ** (1 - tolerance.webwork_digits), nearZero: 2e-14, zeroLevel: 1e-14 };
  return { relative: 1.25 * 10 ** (1 - tolerance.stack_numsigfigs), nearZero: 0, zeroLevel: 0 };
}

/**
 * True only when a and b are certainly not confusable under this tolerance
 * (see `confusable` in tolerance/within-tolerance.ts); false means "ask the exact test".
 */
export function clearlyApart(a: Rough, b: Rough, tolerance: Comparison): boolean {
  if (!a.isFinite() || !b.isFinite()) return false;
  // Bounds on the exact |a − b| (below) and max(|a|, |b|) (above), float rounding included.
  const larger = (Math.max(Math.abs(a.v), Math.abs(b.v)) + a.err + b.err) * (1 + 4 * U);
  const gap = Math.abs(a.v - b.v) - a.err - b.err - larger * 4 * U;
  if (!('rel' in tolerance)) {
    const { relative, nearZero, zeroLevel } = reachOf(tolerance);
    const smaller = Math.min(Math.abs(a.v) - a.err, Math.abs(b.v) - b.err);
    const absolute = nearZero > 0 && smaller <= zeroLevel * (1 + 1e-9) ? nearZero : 0;
    return gap > Math.max(larger * relative, absolute) * (1 + 1e-9);
  }
  // Exact: confusable when |a − b| ≤ max(rel·max(|a|, |b|), abs); rel and abs are read
  // from the same text as the Decimal ones, within an ulp.
  return gap > Math.max(tolerance.rel * larger, tolerance.abs) * (1 + 1e-9);
}
