import type { D } from '../engine/decimal.js';
import type { Misconception, PartValue } from '../families/misconception.js';
import type { SlotValues } from './slot-values.js';
import { withinTolerance } from './within-tolerance.js';

/**
 * The catalogued wrong methods whose answer for this part matches the
 * student's within tolerance, computed from the key's values or from the
 * student's own (either match counts), in catalogue order.
 */
export function matchMisconceptions(values: SlotValues, at: number, answer: D): Misconception[] {
  const entries = values.slot.family.misconceptions?.entries ?? [];
  if (entries.length === 0) return [];
  const { given } = values.slot;
  const id = values.slot.parts.ids[at]!;
  const tolerance = values.tolerance(at);
  const fromKey: PartValue = (partId) => values.key(values.indexOf(partId));
  let usedOwn = false;
  let usedWrongZero = false;
  const fromStudent: PartValue = (partId) => {
    const p = values.indexOf(partId);
    const own = values.student(p);
    if (own === null) return values.key(p);
    usedOwn = true;
    if (own.isZero() && !withinTolerance(own, values.key(p), values.tolerance(p))) usedWrongZero = true;
    return own;
  };
  const matches = (wrong: D | null) => wrong !== null && wrong.isFinite() && withinTolerance(answer, wrong, tolerance);
  return entries.filter((entry) => {
    usedOwn = false;
    usedWrongZero = false;
    // A wrong zero carried in makes every method agree (w ± lr·0 = w): it diagnoses nothing.
    if (matches(entry.answer(id, given, fromStudent)) && !usedWrongZero) return true;
    // Only when the student's values changed something can the key's give another answer.
    return usedOwn && matches(entry.answer(id, given, fromKey));
  });
}
