import { D } from '../engine/decimal.js';
import { leaf } from '../engine/graph.js';
import { add, copy, dot, mul, sigmoid, square, sub } from '../engine/ops.js';
import { handMatrix, handNumber, handVector } from '../random/draw.js';
import { decimalsParam, drawRange, lrParam, rangeParams } from './common-params.js';
import { intParam, isZeroVector, leafMatrix, leaves, matrix, rangeParam, scalar, vector } from './given.js';
import { trainNeuron } from './neuron-training.js';
import { MODES, isMode, schedule, stepCount } from './schedule.js';
import type { Family } from './types.js';

const MAX_STEPS = 24;

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
    epochs: { kind: 'int', default: 1, min: 1, max: 10, doc: 'passes over the samples' },
    mode: { kind: 'choice', default: 'batch', choices: MODES, doc: 'batch | sgd | minibatch' },
    batch_size: { kind: 'int', default: 2, min: 1, max: 12, doc: 'samples per mini-batch' },
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
    epochs: { dims: [], fromParam: true, integer: true },
    mode: { dims: [], fromParam: true, values: MODES },
    batch_size: { dims: [], fromParam: true, integer: true },
    activation: { dims: [], fromParam: true, values: ['linear', 'sigmoid'] },
    half: { dims: [], fromParam: true, values: ['0', '1'] },
  },

  checkParams(params) {
    const steps = stepCount(
      intParam(params, 'samples'),
      params.mode as 'batch',
      intParam(params, 'batch_size'),
      intParam(params, 'epochs'),
    );
    return steps > MAX_STEPS ? { field: 'epochs', message: `expected at most ${MAX_STEPS} steps in all, got ${steps}` } : null;
  },

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
    const mode = scalar(given, 'mode');
    if (!isMode(mode)) throw new Error(`given.mode: unknown mode "${mode}"`);
    const X = leafMatrix(matrix(given, 'X'), 'X');
    const sigmoidOutput = scalar(given, 'activation') === 'sigmoid';
    const c = leaf(scalar(given, 'half') === '1' ? '0.5' : '1', 'c');
    const run = trainNeuron({
      X,
      y: leaves(vector(given, 'y'), 'y'),
      w: leaves(vector(given, 'w'), 'w'),
      b: leaf(scalar(given, 'b'), 'b'),
      lr: leaf(scalar(given, 'lr'), 'lr'),
      plan: schedule(X.length, mode, Number(scalar(given, 'batch_size')), Number(scalar(given, 'epochs'))),
      predict(w, b, sample) {
        const net = add(dot(w, sample), b);
        return { net, yhat: sigmoidOutput ? sigmoid(net) : copy(net) };
      },
      sampleLoss: ({ yhat }, y) => mul(c, square(sub(y, yhat))),
    });
    return {
      steps: run.steps.map((s) => ({
        net: s.predictions.map((p) => p.net),
        yhat: s.predictions.map((p) => p.yhat),
        loss: s.loss,
        dw: s.dw,
        db: s.db,
        w_new: s.w_new,
        b_new: s.b_new,
      })),
      w_final: run.w_final,
      b_final: run.b_final,
      yhat_final: run.final.map((p) => p.yhat),
      loss_final: run.loss_final,
    };
  },
};
