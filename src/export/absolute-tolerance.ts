// An LMS numerical answer has one absolute margin around one value (Moodle's
// NUMERICAL, Canvas's exact answer with margin). A part's tolerance becomes
// that margin around its exact key, in decimal, as R/exams' num_to_tol does
// for a relative tolerance.
import type { Comparison } from '../tolerance/tolerance.js';
import { D } from '../engine/decimal.js';

/**
 * The absolute margin that stands for a part's rule around this value (a
 * carried_rounding part comes as its band, {rel: 0, abs: band}):
 * - `{rel, abs}` → max(rel·|v|, abs), the grader's rule;
 * - `{sigfigs: S}`, `{stack_numsigfigs: S}`, `{webwork_digits: S}` → half a
 *   unit in the last place of v at S significant figures (0 for v = 0, which
 *   only 0 rounds to). For STACK and WeBWorK that is the rounded reading, the
 *   narrower one: an LMS interval may refuse what the grader's rule accepts,
 *   never the other way round; it cannot check how many figures were written;
 * - `{prairielearn_sigfig: S}` → 0.51·10^(p−S+1), PrairieLearn's own bound.
 */
export function absoluteTolerance(value: D, tolerance: Comparison): D {
  if ('rel' in tolerance) {
    // The bank's numbers came from YAML; their shortest text is what the instructor wrote (as the grader reads them).
    const relative = value.abs().times(String(tolerance.rel));
    return D.max(relative, new D(String(tolerance.abs)));
  }
  if (value.isZero()) return new D(0);
  // value.e is the decimal exponent: 0.0421 → -2, so the last of 3 figures is 10^-4.
  const figures =
    'sigfigs' in tolerance
      ? tolerance.sigfigs
      : 'prairielearn_sigfig' in tolerance
        ? tolerance.prairielearn_sigfig
        : 'webwork_digits' in tolerance
          ? tolerance.webwork_digits
          : tolerance.stack_numsigfigs;
  const unit = new D(10).pow(value.e - figures + 1);
  return 'prairielearn_sigfig' in tolerance ? unit.times('0.51') : unit.div(2);
}
