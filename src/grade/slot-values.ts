import { type Comparison, type ProblemTolerance, type Tolerance, bandTolerance, ruleFor } from '../tolerance/tolerance.js';
import { type WrittenFigures, writtenFigures } from '../tolerance/peer-rules.js';
import { D } from '../engine/decimal.js';
import type { Node } from '../engine/graph.js';
import { Rough } from '../families/float-screen.js';
import type { PartValue } from '../families/misconception.js';
import { FormulaGraph, type FormulaGraphs, flattenGiven } from './formula-graph.js';
import { type ScaledInt, clearlyWithin, scaledInt, withinRelAbs } from './exact-decimal.js';
import { type StudentNumber, parseStudentNumber } from './student-number.js';
import type { KeyedVariant } from './variant-index.js';
import { withinTolerance } from '../tolerance/within-tolerance.js';

const [UNKNOWN, WRONG, RIGHT_OR_NONE] = [0, 1, 2];

const perPartRule = new WeakMap<ProblemTolerance, Map<string, Tolerance>>();

/** Agreement a recomputed key must reach with the stored one (40 stored digits, 60 computed). */
const REPRODUCED = new D('1e-20');

/**
 * One variant being graded: the key and the student's numbers by part,
 * parsed on first use, and the formula graph fetched only when a wrong
 * answer needs error carried forward.
 */
export class SlotValues {
  private readonly parsed: (StudentNumber | undefined)[];
  private readonly keys: (D | undefined)[];
  private readonly wrong: Uint8Array;
  /** The keys and the student's numbers as floats with error bounds, for the misconception screen. */
  private roughKeys: (Rough | undefined)[] | undefined;
  private roughOwn: (Rough | undefined)[] | undefined;
  private graphAndGivens: { graph: FormulaGraph; givens: Map<Node, D> } | null | undefined;
  /** Per part, the band-resolved tolerance of a carried_rounding part (the others are shared by every variant). */
  private banded: (Comparison | undefined)[] | undefined;

  constructor(
    readonly slot: KeyedVariant,
    private readonly graphs: FormulaGraphs,
  ) {
    // Parsed on first use: a correct answer is usually settled without a Decimal (isCorrectFast).
    this.parsed = new Array<StudentNumber | undefined>(slot.parts.ids.length);
    this.keys = new Array<D | undefined>(slot.keys.length);
    this.wrong = new Uint8Array(slot.keys.length);
  }

  indexOf(partId: string): number {
    const at = this.slot.parts.indexOf.get(partId);
    if (at === undefined) throw new Error(`${this.slot.problem}: no part "${partId}"`);
    return at;
  }

  /** What the student typed for a part, read as a number where it is one. */
  number(at: number): StudentNumber {
    // submitted has holes where no row came.
    return (this.parsed[at] ??= parseStudentNumber(this.slot.submitted?.[at] ?? ''));
  }

  /**
   * True when the answer is a plain decimal inside a {rel, abs} tolerance,
   * decided exactly on scaled integers without making a Decimal; false when
   * that cannot be said this way (the Decimal path then decides).
   */
  isCorrectFast(at: number): boolean {
    const cell = this.slot.submitted?.[at];
    if (!cell) return false;
    const text = cell.trim();
    if (text.length > MAX_FAST_LENGTH) return false;
    const exact = this.tolerance(at);
    const tolerance = scaledTolerance(exact);
    if (!tolerance) return false;
    // scaledTolerance is null for the other rules: here exact is {rel, abs}, both ≥ 0.
    if (clearlyWithin(text, this.slot.keys[at]!, (exact as RelAbs).rel, (exact as RelAbs).abs)) return true;
    const answer = scaledInt(text);
    const key = answer && scaledInt(this.slot.keys[at]!);
    return key ? withinRelAbs(answer, key, tolerance.rel, tolerance.abs) === true : false;
  }

  key(at: number): D {
    return (this.keys[at] ??= new D(this.slot.keys[at]!));
  }

  /** The student's number for a part, or null where they gave none (blank or not a number). */
  student(at: number): D | null {
    const parsed = this.number(at);
    return parsed.kind === 'number' ? parsed.value : null;
  }

  /** Part values from the key: one function per variant, so wrong formulas can share work through it. */
  readonly keyValue: PartValue = (partId) => this.key(this.indexOf(partId));

  /** Part values from the student's own numbers where they gave one, else from the key. */
  readonly studentValue: PartValue = (partId) => {
    const at = this.indexOf(partId);
    return this.student(at) ?? this.key(at);
  };

  /** keyValue in floats, for running a misconception formula on Rough numbers (one function per variant, as keyValue). */
  readonly roughKeyValue: PartValue = (partId) => this.roughKey(this.indexOf(partId)) as unknown as D;

  /** studentValue in floats. */
  readonly roughStudentValue: PartValue = (partId) => {
    const at = this.indexOf(partId);
    const own = this.student(at);
    if (own === null) return this.roughKey(at) as unknown as D;
    const known = (this.roughOwn ??= new Array<Rough | undefined>(this.slot.keys.length));
    return (known[at] ??= Rough.of(own)) as unknown as D;
  };

  private roughKey(at: number): Rough {
    const known = (this.roughKeys ??= new Array<Rough | undefined>(this.slot.keys.length));
    return (known[at] ??= Rough.of(this.key(at)));
  }

  /**
   * Whether some part before this one (the parts its formula can read) has
   * a student's number outside tolerance; with `zero`, a wrong zero.
   */
  wrongBefore(at: number, zero = false): boolean {
    for (let p = 0; p < at; p++) {
      if (this.studentIsWrong(p) && (!zero || this.student(p)!.isZero())) return true;
    }
    return false;
  }

  /** Whether the student gave a number for this part that is outside its tolerance. */
  studentIsWrong(at: number): boolean {
    let known = this.wrong[at]!;
    if (known === UNKNOWN && this.isCorrectFast(at)) known = this.wrong[at] = RIGHT_OR_NONE;
    if (known === UNKNOWN) {
      const own = this.student(at);
      known = own !== null && !withinTolerance(own, this.key(at), this.tolerance(at), this.written(at)) ? WRONG : RIGHT_OR_NONE;
      this.wrong[at] = known;
    }
    return known === WRONG;
  }

  /** The rule of a part's tolerance as the record states it (carried_rounding unresolved). */
  rule(at: number): Tolerance {
    let byPart = perPartRule.get(this.slot.tolerance);
    if (!byPart) perPartRule.set(this.slot.tolerance, (byPart = new Map()));
    const id = this.slot.parts.ids[at]!;
    let rule = byPart.get(id);
    if (!rule) byPart.set(id, (rule = ruleFor(this.slot.tolerance, id)));
    return rule;
  }

  /** What a part's answer is compared by: its rule, or for carried_rounding the part's band from the record. */
  tolerance(at: number): Comparison {
    const rule = this.rule(at);
    if (!('carried_rounding' in rule)) return rule;
    const known = (this.banded ??= new Array<Comparison | undefined>(this.slot.keys.length));
    // The first pass checked that the record has a band for every such part.
    return (known[at] ??= bandTolerance(this.slot.bands![this.slot.parts.ids[at]!]!));
  }

  /**
   * The significant figures the student typed a part with, which STACK's rule
   * reads; undefined for any other rule, or when they gave no number.
   */
  written(at: number): WrittenFigures | undefined {
    if (!('stack_numsigfigs' in this.rule(at))) return undefined;
    const parsed = this.number(at);
    return parsed.kind === 'number' ? writtenFigures(parsed.plain) : undefined;
  }

  /**
   * The formula graph for this variant's shape with the given leaves set to
   * its givens. The first time a shared graph serves a variant other than
   * the one it was solved for, it must reproduce that variant's stored key;
   * if it does not (a family whose shape depends on values it should not),
   * every variant gets a graph of its own. Null when even that has other
   * parts than the record (no carrying forward then).
   */
  graph(): { graph: FormulaGraph; givens: Map<Node, D> } | null {
    if (this.graphAndGivens !== undefined) return this.graphAndGivens;
    const { family, given } = this.slot;
    const flat = flattenGiven(given);
    const shared = this.graphs.for(family, given, flat);
    const sharedGivens = shared.givenReplacements(flat, (text) => new D(text));
    if (shared.trusted === undefined && shared.solvedFor !== given) {
      shared.trusted = this.reproducesKey(shared, sharedGivens);
    }
    let chosen: { graph: FormulaGraph; givens: Map<Node, D> } | null = { graph: shared, givens: sharedGivens };
    if (shared.trusted === false || !this.samePartIds(shared)) {
      const own = FormulaGraph.build(family, given);
      chosen = this.samePartIds(own) ? { graph: own, givens: own.givenReplacements(flat, (text) => new D(text)) } : null;
    }
    return (this.graphAndGivens = chosen);
  }

  private samePartIds(graph: FormulaGraph): boolean {
    const ids = graph.partIds;
    if (graph.partList === this.slot.parts) return true;
    const same = ids.length === this.slot.parts.ids.length && ids.every((id, i) => id === this.slot.parts.ids[i]);
    if (same) graph.partList = this.slot.parts;
    return same;
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

/** Longer answers are not plain decimals anyone typed (and parseStudentNumber refuses them). */
const MAX_FAST_LENGTH = 40;

type RelAbs = { rel: number; abs: number };

const scaledTolerances = new WeakMap<Comparison, { rel: ScaledInt; abs: ScaledInt } | null>();

/** A {rel, abs} tolerance as scaled integers (from the shortest text of each number, as withinTolerance reads it); null for the other rules. */
function scaledTolerance(tolerance: Comparison): { rel: ScaledInt; abs: ScaledInt } | null {
  let known = scaledTolerances.get(tolerance);
  if (known === undefined) {
    // As withinTolerance: a sigfigs setting wins over rel and abs.
    const relAbs = 'sigfigs' in tolerance || !('rel' in tolerance) ? null : tolerance;
    const rel = relAbs && scaledInt(String(relAbs.rel));
    const abs = relAbs && scaledInt(String(relAbs.abs));
    known = rel && abs && rel.int >= 0n && abs.int >= 0n ? { rel, abs } : null;
    scaledTolerances.set(tolerance, known);
  }
  return known;
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
