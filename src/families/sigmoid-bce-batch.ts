import { D } from '../engine/decimal.js';
import { type Node, leaf } from '../engine/graph.js';
import { add, binaryCrossEntropy, copy, dot, mean, sigmoid, step } from '../engine/ops.js';
import { gradients } from '../engine/backward.js';
import { bit, handMatrix, handNumber, handVector } from '../random/draw.js';
import { decimalsParam, drawRange, featuresParam, lrParam, rangeParams } from './common-params.js';
import { intParam, isZeroVector, leafMatrix, leaves, matrix, scalar, textParam, vector } from './given.js';
import { MODES, isMode, schedule, stepCount } from './schedule.js';
import type { Family } from './types.js';

/** Most steps a sheet asks for by hand. */
export const MAX_STEPS = 24;

/** Batch, stochastic and mini-batch gradient descent for one sigmoid neuron with BCE (notes 003). */
export const sigmoidBceBatch: Family = {
  name: 'sigmoid-bce-batch',
  summary: 'batch, stochastic or mini-batch gradient descent of a sigmoid neuron with BCE over a few samples',
  params: {
    samples: { kind: 'int', default: 4, min: 1, max: 12, doc: 'samples m' },
    features: featuresParam,
    lr: lrParam,
    epochs: { kind: 'int', default: 1, min: 1, max: 10, doc: 'passes over the samples' },
    mode: { kind: 'choice', default: 'batch', choices: MODES, doc: 'batch | sgd | minibatch' },
    batch_size: { kind: 'int', default: 2, min: 1, max: 12, doc: 'samples per mini-batch' },
    decimals: decimalsParam,
    ...rangeParams,
  },
  givens: {
    X: { dims: ['samples', 'features'] },
    y: { dims: ['samples'], values: ['0', '1'] },
    w: { dims: ['features'] },
    b: { dims: [] },
    lr: { dims: [], fromParam: true },
    epochs: { dims: [], fromParam: true, integer: true },
    mode: { dims: [], fromParam: true, values: MODES },
    batch_size: { dims: [], fromParam: true, integer: true },
  },

  checkParams(params) {
    const steps = stepCount(
      intParam(params, 'samples'),
      textParam(params, 'mode') as 'batch',
      intParam(params, 'batch_size'),
      intParam(params, 'epochs'),
    );
    return steps > MAX_STEPS
      ? { field: 'epochs', message: `expected at most ${MAX_STEPS} steps in all, got ${steps}` }
      : null;
  },

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
    const y = leaves(vector(given, 'y'), 'y');
    const lr = leaf(scalar(given, 'lr'), 'lr');
    const mode = scalar(given, 'mode');
    if (!isMode(mode)) throw new Error(`given.mode: unknown mode "${mode}"`);
    const plan = schedule(X.length, mode, Number(scalar(given, 'batch_size')), Number(scalar(given, 'epochs')));

    const predict = (w: readonly Node[], b: Node, i: number) => sigmoid(add(dot(w, X[i]!), b));
    let w: Node[] = leaves(vector(given, 'w'), 'w');
    let b: Node = leaf(scalar(given, 'b'), 'b');
    const steps = plan.map(({ samples }) => {
      const yhat = samples.map((i) => predict(w, b, i));
      const loss = mean(yhat.map((p, k) => binaryCrossEntropy(p, y[samples[k]!]!)));
      const [db, ...dw] = gradients(loss, [b, ...w]);
      const w_new = w.map((wj, j) => step(wj, lr, dw[j]!));
      const b_new = step(b, lr, db!);
      [w, b] = [w_new, b_new];
      return { yhat, loss, dw, db: db!, w_new, b_new };
    });

    const w_final = w.map(copy);
    const b_final = copy(b);
    const yhat_final = X.map((_, i) => predict(w_final, b_final, i));
    const loss_final = mean(yhat_final.map((p, i) => binaryCrossEntropy(p, y[i]!)));
    return { steps, w_final, b_final, yhat_final, loss_final };
  },
};
