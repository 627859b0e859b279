import { D } from '../engine/decimal.js';
import { leaf } from '../engine/graph.js';
import { add, copy, dot, mul, sigmoid, square, sub } from '../engine/ops.js';
import { handMatrix, handNumber, handVector } from '../random/draw.js';
import { decimalsParam, drawRange, lrParam, rangeParams } from './common-params.js';
import { intParam, isZeroVector, leafMatrix, leaves, matrix, rangeParam, scalar, vector } from './given.js';
import { trainNeuron, trainingAnswers } from './neuron-training.js';
import {
  type MisconceptionCatalogue,
  type PartValue,
  misconception,
} from './misconception.js';
import { checkStepCount, scheduleOf, trainingGivens, trainingParams } from './schedule.js';
import { trainingStepTools } from './training-misconceptions.js';
import type { Family, Given } from './types.js';

/**
 * One neuron with mean-squared error (notes 003): net = w·x + b, ŷ = f(net)
 * with f linear or σ, loss = c · mean (y − ŷ)², c = ½ when `half` = 1.
 */
export const mseNeuron: Family = {
  name: 'mse-neuron',
  summary: 'one linear or sigmoid neuron with mean-squared error: one step, or batch / sgd / mini-batch over epochs',
  params: {
    samples: { kind: 'int', default: 1, min: 1, max: 12, doc: 'samples m (1: a single step)' },
    features: { kind: 'int', default: 1, min: 1, max: 8, doc: 'inputs per sample (n)' },
    lr: lrParam,
    ...trainingParams,
    activation: { kind: 'choice', default: 'linear', choices: ['linear', 'sigmoid'], doc: 'f: linear or sigmoid' },
    half: { kind: 'choice', default: '0', choices: ['0', '1'], doc: '1: loss = ½ · mean (y − ŷ)², so the 2 cancels' },
    decimals: decimalsParam,
    ...rangeParams,
    y_range: { kind: 'range', default: ['-2', '2'], doc: 'bounds of drawn targets (a sigmoid draws in [0, 1])' },
  },
  givens: {
    X: { dims: ['samples', 'features'] },
    y: { dims: ['samples'] },
    w: { dims: ['features'] },
    b: { dims: [] },
    lr: { dims: [], fromParam: true },
    ...trainingGivens,
    activation: { dims: [], fromParam: true, values: ['linear', 'sigmoid'] },
    half: { dims: [], fromParam: true, values: ['0', '1'] },
  },

  checkParams: checkStepCount,

  draw(rng, params) {
    const m = intParam(params, 'samples');
    const n = intParam(params, 'features');
    const decimals = intParam(params, 'decimals');
    const [low, high] = params.activation === 'sigmoid' ? ['0', '1'] : rangeParam(params, 'y_range');
    return {
      X: handMatrix(rng, m, n, drawRange(params, 'x_range')),
      y: Array.from({ length: m }, () => handNumber(rng, { min: low, max: high, decimals })),
      w: handVector(rng, n, drawRange(params, 'w_range')),
      b: handNumber(rng, drawRange(params, 'b_range')),
    };
  },

  degenerate(given) {
    const X = matrix(given, 'X');
    if (X.some(isZeroVector)) return 'a sample is all zeros';
    const w = vector(given, 'w');
    const b = new D(scalar(given, 'b'));
    const net = X.map((row) => row.reduce((acc, xi, j) => acc.plus(new D(xi).times(w[j]!)), b));
    // A linear neuron that already fits a target exactly has nothing to learn from it.
    if (scalar(given, 'activation') === 'linear' && net.some((v, i) => v.eq(vector(given, 'y')[i]!))) {
      return 'ŷ = y already for a sample';
    }
    return null;
  },

  solve(given) {
    const X = leafMatrix(matrix(given, 'X'), 'X');
    const sigmoidOutput = scalar(given, 'activation') === 'sigmoid';
    const c = leaf(scalar(given, 'half') === '1' ? '0.5' : '1', 'c');
    const run = trainNeuron({
      X,
      y: leaves(vector(given, 'y'), 'y'),
      w: leaves(vector(given, 'w'), 'w'),
      b: leaf(scalar(given, 'b'), 'b'),
      lr: leaf(scalar(given, 'lr'), 'lr'),
      plan: scheduleOf(given),
      predict(w, b, sample) {
        const net = add(dot(w, sample), b);
        return { net, yhat: sigmoidOutput ? sigmoid(net) : copy(net) };
      },
      sampleLoss: ({ yhat }, y) => mul(c, square(sub(y, yhat))),
    });
    return trainingAnswers(run, true);
  },

  misconceptions: mseNeuronMisconceptions(),
};

/**
 * Wrong methods seen in MSE exercises (notes 003), each recomputing the parts
 * of one step it changes from the weights before that step and the step's ŷ
 * (the key's or the student's own). The per-sample error term of the key is
 * 2c·(ŷ − y)·f′(net) with c = ½ (half = 1) or 1, f′ = 1 or ŷ(1 − ŷ).
 *
 * `missing-factor-2` is the 2 of d/dŷ (y − ŷ)² mishandled either way: left
 * out where the loss has no ½ (factor 1 in place of 2), or kept where the ½
 * already cancels it (factor 2 in place of 1).
 */
function mseNeuronMisconceptions(): MisconceptionCatalogue {
  const { stepOf, fromErrorTerm, update, stepSize } = trainingStepTools();
  const c = (given: Given) => new D(scalar(given, 'half') === '1' ? '0.5' : '1');
  const sigmoidOutput = (given: Given) => scalar(given, 'activation') === 'sigmoid';
  /** f′(net) from ŷ: 1 for a linear output, ŷ(1 − ŷ) for a sigmoid. */
  const slope = (given: Given, yhat: D) => (sigmoidOutput(given) ? yhat.times(new D(1).minus(yhat)) : new D(1));
  // c · Σ (y − ŷ)² of a step's samples, or of all samples at the end (summed, not averaged).
  const summedLoss = (id: string, given: Given, value: PartValue): D | null => {
    const y = vector(given, 'y');
    let terms: D[];
    if (id === 'loss_final') terms = y.map((yi, i) => new D(yi).minus(value(`yhat_final[${i + 1}]`)).pow(2));
    else {
      const at = stepOf(id, given, value, ['loss']);
      if (!at) return null;
      terms = at.samples.map((i, k) => new D(y[i]!).minus(at.yhat[k]!).pow(2));
    }
    return terms.reduce((acc, t) => acc.plus(t), new D(0)).times(c(given));
  };
  return {
    version: 'mse-neuron/1',
    entries: [
      // 2c·(ŷ − y)·f′ with the 2 dropped (c = 1) or kept against the ½ (c = ½): factor 1 or 2 in place of 2c.
      misconception('missing-factor-2', ['dw', 'db', 'w_new', 'b_new'], (id, given, value) => {
        const factor = new D(scalar(given, 'half') === '1' ? '2' : '1');
        return fromErrorTerm(id, given, value, (p, y) => factor.times(p.minus(y)).times(slope(given, p)));
      }),
      // A sigmoid output with f′ left out: 2c·(ŷ − y).
      misconception('forgot-activation-derivative', ['dw', 'db', 'w_new', 'b_new'], (id, given, value) => {
        if (!sigmoidOutput(given)) return null;
        const twoC = c(given).times(2);
        return fromErrorTerm(id, given, value, (p, y) => twoC.times(p.minus(y)));
      }),
      misconception('sum-not-mean', ['loss', 'dw', 'db', 'w_new', 'b_new', 'loss_final'], (id, given, value) => {
        if (stepSize(id, given) < 2) return null; // one sample: the sum is the mean
        const twoC = c(given).times(2);
        return (
          summedLoss(id, given, value) ??
          fromErrorTerm(id, given, value, (p, y) => twoC.times(p.minus(y)).times(slope(given, p)), 'sum')
        );
      }),
      misconception('update-sign', ['w_new', 'b_new'], (id, given, value) => update(id, given, value, new D(scalar(given, 'lr')))),
      misconception('forgot-learning-rate', ['w_new', 'b_new'], (id, given, value) => update(id, given, value, new D(-1))),
    ],
  };
}
