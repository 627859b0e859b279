import { D } from '../engine/decimal.js';
import { leaf } from '../engine/graph.js';
import { add, binaryCrossEntropy, dot, sigmoid, step } from '../engine/ops.js';
import { gradients } from '../engine/backward.js';
import { bit, handNumber, handVector } from '../random/draw.js';
import { decimalsParam, drawRange, featuresParam, lrParam, rangeParams } from './common-params.js';
import { intParam, isZeroVector, leaves, scalar, vector } from './given.js';
import type { Family } from './types.js';

/** One sigmoid neuron, binary cross-entropy, one gradient step (notes 000/001). */
export const sigmoidBceStep: Family = {
  name: 'sigmoid-bce-step',
  summary: 'one sigmoid neuron with binary cross-entropy: forward pass, loss, gradient and one update',
  params: {
    features: featuresParam,
    lr: lrParam,
    decimals: decimalsParam,
    ...rangeParams,
  },
  givens: {
    x: { dims: ['features'] },
    w: { dims: ['features'] },
    b: { dims: [] },
    y: { dims: [], values: ['0', '1'] },
    lr: { dims: [], fromParam: true },
  },

  draw(rng, params) {
    const n = intParam(params, 'features');
    return {
      x: handVector(rng, n, drawRange(params, 'x_range')),
      w: handVector(rng, n, drawRange(params, 'w_range')),
      b: handNumber(rng, drawRange(params, 'b_range')),
      y: bit(rng),
    };
  },

  degenerate(given) {
    const x = vector(given, 'x');
    if (isZeroVector(x)) return 'x is all zeros';
    const z = x.reduce((acc, xi, i) => acc.plus(new D(xi).times(vector(given, 'w')[i]!)), new D(scalar(given, 'b')));
    if (z.isZero()) return 'z = 0 exactly';
    return null;
  },

  solve(given) {
    const x = leaves(vector(given, 'x'), 'x');
    const w = leaves(vector(given, 'w'), 'w');
    const b = leaf(scalar(given, 'b'), 'b');
    const y = leaf(scalar(given, 'y'), 'y');
    const lr = leaf(scalar(given, 'lr'), 'lr');

    const z = add(dot(w, x), b);
    const yhat = sigmoid(z);
    const loss = binaryCrossEntropy(yhat, y);
    // Chain rule in two stages, as the notes write it: ∂L/∂z, then ∂z/∂w.
    const [dz] = gradients(loss, [z]);
    const [db, ...dw] = gradients(z, [b, ...w], dz!);
    return {
      z,
      yhat,
      loss,
      dz: dz!,
      dw,
      db: db!,
      w_new: w.map((wj, j) => step(wj, lr, dw[j]!)),
      b_new: step(b, lr, db!),
    };
  },
};
