import { type ProblemTolerance, type Tolerance, toleranceFor } from '../bank/tolerance.js';
import { D } from '../engine/decimal.js';
import type { Node } from '../engine/graph.js';
import { FormulaGraph, type FormulaGraphs, flattenGiven } from './formula-graph.js';
import { type StudentNumber, parseStudentNumber } from './student-number.js';
import type { VariantSlot } from './variant-index.js';

const perPartTolerance = new WeakMap<ProblemTolerance, Map<string, Tolerance>>();

/** Agreement a recomputed key must reach with the stored one (40 stored digits, 60 computed). */
const REPRODUCED = new D('1e-20');

/**
 * One variant being graded: the key and the student's numbers by part,
 * parsed on first use, and the formula graph fetched only when a wrong
 * answer needs error carried forward.
 */
export class SlotValues {
  readonly parsed: readonly StudentNumber[];
  private readonly keys: (D | undefined)[];
  private graphAndGivens: { graph: FormulaGraph; givens: Map<Node, D> } | null | undefined;

  constructor(
    readonly slot: VariantSlot,
    private readonly graphs: FormulaGraphs,
  ) {
    // Array.from, not map: the submitted array has holes where no row came.
    this.parsed = Array.from(slot.submitted, (cell) => parseStudentNumber(cell ?? ''));
    this.keys = new Array<D | undefined>(slot.keys.length);
  }

  indexOf(partId: string): number {
    const at = this.slot.parts.indexOf.get(partId);
    if (at === undefined) throw new Error(`${this.slot.problem}: no part "${partId}"`);
    return at;
  }

  key(at: number): D {
    return (this.keys[at] ??= new D(this.slot.keys[at]!));
  }

  /** The student's number for a part, or null where they gave none (blank or not a number). */
  student(at: number): D | null {
    const parsed = this.parsed[at]!;
    return parsed.kind === 'number' ? parsed.value : null;
  }

  tolerance(at: number): Tolerance {
    let byPart = perPartTolerance.get(this.slot.tolerance);
    if (!byPart) perPartTolerance.set(this.slot.tolerance, (byPart = new Map()));
    const id = this.slot.parts.ids[at]!;
    let tolerance = byPart.get(id);
    if (!tolerance) byPart.set(id, (tolerance = toleranceFor(this.slot.tolerance, id)));
    return tolerance;
  }

  /**
   * The formula graph for this variant's shape with the given leaves set to
   * its givens. A shared graph that does not reproduce this variant's stored
   * key (a family changed since generation) gives way to one of its own;
   * null when even that has other parts than the record (no carrying forward).
   */
  graph(): { graph: FormulaGraph; givens: Map<Node, D> } | null {
    if (this.graphAndGivens !== undefined) return this.graphAndGivens;
    const { family, given } = this.slot;
    const flat = flattenGiven(given);
    const shared = this.graphs.for(family, given, flat);
    let chosen: { graph: FormulaGraph; givens: Map<Node, D> } | null = {
      graph: shared,
      givens: shared.givenReplacements(flat, (text) => new D(text)),
    };
    if (!this.reproducesKey(chosen.graph, chosen.givens)) {
      const own = FormulaGraph.build(family, given);
      chosen = { graph: own, givens: own.givenReplacements(flat, (text) => new D(text)) };
      if (!this.samePartIds(own)) chosen = null;
    }
    return (this.graphAndGivens = chosen);
  }

  private samePartIds(graph: FormulaGraph): boolean {
    const ids = graph.partIds;
    return ids.length === this.slot.parts.ids.length && ids.every((id, i) => id === this.slot.parts.ids[i]);
  }

  private reproducesKey(graph: FormulaGraph, givens: Map<Node, D>): boolean {
    if (!this.samePartIds(graph)) return false;
    for (const id of probeParts(graph)) {
      const parents = new Map(graph.parentsOf(id).map((p) => [p, this.key(this.indexOf(p))]));
      const value = graph.recompute(id, givens, parents);
      const key = this.key(this.indexOf(id));
      if (value === null || value.minus(key).abs().gt(key.abs().plus('1e-10').times(REPRODUCED))) return false;
    }
    return true;
  }
}

const probes = new WeakMap<FormulaGraph, readonly string[]>();

/** One part of each kind (z, yhat, loss, dw, ... per step) that has parents: what reproducesKey recomputes. */
function probeParts(graph: FormulaGraph): readonly string[] {
  let known = probes.get(graph);
  if (!known) {
    const byKind = new Map<string, string>();
    for (const id of graph.partIds) {
      const kind = id.replace(/(\[\d+\])+$/, '');
      if (!byKind.has(kind) && graph.parentsOf(id).length > 0) byKind.set(kind, id);
    }
    known = [...byKind.values()];
    probes.set(graph, known);
  }
  return known;
}
