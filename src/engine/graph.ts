import { D } from './decimal.js';

/** A value together with 1 − value computed without cancellation, where known. */
export interface Evaluated {
  value: D;
  /** 1 − value, kept precise for sigmoid and softmax outputs near 1. */
  complement?: D;
}

export interface Op {
  readonly name: string;
  forward(inputs: readonly Evaluated[]): Evaluated;
  /**
   * Gradient contributions to each parent, built as new nodes; null where
   * `needed` says the parent wants none.
   */
  backward?(node: Node, upstream: Node, needed: readonly boolean[]): readonly (Node | null)[];
}

/**
 * One node of the computation graph: micrograd's Value over Decimal. Nodes
 * built by the backward pass are ordinary nodes too, so a gradient can be
 * recomputed from other values exactly like a forward result.
 */
export class Node {
  readonly value: D;
  readonly complement: D | undefined;
  label: string | undefined;

  constructor(
    readonly op: Op,
    readonly parents: readonly Node[],
    evaluated?: Evaluated,
  ) {
    // A node is itself an Evaluated (value, complement): no copy of the parents is needed.
    const result = evaluated ?? op.forward(parents);
    this.value = result.value;
    this.complement = result.complement;
  }

  /** 1 − value, precise where the op knew it. */
  oneMinus(): D {
    return this.complement ?? this.value.neg().plus(1);
  }
}

function asEvaluated(node: Node): Evaluated {
  return node.complement === undefined
    ? { value: node.value }
    : { value: node.value, complement: node.complement };
}

const leafOp: Op = {
  name: 'leaf',
  forward() {
    throw new Error('a leaf has no forward rule');
  },
};

/** A given number: a leaf of the graph. */
export function leaf(value: D | string, label?: string): Node {
  const node = new Node(leafOp, [], { value: new D(value) });
  node.label = label;
  return node;
}

export function isLeaf(node: Node): boolean {
  return node.op === leafOp;
}

/**
 * Recomputes `target` with some nodes' values replaced, e.g. by a student's
 * own earlier answers; everything between the replaced nodes and the target
 * is recomputed, the rest keeps its value. Returns null when the replaced
 * values make the formula undefined (ln 0, division by zero).
 */
export function evaluate(target: Node, replaced: ReadonlyMap<Node, D>): D | null {
  const memo = new Map<Node, Evaluated>();
  const visit = (node: Node): Evaluated => {
    const known = memo.get(node);
    if (known) return known;
    const replacement = replaced.get(node);
    let result: Evaluated;
    if (replacement !== undefined) result = { value: replacement };
    else if (isLeaf(node) || !dependsOnAny(node, replaced)) result = asEvaluated(node);
    else result = node.op.forward(node.parents.map(visit));
    memo.set(node, result);
    return result;
  };
  const dependsMemo = new Map<Node, boolean>();
  const dependsOnAny = (node: Node, set: ReadonlyMap<Node, D>): boolean => {
    const known = dependsMemo.get(node);
    if (known !== undefined) return known;
    const answer = node.parents.some((p) => set.has(p) || dependsOnAny(p, set));
    dependsMemo.set(node, answer);
    return answer;
  };
  const value = visit(target).value;
  return value.isFinite() ? value : null;
}

/**
 * The nearest ancestors of `node` that satisfy `isPart` (looking through
 * intermediate nodes, stopping at parts): the parts its formula reads.
 */
export function nearestAncestors(node: Node, isPart: (n: Node) => boolean): Node[] {
  const found = new Set<Node>();
  const seen = new Set<Node>();
  const walk = (n: Node) => {
    for (const parent of n.parents) {
      if (seen.has(parent)) continue;
      seen.add(parent);
      if (isPart(parent)) found.add(parent);
      else walk(parent);
    }
  };
  walk(node);
  return [...found];
}

/** Nodes reachable from `root` through parents, parents first, not entering `stops`. */
export function topologicalOrder(root: Node, stops: ReadonlySet<Node>): Node[] {
  const order: Node[] = [];
  const seen = new Set<Node>();
  // Iterative DFS: batch graphs over many epochs are deep enough to matter.
  const stack: [Node, number][] = [[root, 0]];
  seen.add(root);
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const [node, next] = top;
    if (stops.has(node) || next >= node.parents.length) {
      stack.pop();
      order.push(node);
      continue;
    }
    top[1] = next + 1;
    const parent = node.parents[next]!;
    if (!seen.has(parent)) {
      seen.add(parent);
      stack.push([parent, 0]);
    }
  }
  return order;
}
