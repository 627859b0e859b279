import { type D, answerText } from '../engine/decimal.js';
import { Node, evaluate, nearestAncestors } from '../engine/graph.js';
import { copy } from '../engine/ops.js';
import { gradients } from '../engine/backward.js';
import type { AnswerTree } from './types.js';

/** The answers as stored in variants.jsonl: the same shape, decimal strings. */
export type AnswerJson = string | AnswerJson[] | { [name: string]: AnswerJson };

/**
 * A solved variant: every answer part by its id (`dw[1]`, `steps[2].loss`),
 * the parts each part reads, and recomputation from other values.
 */
export class Solution {
  private readonly nodes = new Map<string, Node>();
  private readonly ids = new Map<Node, string>();
  private readonly slopes = new Map<string, readonly Node[]>();
  private readonly curvatures = new Map<string, readonly (readonly Node[])[]>();
  readonly tree: AnswerTree;

  constructor(tree: AnswerTree) {
    this.tree = this.register(tree, '');
  }

  /** Part ids in the order of the answers (the sheet's and the CSV's order). */
  get partIds(): string[] {
    return [...this.nodes.keys()];
  }

  node(id: string): Node {
    const node = this.nodes.get(id);
    if (!node) throw new Error(`no part "${id}"`);
    return node;
  }

  value(id: string): D {
    return this.node(id).value;
  }

  /** The parts on the right-hand side of this part's formula. */
  parentsOf(id: string): string[] {
    const order = this.partIds;
    return nearestAncestors(this.node(id), (n) => this.ids.has(n))
      .map((n) => this.ids.get(n)!)
      .sort((a, b) => order.indexOf(a) - order.indexOf(b));
  }

  /**
   * ∂part/∂parent for each of parentsOf(id), in that order, the givens and
   * the other parents held: nodes of the engine's backward pass from the part
   * down to its parents, so they can be evaluated at other values too.
   */
  slopeNodesOf(id: string): readonly Node[] {
    let known = this.slopes.get(id);
    if (!known) {
      const parents = this.parentsOf(id).map((parent) => this.node(parent));
      known = parents.length === 0 ? [] : gradients(this.node(id), parents);
      this.slopes.set(id, known);
    }
    return known;
  }

  /**
   * ∂²part/∂parent_i∂parent_j (row i, column j, parents as in parentsOf):
   * the backward pass again, from each slope node down to the parents. Where
   * a part sits at a stationary point (a squared error of exactly 0) its
   * slopes vanish and only these say how far rounding moves it.
   */
  curvatureNodesOf(id: string): readonly (readonly Node[])[] {
    let known = this.curvatures.get(id);
    if (!known) {
      const parents = this.parentsOf(id).map((parent) => this.node(parent));
      known = this.slopeNodesOf(id).map((slope) => gradients(slope, parents));
      this.curvatures.set(id, known);
    }
    return known;
  }

  /**
   * This part recomputed with some parts' values replaced (e.g. by a
   * student's answers); null when the formula is undefined there.
   */
  recompute(id: string, replaced: ReadonlyMap<string, D>): D | null {
    const byNode = new Map<Node, D>();
    for (const [partId, value] of replaced) byNode.set(this.node(partId), value);
    return evaluate(this.node(id), byNode);
  }

  toJson(): AnswerJson {
    const write = (tree: AnswerTree): AnswerJson => {
      if (tree instanceof Node) return answerText(tree.value);
      if (Array.isArray(tree)) return tree.map(write);
      return Object.fromEntries(Object.entries(tree).map(([k, sub]) => [k, write(sub as AnswerTree)]));
    };
    return write(this.tree);
  }

  // A node that is already a part (db is the very node dz) gets a copy, so
  // each part has its own node and db's parent is dz, as the notes write it.
  private register(tree: AnswerTree, path: string): AnswerTree {
    if (tree instanceof Node) {
      const node = this.ids.has(tree) ? copy(tree) : tree;
      node.label = path;
      this.nodes.set(path, node);
      this.ids.set(node, path);
      return node;
    }
    if (Array.isArray(tree)) return tree.map((sub: AnswerTree, i) => this.register(sub, `${path}[${i + 1}]`));
    return Object.fromEntries(
      Object.entries(tree).map(([key, sub]) => [key, this.register(sub as AnswerTree, path ? `${path}.${key}` : key)]),
    );
  }
}

/** Part ids of a stored answers object, in order (for variants read back from disk). */
export function partIdsOf(answers: AnswerJson, path = ''): string[] {
  if (typeof answers === 'string') return [path];
  if (Array.isArray(answers)) return answers.flatMap((sub, i) => partIdsOf(sub, `${path}[${i + 1}]`));
  return Object.entries(answers).flatMap(([key, sub]) => partIdsOf(sub, path ? `${path}.${key}` : key));
}

/** The stored answer of one part id, or undefined. */
export function answerAt(answers: AnswerJson, id: string): string | undefined {
  let current: AnswerJson | undefined = answers;
  for (const token of id.match(/[^.[\]]+|\[\d+\]/g) ?? []) {
    if (current === undefined || typeof current === 'string') return undefined;
    if (token.startsWith('[')) {
      current = Array.isArray(current) ? current[Number(token.slice(1, -1)) - 1] : undefined;
    } else {
      current = Array.isArray(current) ? undefined : (current as Record<string, AnswerJson>)[token];
    }
  }
  return typeof current === 'string' ? current : undefined;
}
