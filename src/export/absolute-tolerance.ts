// An LMS numerical answer has one absolute margin around one value (Moodle's
// NUMERICAL, Canvas's exact answer with margin). A part's tolerance becomes
// that margin around its exact key, in decimal, as R/exams' num_to_tol does
// for a relative tolerance.
import type { Tolerance } from '../bank/tolerance.js';
import { D } from '../engine/decimal.js';

/**
 * The absolute margin that stands for a tolerance around this value:
 * `{rel, abs}` → max(rel·|v|, abs), the grader's rule; `{sigfigs: S}` → half a
 * unit in the last place of v at S significant figures (0 for v = 0, which
 * only 0 rounds to).
 */
export function absoluteTolerance(value: D, tolerance: Tolerance): D {
  if ('sigfigs' in tolerance) {
    if (value.isZero()) return new D(0);
    // value.e is the decimal exponent: 0.0421 → -2, so the last of 3 figures is 10^-4.
    return new D(10).pow(value.e - tolerance.sigfigs + 1).div(2);
  }
  // The bank's numbers came from YAML; their shortest text is what the instructor wrote (as the grader reads them).
  const relative = value.abs().times(String(tolerance.rel));
  return D.max(relative, new D(String(tolerance.abs)));
}
