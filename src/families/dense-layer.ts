import type { Node } from '../engine/graph.js';
import { step } from '../engine/ops.js';
import { gradients } from '../engine/backward.js';

/**
 * ∂L/∂W and ∂L/∂b of a layer z = W x + b from its error terms dz = ∂L/∂z:
 * row i of dW is dz_i · xᵀ, db = dz (from the backward pass, row by row).
 */
export function layerGradients(z: readonly Node[], W: readonly (readonly Node[])[], b: readonly Node[], dz: readonly Node[]) {
  const rows = z.map((zi, i) => gradients(zi, [b[i]!, ...W[i]!], dz[i]!));
  return { dW: rows.map(([, ...row]) => row), db: rows.map(([dbi]) => dbi!) };
}

/** One gradient-descent step of a whole layer: W − lr·dW, b − lr·db. */
export function updateLayer(
  W: readonly (readonly Node[])[],
  b: readonly Node[],
  dW: readonly (readonly Node[])[],
  db: readonly Node[],
  lr: Node,
) {
  return {
    W_new: W.map((row, i) => row.map((wij, j) => step(wij, lr, dW[i]![j]!))),
    b_new: b.map((bi, i) => step(bi, lr, db[i]!)),
  };
}
