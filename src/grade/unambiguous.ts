import { type ProblemTolerance, toleranceFor } from '../bank/tolerance.js';
import { D } from '../engine/decimal.js';
import type { Misconception, MisconceptionId } from '../families/misconception.js';
import type { Solution } from '../families/solution.js';
import type { Family, Given } from '../families/types.js';
import { confusable } from './within-tolerance.js';

export interface Confusion {
  partId: string;
  misconception: MisconceptionId;
  /** The wrong method's answer, within tolerance of the key. */
  wrong: D;
}

/** Closer than this, a wrong formula is taken as identically the right one (the diagonal of a square dW). */
const IDENTICAL = new D('1e-30');
const ZERO_FLOOR = new D('1e-50');

/**
 * The first part where a catalogued wrong method lands within tolerance of
 * the key (so grading could not tell them apart), or null when the variant
 * is unambiguous. Where the wrong formula gives the key itself — identically
 * the right one for that part, e.g. x_i·dz_i, or lr = 1 — there is nothing to
 * tell apart, and it does not count.
 */
export function confusableMisconception(
  family: Family,
  given: Given,
  solution: Solution,
  tolerance: ProblemTolerance,
): Confusion | null {
  const entries = family.misconceptions?.entries ?? [];
  if (entries.length === 0) return null;
  const value = (id: string) => solution.value(id);
  for (const partId of solution.partIds) {
    const key = solution.value(partId);
    const partTolerance = toleranceFor(tolerance, partId);
    for (const entry of entries) {
      const wrong = entry.answer(partId, given, value);
      if (wrong === null || !wrong.isFinite()) continue;
      if (same(wrong, key) || !confusable(wrong, key, partTolerance)) continue;
      if (!carriedForward(entry, partId, given, solution)) return { partId, misconception: entry.id, wrong };
    }
  }
  return null;
}

const same = (a: D, b: D) => a.minus(b).abs().lte(D.max(b.abs().times(IDENTICAL), ZERO_FLOOR));

/**
 * Whether the wrong method's answer for this part is just its earlier wrong
 * parts carried forward (w − lr·dw with the wrong dw): a student who wrote
 * those parts is credited here either way (correct or ecf), so there is
 * nothing to tell apart at this part; the mistake shows where it is made.
 */
function carriedForward(entry: Misconception, partId: string, given: Given, solution: Solution): boolean {
  const parents = solution.parentsOf(partId);
  if (parents.length === 0) return false;
  const key = (id: string) => solution.value(id);
  const wrongParents = new Map(parents.map((p) => [p, entry.answer(p, given, key) ?? key(p)]));
  const wrongHere = entry.answer(partId, given, (id) => wrongParents.get(id) ?? key(id));
  const recomputed = solution.recompute(partId, wrongParents);
  return wrongHere !== null && recomputed !== null && wrongHere.isFinite() && same(wrongHere, recomputed);
}
