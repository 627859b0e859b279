import { leaf } from '../engine/graph.js';
import { add, binaryCrossEntropy, div, dot, sigmoid, step, sum } from '../engine/ops.js';
import { gradients } from '../engine/backward.js';
import { bit, handMatrix, handVector } from '../random/draw.js';
import { decimalsParam, drawRange, lrParam, rangeParams } from './common-params.js';
import { intParam, isZeroVector, leafMatrix, leaves, matrix, scalar, vector } from './given.js';
import type { Family } from './types.js';

const REDUCTIONS = ['sum', 'mean'] as const;

/** k independent sigmoid outputs with binary cross-entropy, summed or averaged (notes 004's generalisation). */
export const sigmoidMultilabelStep: Family = {
  name: 'sigmoid-multilabel-step',
  summary: 'k independent sigmoid outputs (multi-label) with summed or mean BCE, one gradient step',
  params: {
    classes: { kind: 'int', default: 3, min: 1, max: 6, doc: 'labels k' },
    features: { kind: 'int', default: 3, min: 1, max: 8, doc: 'inputs n' },
    lr: lrParam,
    reduction: { kind: 'choice', default: 'sum', choices: REDUCTIONS, doc: 'sum | mean of the k BCE terms' },
    decimals: decimalsParam,
    ...rangeParams,
  },
  givens: {
    x: { dims: ['features'] },
    y: { dims: ['classes'], values: ['0', '1'] },
    W: { dims: ['classes', 'features'] },
    b: { dims: ['classes'] },
    lr: { dims: [], fromParam: true },
    reduction: { dims: [], fromParam: true, values: REDUCTIONS },
  },

  draw(rng, params) {
    const k = intParam(params, 'classes');
    const n = intParam(params, 'features');
    return {
      x: handVector(rng, n, drawRange(params, 'x_range')),
      y: Array.from({ length: k }, () => bit(rng)),
      W: handMatrix(rng, k, n, drawRange(params, 'w_range')),
      b: handVector(rng, k, drawRange(params, 'b_range')),
    };
  },

  degenerate(given) {
    return isZeroVector(vector(given, 'x')) ? 'x is all zeros' : null;
  },

  solve(given) {
    const x = leaves(vector(given, 'x'), 'x');
    const y = leaves(vector(given, 'y'), 'y');
    const W = leafMatrix(matrix(given, 'W'), 'W');
    const b = leaves(vector(given, 'b'), 'b');
    const lr = leaf(scalar(given, 'lr'), 'lr');
    const z = W.map((row, i) => add(dot(row, x), b[i]!));
    const yhat = z.map(sigmoid);
    const total = sum(yhat.map((p, i) => binaryCrossEntropy(p, y[i]!)));
    const loss = scalar(given, 'reduction') === 'mean' ? div(total, leaf(String(z.length))) : total;
    const dz = gradients(loss, z);
    const rows = z.map((zi, i) => gradients(zi, [b[i]!, ...W[i]!], dz[i]!));
    const dW = rows.map(([, ...row]) => row);
    const db = rows.map(([dbi]) => dbi!);
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
