import type { D } from '../engine/decimal.js';
import { Rough, clearlyApart } from '../families/float-screen.js';
import type { SlotValues } from './slot-values.js';
import { withinTolerance } from '../tolerance/within-tolerance.js';

/** A parent part whose value the student carried into this part. */
export interface CarriedValue {
  partId: string;
  value: D;
}

export type CarryForward =
  /** Right from the student's own earlier answers. */
  | { kind: 'ecf'; carried: readonly CarriedValue[]; value: D }
  /** Right from them too, but they made the part trivial (a zero carried in, or a zero result). */
  | { kind: 'trivial'; carried: readonly CarriedValue[]; value: D };

/**
 * Error carried forward: the part recomputed from the student's own values
 * of the parts it directly reads (a parent left blank or unreadable counts
 * as the key's), with the variant's exact givens. Null when no parent
 * differs from the key, the formula is undefined there, or the answer does
 * not match. A wrong zero carried in, or a zero result where the key is not
 * zero, makes the part trivial: typing 0 early must not earn later marks.
 */
export function carryForward(values: SlotValues, at: number, answer: D): CarryForward | null {
  const found = values.graph();
  if (!found) return null;
  const id = values.slot.parts.ids[at]!;
  const parents = found.graph.parentsOf(id);
  if (parents.length === 0) return null;

  const used = new Map<string, D>();
  const carried: CarriedValue[] = [];
  let zeroCarried = false;
  for (const parent of parents) {
    const p = values.indexOf(parent);
    const own = values.student(p);
    const key = values.key(p);
    if (own === null || own.eq(key)) {
      used.set(parent, key);
      continue;
    }
    used.set(parent, own);
    carried.push({ partId: parent, value: own });
    if (own.isZero() && !withinTolerance(own, key, values.tolerance(p))) zeroCarried = true;
  }
  if (carried.length === 0) return null;

  // Most recomputed parts land far from the answer: shown in floats, that settles it
  // (clearly apart means not within tolerance; a null recompute is null here too).
  const tolerance = values.tolerance(at);
  const rough = found.graph.recomputeRough(id, found.givens, used);
  if (rough !== undefined && clearlyApart(rough, Rough.of(answer), tolerance)) return null;
  const value = found.graph.recompute(id, found.givens, used);
  if (value === null || !withinTolerance(answer, value, tolerance)) return null;
  const trivial = zeroCarried || (value.isZero() && !values.key(at).isZero());
  return { kind: trivial ? 'trivial' : 'ecf', carried, value };
}
