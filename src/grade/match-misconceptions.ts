import type { D } from '../engine/decimal.js';
import { type Misconception, misconceptionsFor } from '../families/misconception.js';
import type { SlotValues } from './slot-values.js';
import { withinTolerance } from '../bank/within-tolerance.js';

/**
 * The catalogued wrong methods whose answer for this part matches the
 * student's within tolerance, computed from the key's values or from the
 * student's own (either match counts), in catalogue order.
 */
export function matchMisconceptions(values: SlotValues, at: number, answer: D): Misconception[] {
  const id = values.slot.parts.ids[at]!;
  const entries = misconceptionsFor(values.slot.family.misconceptions, id);
  if (entries.length === 0) return [];
  const { given } = values.slot;
  const tolerance = values.tolerance(at);
  const matches = (wrong: D | null) => wrong !== null && wrong.isFinite() && withinTolerance(answer, wrong, tolerance);
  // The student's own values count only where one of the parts before this one is
  // wrong (else they give the key's answer); a wrong zero among them makes every
  // method agree (w ± lr·0 = w) and diagnoses nothing.
  const ownValues = values.wrongBefore(at) && !values.wrongBefore(at, true);
  return entries.filter(
    (entry) =>
      matches(entry.answer(id, given, values.keyValue)) || (ownValues && matches(entry.answer(id, given, values.studentValue))),
  );
}
