import { Decimal } from 'decimal.js';
import type { Comparison, RelAbs } from './tolerance.js';
import { D } from '../engine/decimal.js';
import { type WrittenFigures, prairieLearnAccepts, stackAccepts, webworkAccepts } from './peer-rules.js';

/** A {rel, abs} tolerance with its bounds as Decimals, made once per tolerance object. */
type DecimalTolerance = { rel: D; abs: D };

// By value: a class has a handful of distinct tolerances, built anew as objects often.
const compiled = new Map<string, DecimalTolerance>();

/**
 * The tolerance settings come from YAML/JSON as JavaScript numbers; their
 * shortest decimal text (0.01, 1e-6) is the number the instructor wrote.
 */
const byObject = new WeakMap<RelAbs, DecimalTolerance>();

function decimalTolerance(tolerance: RelAbs): DecimalTolerance {
  const same = byObject.get(tolerance);
  if (same) return same;
  const text = `${tolerance.rel}|${tolerance.abs}`;
  let known = compiled.get(text);
  if (!known) {
    known = { rel: new D(String(tolerance.rel)), abs: new D(String(tolerance.abs)) };
    if (compiled.size < 1000) compiled.set(text, known);
  }
  byObject.set(tolerance, known);
  return known;
}

/**
 * Whether an answer is accepted for an expected value, in Decimal (never
 * float): `{rel, abs}` accepts |a − e| ≤ max(rel·|e|, abs); `{sigfigs: S}`
 * accepts a that rounds (half up) to the same S significant figures as e;
 * the peers' rules are in peer-rules.ts. `written` is how many figures the
 * answer was typed with, which only STACK's rule reads (see stackAccepts).
 */
export function withinTolerance(answer: D, expected: D, tolerance: Comparison, written?: WrittenFigures): boolean {
  if ('sigfigs' in tolerance) {
    const round = (x: D) => x.toSignificantDigits(tolerance.sigfigs, Decimal.ROUND_HALF_UP);
    return round(answer).eq(round(expected));
  }
  if ('prairielearn_sigfig' in tolerance) return prairieLearnAccepts(answer, expected, tolerance);
  if ('webwork_digits' in tolerance) return webworkAccepts(answer, expected, tolerance);
  if ('stack_numsigfigs' in tolerance) return stackAccepts(answer, expected, tolerance, written);
  const t = decimalTolerance(tolerance);
  const allowed = expected.abs().times(t.rel);
  return answer.minus(expected).abs().lte(allowed.gt(t.abs) ? allowed : t.abs);
}

/** Either way round: a wrong method's answer and the key are confusable when either accepts the other. */
export function confusable(a: D, b: D, tolerance: Comparison): boolean {
  if (!('rel' in tolerance)) return withinTolerance(a, b, tolerance) || withinTolerance(b, a, tolerance);
  const t = decimalTolerance(tolerance);
  // max(rel·|a|, abs) or max(rel·|b|, abs): the larger magnitude decides, with one subtraction.
  const larger = a.abs().gt(b.abs()) ? a.abs() : b.abs();
  const allowed = larger.times(t.rel);
  return a.minus(b).abs().lte(allowed.gt(t.abs) ? allowed : t.abs);
}
