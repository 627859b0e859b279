import { D } from '../engine/decimal.js';
import { leaf } from '../engine/graph.js';
import { add, crossEntropy, dot, softmax } from '../engine/ops.js';
import { gradients } from '../engine/backward.js';
import { handMatrix, handVector, oneHot } from '../random/draw.js';
import { decimalsParam, drawRange, featuresParam, lrParam, rangeParams } from './common-params.js';
import { intParam, isZeroVector, leafMatrix, leaves, matrix, scalar, vector } from './given.js';
import {
  type MisconceptionCatalogue,
  type PartValue,
  LN10,
  lnOfPart,
  misconception,
  partId,
  readPartId,
} from './misconception.js';
import { layerGradients, updateLayer } from './dense-layer.js';
import { fromErrorTerm, update } from './layer-misconceptions.js';
import { num } from './float-screen.js';
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

  misconceptions: softmaxCeStepMisconceptions(),
};

/** z = W x + b, row i of W belonging to class i. */
function logits(given: Given) {
  const x = leaves(vector(given, 'x'), 'x');
  const W = leafMatrix(matrix(given, 'W'), 'W');
  const b = leaves(vector(given, 'b'), 'b');
  return { z: W.map((row, i) => add(dot(row, x), b[i]!)), W, b };
}

/**
 * Wrong methods seen in softmax exercises (the notes 004 themselves print a
 * transposed dW), each recomputing the parts it changes.
 */
function softmaxCeStepMisconceptions(): MisconceptionCatalogue {
  const label = (given: Given, i: number) => num(vector(given, 'y')[i - 1]!);
  const yhat = (value: PartValue, i: number) => value(partId('yhat', i));
  return {
    version: 'softmax-ce-step/1',
    screenInFloats: true,
    entries: [
      misconception('update-sign', ['W_new', 'b_new'], (id, given, value) => update(id, given, value, num(scalar(given, 'lr')))),
      // dW[i][j] = x_i·dz_j: defined where x has an i-th and dz a j-th entry.
      misconception('transposed-gradient', ['dW', 'W_new'], (id, given, value) => {
        const path = readPartId(id);
        if (path?.name !== 'dW' && path?.name !== 'W_new') return null;
        const [i, j] = path.index as [number, number];
        const x = vector(given, 'x');
        if (i > x.length || j > vector(given, 'y').length) return null;
        const transposed = num(x[i - 1]!).times(value(partId('dz', j)));
        if (path.name === 'dW') return transposed;
        return num(matrix(given, 'W')[i - 1]![j - 1]!).minus(num(scalar(given, 'lr')).times(transposed));
      }),
      misconception('error-sign', ['dz', 'dW', 'db', 'W_new', 'b_new'], (id, given, value) =>
        fromErrorTerm(id, given, (i) => label(given, i).minus(yhat(value, i))),
      ),
      misconception('extra-sigmoid-derivative', ['dz', 'dW', 'db', 'W_new', 'b_new'], (id, given, value) =>
        fromErrorTerm(id, given, (i) => {
          const p = yhat(value, i);
          return p.minus(label(given, i)).times(p).times(num(1).minus(p));
        }),
      ),
      misconception('log10-loss', ['loss'], (id, given, value) => {
        if (id !== 'loss') return null;
        const hot = vector(given, 'y').indexOf('1') + 1;
        return lnOfPart(value, partId('yhat', hot)).div(LN10).neg();
      }),
      misconception('forgot-learning-rate', ['W_new', 'b_new'], (id, given, value) => update(id, given, value, num(-1))),
      // ŷ_i = z_i / Σ z_j: the normalisation without the exponentials.
      misconception('softmax-without-exp', ['yhat'], (id, given, value) => {
        const path = readPartId(id);
        if (path?.name !== 'yhat') return null;
        const z = vector(given, 'y').map((_, i) => value(partId('z', i + 1)));
        const total = z.reduce((acc, zi) => acc.plus(zi), num(0));
        return total.isZero() ? null : z[path.index[0]! - 1]!.div(total);
      }),
    ],
  };
}
