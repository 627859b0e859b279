import { ONE } from './decimal.js';
import { type Node, leaf, topologicalOrder } from './graph.js';
import { copy, sum } from './ops.js';

/**
 * Reverse-mode differentiation: ∂root/∂t for each node t of `wrt`, each
 * built as a node (so it can be recomputed from other values later). The
 * `wrt` nodes are treated as leaves: a batch step differentiates with
 * respect to the weights it started from, not through earlier steps.
 * With `seed` = ∂L/∂root the result is ∂L/∂t (the chain rule in stages).
 */
export function gradients(root: Node, wrt: readonly Node[], seed: Node = leaf(ONE, '1')): Node[] {
  return backpropagate([[root, seed]], wrt);
}

/**
 * The chain rule from several nodes at once, each with its upstream
 * gradient already known: ∂L/∂t = Σ_r (∂L/∂r)(∂r/∂t). Backpropagation
 * through a layer is this, with r the layer's outputs (da1 = W2ᵀ dnet2).
 * The seeds are read as given values: nothing is differentiated through them.
 */
export function backpropagate(seeds: readonly (readonly [Node, Node])[], wrt: readonly Node[]): Node[] {
  const targets = new Set(wrt);
  const order = topologicalOrderOfAll(
    seeds.map(([root]) => root),
    targets,
  );
  // Only nodes that lead to a target need a gradient.
  const leadsToTarget = new Set<Node>();
  for (const node of order) {
    if (targets.has(node) || node.parents.some((p) => leadsToTarget.has(p))) leadsToTarget.add(node);
  }
  const contributions = new Map<Node, Node[]>();
  for (const [root, seed] of seeds) contributions.set(root, [...(contributions.get(root) ?? []), seed]);
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i]!;
    if (targets.has(node) || !leadsToTarget.has(node)) continue;
    const received = contributions.get(node);
    if (!received) continue;
    const needed = node.parents.map((p) => leadsToTarget.has(p));
    if (!node.op.backward) throw new Error(`op ${node.op.name} has no derivative`);
    const toParents = node.op.backward(node, sum(received), needed);
    node.parents.forEach((parent, k) => {
      const g = toParents[k];
      if (!g || !needed[k]) return;
      const list = contributions.get(parent);
      if (list) list.push(g);
      else contributions.set(parent, [g]);
    });
  }
  // Each gradient gets a node of its own: ∂L/∂b and ∂L/∂z may be the same
  // value, but db is read from dz, not dz from db.
  return wrt.map((t) => {
    const received = contributions.get(t);
    return received ? copy(sum(received)) : leaf('0');
  });
}

/** One topological order for several roots (parents first). */
function topologicalOrderOfAll(roots: readonly Node[], stops: ReadonlySet<Node>): Node[] {
  if (roots.length === 1) return topologicalOrder(roots[0]!, stops);
  const seen = new Set<Node>();
  const order: Node[] = [];
  for (const root of roots) {
    for (const node of topologicalOrder(root, stops)) {
      if (!seen.has(node)) {
        seen.add(node);
        order.push(node);
      }
    }
  }
  return order;
}
