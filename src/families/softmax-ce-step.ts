import { D } from '../engine/decimal.js';
import { leaf } from '../engine/graph.js';
import { add, crossEntropy, dot, softmax, step } from '../engine/ops.js';
import { gradients } from '../engine/backward.js';
import { handMatrix, handVector, oneHot } from '../random/draw.js';
import { decimalsParam, drawRange, featuresParam, lrParam, rangeParams } from './common-params.js';
import { intParam, isZeroVector, leafMatrix, leaves, matrix, scalar, vector } from './given.js';
import type { Family, Given } from './types.js';

/**
 * No class may start nearly sure: its logit may lead every other by at most
 * 4 (e^-4 ≈ 0.018, so ŷ stays below ≈ 0.98). Compared on logits, no exponentials.
 */
const MAX_LOGIT_LEAD = new D(4);

/** A softmax layer with cross-entropy, one gradient step (notes 004). */
export const softmaxCeStep: Family = {
  name: 'softmax-ce-step',
  summary: 'a softmax layer with cross-entropy: logits, probabilities, loss, dz, dW and one update',
  params: {
    classes: { kind: 'int', default: 3, min: 2, max: 6, doc: 'classes k' },
    features: { kind: 'int', default: 3, min: 1, max: 8, doc: 'inputs n' },
    lr: lrParam,
    decimals: decimalsParam,
    ...rangeParams,
  },
  givens: {
    x: { dims: ['features'] },
    y: { dims: ['classes'], values: ['0', '1'] },
    W: { dims: ['classes', 'features'] },
    b: { dims: ['classes'] },
    lr: { dims: [], fromParam: true },
  },

  checkGiven(given) {
    const ones = vector(given, 'y').filter((v) => v === '1').length;
    return ones === 1 ? null : { field: 'y', message: `expected one-hot (exactly one "1"), got ${ones} ones` };
  },

  draw(rng, params) {
    const k = intParam(params, 'classes');
    const n = intParam(params, 'features');
    return {
      x: handVector(rng, n, drawRange(params, 'x_range')),
      y: oneHot(rng, k),
      W: handMatrix(rng, k, n, drawRange(params, 'w_range')),
      b: handVector(rng, k, drawRange(params, 'b_range')),
    };
  },

  degenerate(given) {
    if (isZeroVector(vector(given, 'x'))) return 'x is all zeros';
    const z = logits(given).z.map((node) => node.value);
    const [top, second] = [...z].sort((a, b) => b.comparedTo(a));
    if (top!.minus(second!).gt(MAX_LOGIT_LEAD)) return 'a class starts at probability ≈ 1';
    return null;
  },

  solve(given) {
    const { z, W, b } = logits(given);
    const y = leaves(vector(given, 'y'), 'y');
    const lr = leaf(scalar(given, 'lr'), 'lr');
    const yhat = softmax(z);
    const loss = crossEntropy(yhat, y);
    const dz = gradients(loss, z);
    const rows = z.map((zi, i) => gradients(zi, [b[i]!, ...W[i]!], dz[i]!));
    const db = rows.map(([dbi]) => dbi!);
    const dW = rows.map(([, ...dWi]) => dWi);
    return {
      z,
      yhat,
      loss,
      dz,
      dW,
      db,
      W_new: W.map((row, i) => row.map((wij, j) => step(wij, lr, dW[i]![j]!))),
      b_new: b.map((bi, i) => step(bi, lr, db[i]!)),
    };
  },
};

/** z = W x + b, row i of W belonging to class i. */
function logits(given: Given) {
  const x = leaves(vector(given, 'x'), 'x');
  const W = leafMatrix(matrix(given, 'W'), 'W');
  const b = leaves(vector(given, 'b'), 'b');
  return { z: W.map((row, i) => add(dot(row, x), b[i]!)), W, b };
}
