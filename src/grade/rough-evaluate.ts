import { type Node, isLeaf, topologicalOrder } from '../engine/graph.js';
import { Rough, Undecided } from '../families/float-screen.js';

// evaluate() (engine/graph.ts) in floats with a proven error bound (Rough, from
// float-screen.ts): a screen in front of error carried forward, where most
// recomputed parts land far from the student's answer. The bound is on the
// distance from the exact value of the same formula, which Decimal computes to
// 60 digits; anything floats cannot follow gives undefined and goes to Decimal.

/** Floats keep their relative precision between these magnitudes, with room for the error terms. */
const [SMALLEST, LARGEST] = [1e-250, 1e250];

const ONE = new Rough(1, 0);

/**
 * The target recomputed with some nodes' values replaced (as evaluate does:
 * the parts it reads, over the variant's givens),
 * as a finite Rough; undefined where the floats cannot stand in for Decimal
 * (a divisor or logarithm near zero, an op without a float rule, underflow or
 * overflow), which includes every case where Decimal finds the formula undefined.
 */
export function evaluateRough(
  target: Node,
  givens: ReadonlyMap<Node, Rough>,
  parents: ReadonlyMap<Node, Rough>,
): Rough | undefined {
  const memo = new Map<Node, Rough>();
  const visit = (node: Node): Rough => {
    const replacement = parents.get(node) ?? givens.get(node);
    if (replacement !== undefined) return checked(replacement);
    let known = memo.get(node);
    if (known === undefined) {
      // A node that reads no replaced node keeps its stored value in evaluate(): the
      // same formula of the same leaves, so recomputing it here bounds the same number.
      known = isLeaf(node) ? constant(node) : forward(node, node.parents.map(visit));
      memo.set(node, known);
    }
    return known;
  };
  try {
    return checked(visit(target));
  } catch (error) {
    if (error instanceof Undecided) return undefined;
    throw error;
  }
}

/** Marks a node floats could not follow; the nodes computed from it are undecided too. */
const UNDECIDED = new Rough(Number.NaN, Number.NaN);

/** A forward pass to some targets: their nodes parents first, each node's parents by place in that order, and the targets' places. */
interface ForwardOrder {
  nodes: Node[];
  parents: (readonly number[] | null)[];
  targets: number[];
}
const forwardOrders = new WeakMap<readonly Node[], ForwardOrder>();
const NO_STOPS: ReadonlySet<Node> = new Set();

/** Parents first (engine's order per target, each node once); one order per list of targets. */
function forwardOrder(targets: readonly Node[]): ForwardOrder {
  let known = forwardOrders.get(targets);
  if (known) return known;
  const nodes: Node[] = [];
  const at = new Map<Node, number>();
  for (const target of targets) {
    for (const node of topologicalOrder(target, NO_STOPS)) if (!at.has(node)) at.set(node, nodes.push(node) - 1);
  }
  const parents = nodes.map((node) => (isLeaf(node) ? null : node.parents.map((parent) => at.get(parent)!)));
  forwardOrders.set(targets, (known = { nodes, parents, targets: targets.map((target) => at.get(target)!) }));
  return known;
}

/**
 * Every target recomputed from these givens alone (no part replaced: the key
 * check's forward pass), each node once; undefined for a target floats cannot
 * follow, as in evaluateRough. Pass the same `targets` array for every variant
 * of a graph: the order of the pass is kept per array.
 */
export function evaluateRoughAll(targets: readonly Node[], givens: ReadonlyMap<Node, Rough>): (Rough | undefined)[] {
  const order = forwardOrder(targets);
  const { nodes } = order;
  const values = new Array<Rough>(nodes.length);
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    const parents = order.parents[i];
    try {
      if (!parents) values[i] = checked(givens.get(node) ?? constant(node));
      else {
        let undecided = false;
        const inputs = parents.map((p) => {
          const value = values[p]!;
          if (value === UNDECIDED) undecided = true;
          return value;
        });
        values[i] = undecided ? UNDECIDED : forward(node, inputs);
      }
    } catch (error) {
      if (!(error instanceof Undecided)) throw error;
      values[i] = UNDECIDED;
    }
  }
  return order.targets.map((at) => {
    const value = values[at]!;
    return value === UNDECIDED ? undefined : value;
  });
}

const constants = new WeakMap<Node, Rough>();

function constant(node: Node): Rough {
  let known = constants.get(node);
  if (known === undefined) constants.set(node, (known = Rough.of(node.value)));
  return checked(known);
}

/**
 * A result whose bound holds: finite, and zero or of a magnitude where no term
 * of the bound underflowed. An exact zero (no error) only comes from an exact
 * zero operand, so one from anything else is an underflow.
 */
function checked(x: Rough, operands?: readonly Rough[]): Rough {
  if (!x.isFinite()) throw new Undecided('not finite in floats');
  const size = Math.abs(x.v);
  if (size === 0) {
    if (x.err === 0 && operands && !operands.some((o) => o.v === 0 && o.err === 0)) throw new Undecided('underflow');
    return x;
  }
  if (size < SMALLEST || size > LARGEST) throw new Undecided('outside the float range');
  return x;
}

/** One op's value in floats, as the op's forward rule (engine/ops.ts) gives it in Decimal. */
function forward(node: Node, xs: readonly Rough[]): Rough {
  const [a, b] = [xs[0]!, xs[1]!];
  const name = node.op.name;
  switch (name) {
    case 'add':
      return checked(a.plus(b), xs);
    case 'sub':
      return checked(a.minus(b), xs);
    case 'mul':
      return checked(a.times(b), xs);
    case 'div':
      return checked(a.div(b), xs);
    case 'neg':
    case 'copy':
      return name === 'neg' ? a.neg() : a;
    case 'sum':
      return checked(
        xs.reduce((total, x) => checked(total.plus(x), xs)),
        xs,
      );
    // The complement Decimal keeps for 1 − x is the same number, computed more precisely.
    case 'one-minus':
      return checked(ONE.minus(a), xs);
    case 'exp':
      return checked(a.exp(), xs);
    case 'ln':
      return checked(a.ln(), xs);
    case 'sigmoid':
      return sigmoid(a);
    case 'slope':
      return checked(a.times(checked(ONE.minus(a), xs)), xs);
    case 'square':
      return checked(a.times(a), xs);
    // max(x, 0) moves no value further than x moves: the same bound.
    case 'relu':
      return new Rough(Math.max(a.v, 0), a.err);
    case 'relu-step':
      if (a.v - a.err > 0) return ONE;
      if (a.v + a.err <= 0) return new Rough(0, 0);
      throw new Undecided('relu step near 0');
  }
  const softmaxOutput = /^softmax\[(\d+)\]$/.exec(name);
  if (softmaxOutput) return softmax(xs, Number(softmaxOutput[1]));
  throw new Undecided(`no float rule for ${name}`);
}

/** σ(z) = 1 / (1 + e^−z), or e^z / (e^z + 1) for negative z: no overflow either way. */
function sigmoid(z: Rough): Rough {
  if (z.v >= 0) return checked(ONE.div(checked(checked(z.neg().exp()).plus(ONE))));
  const e = checked(z.exp());
  return checked(e.div(checked(e.plus(ONE))));
}

/** e^(z_i − m) / Σ e^(z_j − m): any shift m gives the same exact value; the largest z keeps e^… ≤ 1. */
function softmax(z: readonly Rough[], i: number): Rough {
  const shift = Math.max(...z.map((x) => x.v));
  const exps = z.map((x) => checked(checked(x.minus(shift)).exp()));
  const total = exps.reduce((sum, x) => checked(sum.plus(x)));
  return checked(exps[i]!.div(total));
}
