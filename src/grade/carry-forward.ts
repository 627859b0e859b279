import { D } from '../engine/decimal.js';
import type { Node } from '../engine/graph.js';
import { Rough, clearlyApart } from '../families/float-screen.js';
import type { FormulaGraph } from './formula-graph.js';
import type { SlotValues } from './slot-values.js';
import { bandText, carriedForwardBand, halfUnit } from '../tolerance/carried-rounding.js';
import { type Comparison, bandTolerance } from '../tolerance/tolerance.js';
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
    if (own.isZero() && !withinTolerance(own, key, values.tolerance(p), values.written(p))) zeroCarried = true;
  }
  if (carried.length === 0) return null;

  const rule = values.rule(at);
  let value: D | null;
  let tolerance: Comparison;
  if ('carried_rounding' in rule) {
    // The band is the student's own, worked out in Decimal around the recomputed value: no float screen.
    value = found.graph.recompute(id, found.givens, used);
    if (value === null) return null;
    tolerance = carriedForwardTolerance(values, found, id, used, value, rule.carried_rounding);
  } else {
    // Most recomputed parts land far from the answer: shown in floats, that settles it
    // (clearly apart means not within tolerance; a null recompute is null here too).
    tolerance = values.tolerance(at);
    const rough = found.graph.recomputeRough(id, found.givens, used);
    if (rough !== undefined && clearlyApart(rough, Rough.of(answer), tolerance)) return null;
    value = found.graph.recompute(id, found.givens, used);
  }
  if (value === null || !withinTolerance(answer, value, tolerance, values.written(at))) return null;
  const trivial = zeroCarried || (value.isZero() && !values.key(at).isZero());
  return { kind: trivial ? 'trivial' : 'ecf', carried, value };
}

/**
 * The carried_rounding band around a part recomputed from the student's own
 * parents: the band is recomputed at their values rather than the key's band
 * reused, because the slopes there differ (a far-off ŷ changes σ'), and a
 * wrong parent is one the student wrote, to S figures: they carried it within
 * half a unit of what they wrote. A blank parent counts as the key's, carried
 * within its own band. See carriedForwardBand.
 */
function carriedForwardTolerance(
  values: SlotValues,
  found: { graph: FormulaGraph; givens: Map<Node, D> },
  id: string,
  used: ReadonlyMap<string, D>,
  value: D,
  figures: number,
): Comparison {
  const parents = found.graph.parentsOf(id);
  const spreads = parents.map((parent) => {
    const p = values.indexOf(parent);
    const own = values.student(p);
    if (own !== null) return halfUnit(own.abs(), figures);
    const band = values.slot.bands?.[parent];
    return band !== undefined ? new D(band) : halfUnit(values.key(p).abs(), figures);
  });
  const at = found.graph.slopesAt(id, found.givens, used);
  const band = at
    ? carriedForwardBand(value, at.slopes, at.curvature, spreads, figures)
    : carriedForwardBand(value, [], [], [], figures);
  return bandTolerance(bandText(band));
}
