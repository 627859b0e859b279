import { D } from '../engine/decimal.js';
import { leaf } from '../engine/graph.js';
import { add, binaryCrossEntropy, dot, sigmoid } from '../engine/ops.js';
import { bit, handMatrix, handNumber, handVector } from '../random/draw.js';
import { decimalsParam, drawRange, featuresParam, lrParam, rangeParams } from './common-params.js';
import { intParam, isZeroVector, leafMatrix, leaves, matrix, scalar, vector } from './given.js';
import {
  type MisconceptionCatalogue,
  type PartValue,
  bceOfPart,
  misconception,
  partId,
  remembered,
  sigmoidOf,
  stepPartId,
} from './misconception.js';
import { checkStepCount, scheduleOf, trainingGivens, trainingParams } from './schedule.js';
import { trainNeuron, trainingAnswers } from './neuron-training.js';
import { trainingStepTools } from './training-misconceptions.js';
import { num } from './float-screen.js';
import type { Family, Given } from './types.js';

/** Batch, stochastic and mini-batch gradient descent for one sigmoid neuron with BCE (notes 003). */
export const sigmoidBceBatch: Family = {
  name: 'sigmoid-bce-batch',
  summary: 'batch, stochastic or mini-batch gradient descent of a sigmoid neuron with BCE over a few samples',
  params: {
    samples: { kind: 'int', default: 4, min: 1, max: 12, doc: 'samples m' },
    features: featuresParam,
    lr: lrParam,
    ...trainingParams,
    decimals: decimalsParam,
    ...rangeParams,
  },
  givens: {
    X: { dims: ['samples', 'features'] },
    y: { dims: ['samples'], values: ['0', '1'] },
    w: { dims: ['features'] },
    b: { dims: [] },
    lr: { dims: [], fromParam: true },
    ...trainingGivens,
  },

  checkParams: checkStepCount,

  draw(rng, params) {
    const m = intParam(params, 'samples');
    const n = intParam(params, 'features');
    return {
      X: handMatrix(rng, m, n, drawRange(params, 'x_range')),
      y: Array.from({ length: m }, () => bit(rng)),
      w: handVector(rng, n, drawRange(params, 'w_range')),
      b: handNumber(rng, drawRange(params, 'b_range')),
    };
  },

  degenerate(given) {
    const X = matrix(given, 'X');
    const y = vector(given, 'y');
    const w = vector(given, 'w');
    if (X.some(isZeroVector)) return 'a sample is all zeros';
    if (y.length > 1 && y.every((label) => label === y[0])) return 'all labels are equal';
    const b = new D(scalar(given, 'b'));
    const zeroZ = X.some((row) => row.reduce((acc, xi, j) => acc.plus(new D(xi).times(w[j]!)), b).isZero());
    return zeroZ ? 'z = 0 exactly for a sample' : null;
  },

  solve(given) {
    const X = leafMatrix(matrix(given, 'X'), 'X');
    const run = trainNeuron({
      X,
      y: leaves(vector(given, 'y'), 'y'),
      w: leaves(vector(given, 'w'), 'w'),
      b: leaf(scalar(given, 'b'), 'b'),
      lr: leaf(scalar(given, 'lr'), 'lr'),
      plan: scheduleOf(given),
      predict(w, b, sample) {
        const net = add(dot(w, sample), b);
        return { net, yhat: sigmoid(net) };
      },
      sampleLoss: ({ yhat }, y) => binaryCrossEntropy(yhat, y),
    });
    return trainingAnswers(run, false);
  },

  misconceptions: sigmoidBceBatchMisconceptions(),
};

/**
 * Wrong methods seen in batch / stochastic / mini-batch exercises (notes 003),
 * each recomputing the parts of one step it changes from the weights before
 * that step and the step's ŷ (the key's or the student's own).
 */
function sigmoidBceBatchMisconceptions(): MisconceptionCatalogue {
  const { stepOf, fromErrorTerm, update, stepSize } = trainingStepTools();
  // Mean (or summed) BCE of a step's samples, or of all samples at the end.
  const loss = (id: string, given: Given, value: PartValue, base: 'ln' | 'log10', reduce: 'mean' | 'sum') => {
    const y = vector(given, 'y');
    let terms: D[];
    if (id === 'loss_final') terms = y.map((yi, i) => bceOfPart(value, partId('yhat_final', i + 1), yi, base));
    else {
      const at = stepOf(id, given, value, ['loss']);
      if (!at) return null;
      terms = at.samples.map((i, k) => bceOfPart(value, stepPartId(at.t, 'yhat', k + 1), y[i]!, base));
    }
    const total = terms.reduce((acc, t) => acc.plus(t), num(0));
    return reduce === 'sum' ? total : total.div(terms.length);
  };
  return {
    version: 'sigmoid-bce-batch/1',
    screenInFloats: true,
    entries: [
      misconception('sum-not-mean', ['loss', 'dw', 'db', 'w_new', 'b_new', 'loss_final'], (id, given, value) => {
        if (stepSize(id, given) < 2) return null; // one sample: the sum is the mean
        return loss(id, given, value, 'ln', 'sum') ?? fromErrorTerm(id, given, value, (p, y) => p.minus(y), 'sum');
      }),
      // One update per sample inside a step that should update once.
      misconception('sgd-instead-of-batch', ['w_new', 'b_new'], (id, given, value) => {
        const at = stepOf(id, given, value, ['w_new', 'b_new']);
        if (!at || at.samples.length < 2) return null;
        const { w, b } = remembered(value, `sgd:${at.t}`, () => {
          const X = matrix(given, 'X');
          const y = vector(given, 'y');
          const lr = num(scalar(given, 'lr'));
          let [w, b] = [at.w, at.b];
          for (const i of at.samples) {
            const z = w.reduce((acc, wj, j) => acc.plus(wj.times(X[i]![j]!)), b);
            const e = sigmoidOf(z).minus(y[i]!);
            w = w.map((wj, j) => wj.minus(lr.times(e).times(X[i]![j]!)));
            b = b.minus(lr.times(e));
          }
          return { w, b };
        });
        return at.path.name === 'w_new' ? w[at.path.index[0]! - 1]! : b;
      }),
      misconception('update-sign', ['w_new', 'b_new'], (id, given, value) => update(id, given, value, num(scalar(given, 'lr')))),
      misconception('error-sign', ['dw', 'db', 'w_new', 'b_new'], (id, given, value) => fromErrorTerm(id, given, value, (p, y) => y.minus(p))),
      misconception('extra-sigmoid-derivative', ['dw', 'db', 'w_new', 'b_new'], (id, given, value) =>
        fromErrorTerm(id, given, value, (p, y) => p.minus(y).times(p).times(num(1).minus(p))),
      ),
      misconception('log10-loss', ['loss', 'loss_final'], (id, given, value) => loss(id, given, value, 'log10', 'mean')),
      misconception('forgot-learning-rate', ['w_new', 'b_new'], (id, given, value) => update(id, given, value, num(-1))),
    ],
  };
}
