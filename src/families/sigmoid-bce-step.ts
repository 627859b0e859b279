import { D } from '../engine/decimal.js';
import { leaf } from '../engine/graph.js';
import { add, binaryCrossEntropy, dot, sigmoid, step } from '../engine/ops.js';
import { gradients } from '../engine/backward.js';
import { bit, handNumber, handVector } from '../random/draw.js';
import { decimalsParam, drawRange, featuresParam, lrParam, rangeParams } from './common-params.js';
import { intParam, isZeroVector, leaves, scalar, vector } from './given.js';
import {
  type MisconceptionCatalogue,
  type PartValue,
  bceOfPart,
  misconception,
  partId,
  readPartId,
} from './misconception.js';
import { num } from './float-screen.js';
import type { Family, Given } from './types.js';

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

  misconceptions: sigmoidBceStepMisconceptions(),
};

/**
 * Wrong methods seen in one-step sigmoid exercises (notes 000/001), each
 * recomputing the parts it changes from the givens and other parts' values.
 */
function sigmoidBceStepMisconceptions(): MisconceptionCatalogue {
  // A wrong error term e in place of ŷ − y, carried through dw, db and the update.
  const fromErrorTerm = (id: string, given: Given, e: D): D | null => {
    const path = readPartId(id);
    const x = vector(given, 'x');
    const lr = num(scalar(given, 'lr'));
    const j = (path?.index[0] ?? 1) - 1;
    switch (path?.name) {
      case 'dz':
      case 'db':
        return e;
      case 'dw':
        return e.times(x[j]!);
      case 'w_new':
        return num(vector(given, 'w')[j]!).minus(lr.times(e).times(x[j]!));
      case 'b_new':
        return num(scalar(given, 'b')).minus(lr.times(e));
      default:
        return null;
    }
  };
  // w ± lr·dw, b ± lr·db with the factor `scale` in place of −lr.
  const update = (id: string, given: Given, value: PartValue, scale: D): D | null => {
    const path = readPartId(id);
    if (path?.name === 'w_new') {
      const j = path.index[0]!;
      return num(vector(given, 'w')[j - 1]!).plus(scale.times(value(partId('dw', j))));
    }
    if (path?.name === 'b_new') return num(scalar(given, 'b')).plus(scale.times(value('db')));
    return null;
  };
  const y = (given: Given) => num(scalar(given, 'y'));
  return {
    version: 'sigmoid-bce-step/1',
    screenInFloats: true,
    entries: [
      misconception('update-sign', ['w_new', 'b_new'], (id, given, value) => update(id, given, value, num(scalar(given, 'lr')))),
      misconception('error-sign', ['dz', 'dw', 'db', 'w_new', 'b_new'], (id, given, value) => fromErrorTerm(id, given, y(given).minus(value('yhat')))),
      misconception('extra-sigmoid-derivative', ['dz', 'dw', 'db', 'w_new', 'b_new'], (id, given, value) => {
        const yhat = value('yhat');
        return fromErrorTerm(id, given, yhat.minus(y(given)).times(yhat).times(num(1).minus(yhat)));
      }),
      misconception('log10-loss', ['loss'], (id, given, value) =>
        id === 'loss' ? bceOfPart(value, 'yhat', scalar(given, 'y'), 'log10') : null,
      ),
      misconception('forgot-learning-rate', ['w_new', 'b_new'], (id, given, value) => update(id, given, value, num(-1))),
    ],
  };
}
