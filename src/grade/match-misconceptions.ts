import type { D } from '../engine/decimal.js';
import { Rough, clearlyApart, inFloats } from '../families/float-screen.js';
import { type Misconception, type PartValue, misconceptionsFor } from '../families/misconception.js';
import type { SlotValues } from './slot-values.js';
import { withinTolerance } from '../tolerance/within-tolerance.js';

/**
 * The catalogued wrong methods whose answer for this part matches the
 * student's within tolerance, computed from the key's values or from the
 * student's own (either match counts), in catalogue order.
 */
export function matchMisconceptions(values: SlotValues, at: number, answer: D): Misconception[] {
  const id = values.slot.parts.ids[at]!;
  const catalogue = values.slot.family.misconceptions;
  const entries = misconceptionsFor(catalogue, id);
  if (entries.length === 0) return [];
  const { given } = values.slot;
  const tolerance = values.tolerance(at);
  const written = values.written(at);
  // Almost every wrong method lands far from the student's answer: a catalogue whose
  // formulas also run in floats (float-screen.ts) is first tried that way, and only
  // what the floats cannot rule out is computed in Decimal.
  const roughAnswer = catalogue?.screenInFloats ? Rough.of(answer) : null;
  const ruledOut = (entry: Misconception, value: PartValue, roughValue: PartValue) => {
    if (!roughAnswer) return false;
    const rough = inFloats(() => entry.answer(id, given, roughValue));
    // Null in floats is null in Decimal (the formulas decide it from ids and shapes, or
    // from an isZero the floats decided); clearly apart means not within tolerance
    // either way round (clearlyApart bounds the tolerance by the larger magnitude).
    return rough === null || (rough !== undefined && clearlyApart(rough, roughAnswer, tolerance));
  };
  const matches = (entry: Misconception, value: PartValue, roughValue: PartValue) => {
    if (ruledOut(entry, value, roughValue)) return false;
    const wrong = entry.answer(id, given, value);
    return wrong !== null && wrong.isFinite() && withinTolerance(answer, wrong, tolerance, written);
  };
  // The student's own values count only where one of the parts before this one is
  // wrong (else they give the key's answer); a wrong zero among them makes every
  // method agree (w ± lr·0 = w) and diagnoses nothing.
  const ownValues = values.wrongBefore(at) && !values.wrongBefore(at, true);
  return entries.filter(
    (entry) =>
      matches(entry, values.keyValue, values.roughKeyValue) ||
      (ownValues && matches(entry, values.studentValue, values.roughStudentValue)),
  );
}
