import { leaf } from '../engine/graph.js';
import { add, binaryCrossEntropy, div, dot, sigmoid, sum } from '../engine/ops.js';
import { gradients } from '../engine/backward.js';
import { bit, handMatrix, handVector } from '../random/draw.js';
import { decimalsParam, drawRange, lrParam, rangeParams } from './common-params.js';
import { intParam, isZeroVector, leafMatrix, leaves, matrix, scalar, vector } from './given.js';
import { D } from '../engine/decimal.js';
import {
  type MisconceptionCatalogue,
  type PartValue,
  bceOfPart,
  misconception,
  partId,
  readPartId,
} from './misconception.js';
import { layerGradients, updateLayer } from './dense-layer.js';
import { fromErrorTerm, update } from './layer-misconceptions.js';
import type { Family, Given } from './types.js';

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
    const { dW, db } = layerGradients(z, W, b, dz);
    return {
      z,
      yhat,
      loss,
      dz,
      dW,
      db,
      ...updateLayer(W, b, dW, db, lr),
    };
  },

  misconceptions: sigmoidMultilabelMisconceptions(),
};

/**
 * Wrong methods of the multi-label step, each recomputing the parts it
 * changes from the givens and ŷ (the key's or the student's own). The key's
 * error term is dz_i = (ŷ_i − y_i)/d, d = k for `mean`, 1 for `sum`.
 */
function sigmoidMultilabelMisconceptions(): MisconceptionCatalogue {
  const divisor = (given: Given) => (scalar(given, 'reduction') === 'mean' ? vector(given, 'y').length : 1);
  const label = (given: Given, i: number) => new D(vector(given, 'y')[i - 1]!);
  const yhat = (value: PartValue, i: number) => value(partId('yhat', i));
  // Σ_i BCE(ŷ_i, y_i) in the given base, divided by `by`.
  const loss = (given: Given, value: PartValue, base: 'ln' | 'log10', by: number) =>
    vector(given, 'y')
      .reduce((acc, yi, i) => acc.plus(bceOfPart(value, partId('yhat', i + 1), yi, base)), new D(0))
      .div(by);
  return {
    version: 'sigmoid-multilabel-step/1',
    entries: [
      misconception('update-sign', ['W_new', 'b_new'], (id, given, value) => update(id, given, value, new D(scalar(given, 'lr')))),
      misconception('error-sign', ['dz', 'dW', 'db', 'W_new', 'b_new'], (id, given, value) =>
        fromErrorTerm(id, given, (i) => label(given, i).minus(yhat(value, i)).div(divisor(given))),
      ),
      // dW[i][j] = x_i·dz_j (the outer product x·dzᵀ): only where W is square, else its shape gives it away.
      misconception('transposed-gradient', ['dW', 'W_new'], (id, given, value) => {
        const path = readPartId(id);
        if (path?.name !== 'dW' && path?.name !== 'W_new') return null;
        const x = vector(given, 'x');
        if (x.length !== vector(given, 'y').length) return null;
        const [i, j] = path.index as [number, number];
        const transposed = new D(x[i - 1]!).times(value(partId('dz', j)));
        if (path.name === 'dW') return transposed;
        return new D(matrix(given, 'W')[i - 1]![j - 1]!).minus(new D(scalar(given, 'lr')).times(transposed));
      }),
      misconception('log10-loss', ['loss'], (id, given, value) => (id === 'loss' ? loss(given, value, 'log10', divisor(given)) : null)),
      // reduction = mean done as a sum: the loss not divided by k, nor dz = ŷ − y.
      misconception('sum-not-mean', ['loss', 'dz', 'dW', 'db', 'W_new', 'b_new'], (id, given, value) => {
        if (divisor(given) < 2) return null;
        if (id === 'loss') return loss(given, value, 'ln', 1);
        return fromErrorTerm(id, given, (i) => yhat(value, i).minus(label(given, i)));
      }),
      misconception('forgot-learning-rate', ['W_new', 'b_new'], (id, given, value) => update(id, given, value, new D(-1))),
    ],
  };
}
