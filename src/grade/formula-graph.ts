import type { D } from '../engine/decimal.js';
import { type Node, evaluate, isLeaf } from '../engine/graph.js';
import { Rough } from '../families/float-screen.js';
import { Solution } from '../families/solution.js';
import { evaluateRough } from './rough-evaluate.js';
import type { Family, Given, GivenValue } from '../families/types.js';

/** A given flattened to its printed names: `x[1]`, `W[2][3]`, `lr`. */
export function flattenGiven(given: Given): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (value: GivenValue, path: string) => {
    if (typeof value === 'string') out.set(path, value);
    else value.forEach((sub, i) => walk(sub, `${path}[${i + 1}]`));
  };
  for (const [name, value] of Object.entries(given)) walk(value, name);
  return out;
}

/**
 * The formula graph of one problem shape, solved once and reused for every
 * variant of that shape: recomputing a part replaces the given leaves by the
 * variant's own givens and the part's parents by the values it is asked
 * about, so a class of 20,000 needs a handful of solves, not 20,000.
 */
export class FormulaGraph {
  private readonly parents = new Map<string, readonly string[]>();
  readonly partIds: readonly string[];
  /** Whether it reproduced the key of a variant it was not solved for (undefined: not tried yet). */
  trusted: boolean | undefined;
  /** The part list of the variants it was last found to match, to compare ids once per list. */
  partList: unknown;

  private constructor(
    /** The givens it was solved for. */
    readonly solvedFor: Given,
    readonly solution: Solution,
    /** Leaves by the given they hold (`x[1]`); a family may build a given's leaf more than once. */
    private readonly leaves: ReadonlyMap<string, readonly Node[]>,
    /** Givens that shape the graph instead of entering it as numbers (mode, epochs), with their values. */
    readonly structure: ReadonlyMap<string, string>,
  ) {
    this.partIds = solution.partIds;
  }

  static build(family: Family, given: Given): FormulaGraph {
    const solution = new Solution(family.solve(given));
    const flat = flattenGiven(given);
    const leaves = new Map<string, Node[]>();
    for (const node of everyNode(solution.partIds.map((id) => solution.node(id)))) {
      if (!isLeaf(node) || node.label === undefined || !flat.has(node.label)) continue;
      const list = leaves.get(node.label);
      if (list) list.push(node);
      else leaves.set(node.label, [node]);
    }
    // A given limited to a few values (a label, the mode) may choose the graph's shape
    // (a label of 0 drops its logarithm): graphs are shared only between variants that agree on it.
    const choices = new Set(Object.entries(family.givens).filter(([, spec]) => spec.values).map(([name]) => name));
    const structure = new Map([...flat].filter(([path]) => !leaves.has(path) || choices.has(givenName(path))));
    for (const path of structure.keys()) leaves.delete(path);
    return new FormulaGraph(given, solution, leaves, structure);
  }

  /** Whether this graph has the shape of a variant with these givens. */
  fits(flat: ReadonlyMap<string, string>): boolean {
    if (flat.size !== this.leaves.size + this.structure.size) return false;
    for (const [path, value] of this.structure) if (flat.get(path) !== value) return false;
    for (const path of this.leaves.keys()) if (!flat.has(path)) return false;
    return true;
  }

  parentsOf(partId: string): readonly string[] {
    let known = this.parents.get(partId);
    if (!known) {
      known = this.solution.parentsOf(partId);
      this.parents.set(partId, known);
    }
    return known;
  }

  /** The given leaves set to one variant's givens (as Decimals, or floats for the key check): the base of every recomputation for it. */
  givenReplacements<T = D>(flat: ReadonlyMap<string, string>, toValue: (text: string) => T): Map<Node, T> {
    const replaced = new Map<Node, T>();
    for (const [path, nodes] of this.leaves) {
      const value = toValue(flat.get(path)!);
      for (const node of nodes) replaced.set(node, value);
    }
    return replaced;
  }

  /**
   * recompute() in floats with an error bound (rough-evaluate.ts); undefined
   * where floats cannot follow it (including wherever recompute gives null).
   */
  recomputeRough(partId: string, givens: ReadonlyMap<Node, D>, parentValues: ReadonlyMap<string, D>): Rough | undefined {
    let replaced = roughGivens.get(givens);
    if (!replaced) {
      replaced = new Map();
      for (const [node, value] of givens) replaced.set(node, Rough.of(value));
      roughGivens.set(givens, replaced);
    }
    const parents = new Map<Node, Rough>();
    for (const [id, value] of parentValues) parents.set(this.solution.node(id), Rough.of(value));
    return evaluateRough(this.solution.node(partId), replaced, parents);
  }

  /**
   * The part's slopes along its parents and the second derivatives between
   * them (as Solution.slopeNodesOf and curvatureNodesOf), at these parent
   * values over the variant's givens; null where undefined there.
   */
  slopesAt(
    partId: string,
    givens: ReadonlyMap<Node, D>,
    parentValues: ReadonlyMap<string, D>,
  ): { slopes: D[]; curvature: D[][] } | null {
    const replaced = new Map(givens);
    for (const [id, value] of parentValues) replaced.set(this.solution.node(id), value);
    const slopes = this.solution.slopeNodesOf(partId).map((node) => evaluate(node, replaced));
    const curvature = this.solution.curvatureNodesOf(partId).map((row) => row.map((node) => evaluate(node, replaced)));
    if (slopes.includes(null) || curvature.some((row) => row.includes(null))) return null;
    return { slopes: slopes as D[], curvature: curvature as D[][] };
  }

  /** One part recomputed from the variant's givens and its parents' values; null where undefined. */
  recompute(partId: string, givens: ReadonlyMap<Node, D>, parentValues: ReadonlyMap<string, D>): D | null {
    const replaced = new Map(givens);
    for (const [id, value] of parentValues) replaced.set(this.solution.node(id), value);
    return evaluate(this.solution.node(partId), replaced);
  }
}

/** A variant's givens as Roughs, made once per variant (its givens map lives as long as it is graded). */
const roughGivens = new WeakMap<ReadonlyMap<Node, D>, Map<Node, Rough>>();

/** Every node the parts are computed from, each once. */
function everyNode(parts: readonly Node[]): Set<Node> {
  const seen = new Set<Node>();
  const stack = [...parts];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    stack.push(...node.parents);
  }
  return seen;
}

const givenName = (path: string) => path.replace(/\[.*$/, '');

/** Formula graphs by family and shape, built on first use, the least recently used let go past a bound. */
export class FormulaGraphs {
  private readonly byFamily = new Map<string, FormulaGraph[]>();

  /** A class has few shapes; the bound keeps memory flat when labels make many (2^m for m samples). */
  constructor(private readonly capacity = 64) {}

  for(family: Family, given: Given, flat: ReadonlyMap<string, string> = flattenGiven(given)): FormulaGraph {
    let list = this.byFamily.get(family.name);
    if (!list) this.byFamily.set(family.name, (list = []));
    const at = list.findIndex((graph) => graph.fits(flat));
    const graph = at >= 0 ? list.splice(at, 1)[0]! : FormulaGraph.build(family, given);
    list.push(graph);
    if (list.length > this.capacity) list.shift();
    return graph;
  }
}
