// The significant-figure rules of PrairieLearn, WeBWorK and STACK, in
// Decimal, so an instructor can grade as those systems do. Each follows the
// peer's own source; the tests hold them to the peers' documented examples.
import { Decimal } from 'decimal.js';
import { D } from '../engine/decimal.js';
import type { PrairieLearnSigfig, StackNumSigFigs, WebworkDigits } from './tolerance.js';

/** The power of ten of x's leading digit (0 for 0): 1.234 → 0, 0.0456 → −2. */
const leadingPower = (x: D): number => (x.isZero() ? 0 : x.e);

const tenTo = (power: number): D => new D(`1e${power}`);

const roundedTo = (x: D, figures: number): D => x.toSignificantDigits(figures, Decimal.ROUND_HALF_UP);

/**
 * PrairieLearn `is_correct_scalar_sf` (prairielearn python package): with p the
 * power of ten of e's leading digit (0 when e = 0), accepts e − ε < a < e + ε
 * for ε = 0.51·10^(p−S+1), both ends open.
 */
export function prairieLearnAccepts(answer: D, expected: D, { prairielearn_sigfig: figures }: PrairieLearnSigfig): boolean {
  const eps = new D('0.51').times(tenTo(leadingPower(expected) - figures + 1));
  return answer.minus(expected).abs().lt(eps);
}

/** WeBWorK's zeroLevel: two numbers both smaller than this are equal; one alone is compared exactly. */
const WEBWORK_ZERO_LEVEL = new D('1e-14');

/**
 * WeBWorK `tolType => 'digits'` (Value::Real::compare in pg): n is the figures
 * the answer shows once rounded to S + extra_digits and stripped of trailing
 * zeros, at least S; accepted when answer and key agree rounded to n figures,
 * or, with truncation, when the key cut off at n figures is the answer rounded.
 * Half up, as WeBWorK's nudge before sprintf makes its rounding.
 */
export function webworkAccepts(answer: D, expected: D, rule: WebworkDigits): boolean {
  const tinyAnswer = answer.abs().lt(WEBWORK_ZERO_LEVEL);
  const tinyKey = expected.abs().lt(WEBWORK_ZERO_LEVEL);
  if (tinyAnswer && tinyKey) return true;
  if (tinyAnswer || tinyKey) return answer.eq(expected);
  const shown = roundedTo(answer, rule.webwork_digits + Math.max(rule.extra_digits, 0)).sd();
  const figures = Math.max(shown, rule.webwork_digits);
  const answerRounded = roundedTo(answer, figures);
  if (roundedTo(expected, figures).eq(answerRounded)) return true;
  return rule.truncation && expected.toSignificantDigits(figures, Decimal.ROUND_DOWN).eq(answerRounded);
}

/** The significant figures a written number may have: STACK reads `100` as 1 to 3, `100.` and `1.00e2` as 3. */
export interface WrittenFigures {
  lower: number;
  upper: number;
}

/**
 * The significant figures of a number as written (`-0.0010`, `1.23e-3`), counted
 * as STACK's get_decimal_digits counts them: leading zeros never count, zeros
 * after a decimal point that follows a digit always do, the trailing zeros of a
 * whole number may or may not, and a number of zeros only has max(1, its zeros
 * after the point or its one zero) figures. The mantissa alone is read.
 */
export function writtenFigures(text: string): WrittenFigures {
  let leadingZeros = 0;
  let undecidedZeros = 0;
  let meaningful = 0;
  let beforePoint = true;
  for (const c of text) {
    if (c === '0') {
      if (meaningful === 0) leadingZeros++;
      else if (beforePoint) undecidedZeros++;
      else meaningful++;
    } else if ((c === '-' || c === '+') && meaningful === 0) continue;
    else if (c === '.' && beforePoint) {
      beforePoint = false;
      // `100.`: the point makes the zeros before it count.
      meaningful += undecidedZeros;
      undecidedZeros = 0;
      leadingZeros = 0;
    } else if (c >= '1' && c <= '9') {
      meaningful += undecidedZeros + 1;
      undecidedZeros = 0;
    } else break;
  }
  if (meaningful === 0) return { lower: Math.max(1, leadingZeros), upper: Math.max(1, leadingZeros) };
  if (!beforePoint) return { lower: meaningful, upper: meaningful };
  return { lower: meaningful, upper: meaningful + undecidedZeros };
}

/**
 * STACK `NumSigFigs` with one option S (ATNumSigFigs in numericaltest.mac):
 * the answer is written with S significant figures (S within the figures its
 * text may have), has the key's sign, and lies strictly within half a unit of
 * the S-th figure of the key rounded to S figures. `written` is absent for a
 * number computed rather than typed (a wrong method's answer): it is taken as
 * written to S figures, so only its value is judged.
 */
export function stackAccepts(answer: D, expected: D, { stack_numsigfigs: figures }: StackNumSigFigs, written?: WrittenFigures): boolean {
  if (written && !(written.lower <= figures && figures <= written.upper)) return false;
  if (answer.cmp(0) !== expected.cmp(0)) return false;
  const key = roundedTo(expected.abs(), figures);
  const halfUnit = new D('0.5').times(tenTo(leadingPower(key) - figures + 1));
  return answer.abs().minus(key).abs().lt(halfUnit);
}
