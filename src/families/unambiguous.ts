import { type Bands, type ProblemTolerance, toleranceFor } from '../tolerance/tolerance.js';
import { D } from '../engine/decimal.js';
import { type Misconception, type MisconceptionId, misconceptionsFor } from './misconception.js';
import type { Solution } from './solution.js';
import type { Family, Given } from './types.js';
import { confusable } from '../tolerance/within-tolerance.js';
import { Rough, clearlyApart, inFloats } from './float-screen.js';

export interface Confusion {
  partId: string;
  misconception: MisconceptionId;
  /** The wrong method's answer, within tolerance of the key. */
  wrong: D;
}

/** Significant digits of the key the wrong methods are computed from. */
const SHORT_DIGITS = 20;
/**
 * Closer than this (relative), a wrong formula is taken as identically the right
 * one (the diagonal of a square dW): above the 20-digit rounding, far below any tolerance.
 */
const IDENTICAL = new D('1e-15');
const ZERO_FLOOR = new D('1e-50');

/**
 * The first part where a catalogued wrong method lands within tolerance of
 * the key (so grading could not tell them apart), or null when the variant
 * is unambiguous. A carried_rounding part is judged by its band (`bands`). Where the wrong formula gives the key itself — identically
 * the right one for that part, e.g. x_i·dz_i, or lr = 1 — there is nothing to
 * tell apart, and it does not count.
 */
export function confusableMisconception(
  family: Family,
  given: Given,
  solution: Solution,
  tolerance: ProblemTolerance,
  bands?: Bands,
): Confusion | null {
  const catalogue = family.misconceptions;
  if (!catalogue) return null;
  // The wrong methods read the key to 20 digits: ample beside any tolerance, and
  // much cheaper than the 60 the engine carries (this runs for every variant drawn).
  const short = new Map<string, D>();
  const value = (id: string) => {
    let known = short.get(id);
    if (!known) short.set(id, (known = solution.value(id).toSignificantDigits(SHORT_DIGITS)));
    return known;
  };
  // The same keys as floats, for the screen (Rough.of bounds the 20-digit rounding too).
  const roughKeys = new Map<string, Rough>();
  const roughValue = (id: string) => {
    let known = roughKeys.get(id);
    if (!known) roughKeys.set(id, (known = Rough.of(solution.value(id))));
    return known as unknown as D;
  };
  for (const partId of solution.partIds) {
    const entries = misconceptionsFor(catalogue, partId);
    if (entries.length === 0) continue;
    const key = solution.value(partId);
    const partTolerance = toleranceFor(tolerance, partId, bands);
    for (const entry of entries) {
      if (catalogue.screenInFloats) {
        // null in floats is null in Decimal (the formulas decide it from ids and shapes,
        // or from an isZero that floats decided); clearly apart in floats is apart exactly.
        const rough = inFloats(() => entry.answer(partId, given, roughValue));
        if (rough === null) continue;
        if (rough !== undefined && clearlyApart(rough, roughValue(partId) as unknown as Rough, partTolerance)) continue;
      }
      const wrong = entry.answer(partId, given, value);
      if (wrong === null || !wrong.isFinite() || clearlyApart(Rough.of(wrong), Rough.of(key), partTolerance)) continue;
      if (!confusable(wrong, key, partTolerance) || same(wrong, key)) continue;
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
