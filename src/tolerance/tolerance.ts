/** How close an answer must be: |a − e| ≤ max(rel·|e|, abs), or the same significant figures. */
export type Tolerance = { rel: number; abs: number } | { sigfigs: number };

/** A problem's tolerance with optional per-part overrides (keys are part ids). */
export type ProblemTolerance = Tolerance & { parts?: Record<string, Tolerance> };

export const DEFAULT_TOLERANCE: Tolerance = { rel: 0.01, abs: 1e-8 };

/** The tolerance that applies to one part. */
export function toleranceFor(tolerance: ProblemTolerance, partId: string): Tolerance {
  const own = tolerance.parts?.[partId];
  if (own) return own;
  return 'sigfigs' in tolerance ? { sigfigs: tolerance.sigfigs } : { rel: tolerance.rel, abs: tolerance.abs };
}
