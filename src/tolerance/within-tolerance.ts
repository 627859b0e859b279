import { Decimal } from 'decimal.js';
import type { Tolerance } from './tolerance.js';
import { D } from '../engine/decimal.js';

/** A tolerance with its bounds as Decimals, made once per tolerance object. */
type DecimalTolerance = { rel: D; abs: D } | { sigfigs: number };

// By value: a class has a handful of distinct tolerances, built anew as objects often.
const compiled = new Map<string, DecimalTolerance>();

/**
 * The tolerance settings come from YAML/JSON as JavaScript numbers; their
 * shortest decimal text (0.01, 1e-6) is the number the instructor wrote.
 */
const byObject = new WeakMap<Tolerance, DecimalTolerance>();

function decimalTolerance(tolerance: Tolerance): DecimalTolerance {
  const same = byObject.get(tolerance);
  if (same) return same;
  const text = 'sigfigs' in tolerance ? `s${tolerance.sigfigs}` : `${tolerance.rel}|${tolerance.abs}`;
  let known = compiled.get(text);
  if (!known) {
    known =
      'sigfigs' in tolerance
        ? { sigfigs: tolerance.sigfigs }
        : { rel: new D(String(tolerance.rel)), abs: new D(String(tolerance.abs)) };
    if (compiled.size < 1000) compiled.set(text, known);
  }
  byObject.set(tolerance, known);
  return known;
}

/**
 * Whether an answer is accepted for an expected value, in Decimal (never
 * float): `{rel, abs}` accepts |a − e| ≤ max(rel·|e|, abs); `{sigfigs: S}`
 * accepts a that rounds (half up) to the same S significant figures as e.
 */
export function withinTolerance(answer: D, expected: D, tolerance: Tolerance): boolean {
  const t = decimalTolerance(tolerance);
  if ('sigfigs' in t) {
    const round = (x: D) => x.toSignificantDigits(t.sigfigs, Decimal.ROUND_HALF_UP);
    return round(answer).eq(round(expected));
  }
  const allowed = expected.abs().times(t.rel);
  return answer.minus(expected).abs().lte(allowed.gt(t.abs) ? allowed : t.abs);
}

/** Either way round: a wrong method's answer and the key are confusable when either accepts the other. */
export function confusable(a: D, b: D, tolerance: Tolerance): boolean {
  const t = decimalTolerance(tolerance);
  if ('sigfigs' in t) return withinTolerance(a, b, tolerance) || withinTolerance(b, a, tolerance);
  // max(rel·|a|, abs) or max(rel·|b|, abs): the larger magnitude decides, with one subtraction.
  const larger = a.abs().gt(b.abs()) ? a.abs() : b.abs();
  const allowed = larger.times(t.rel);
  return a.minus(b).abs().lte(allowed.gt(t.abs) ? allowed : t.abs);
}
