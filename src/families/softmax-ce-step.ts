import { D } from '../engine/decimal.js';
import { leaf } from '../engine/graph.js';
import { add, crossEntropy, dot, softmax, step } from '../engine/ops.js';
import { gradients } from '../engine/backward.js';
import { handMatrix, handVector, oneHot } from '../random/draw.js';
import { decimalsParam, drawRange, featuresParam, lrParam, rangeParams } from './common-params.js';
import { intParam, isZeroVector, leafMatrix, leaves, matrix, scalar, vector } from './given.js';
import type { Family, Given } from './types.js';

/** A softmax layer drawn so that no class starts this sure. */
const MAX_START_PROBABILITY = new D('0.98');

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
    const yhat = softmax(logits(given).z);
    if (yhat.some((p) => p.value.gt(MAX_START_PROBABILITY))) return 'a class starts at probability ≈ 1';
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
