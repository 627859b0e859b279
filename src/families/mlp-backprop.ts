import { type Node, leaf } from '../engine/graph.js';
import {
  add,
  binaryCrossEntropy,
  copy,
  crossEntropy,
  div,
  dot,
  relu,
  sigmoid,
  softmax,
  square,
  sub,
  sum,
  tanh,
} from '../engine/ops.js';
import { backpropagate, gradients } from '../engine/backward.js';
import { bit, handMatrix, handVector, oneHot } from '../random/draw.js';
import { decimalsParam, drawRange, lrParam, rangeParams } from './common-params.js';
import { intParam, isZeroVector, leafMatrix, leaves, matrix, scalar, textParam, vector } from './given.js';
import { D } from '../engine/decimal.js';
import { type MisconceptionCatalogue, type PartValue, misconception, partId, readPartId } from './misconception.js';
import { layerGradients, updateLayer } from './dense-layer.js';
import type { Family, Given } from './types.js';

export const HIDDEN = ['sigmoid', 'tanh', 'relu'] as const;
export const OUTPUTS = ['sigmoid-bce', 'softmax-ce', 'linear-mse'] as const;

const activate: Record<string, (net: Node) => Node> = { sigmoid, tanh, relu };

/** The output layer: ŷ from net2, and the loss of ŷ against y. */
function outputLayer(kind: string, net2: readonly Node[], y: readonly Node[]): { yhat: Node[]; loss: Node } {
  switch (kind) {
    case 'sigmoid-bce': {
      const yhat = net2.map(sigmoid);
      return { yhat, loss: sum(yhat.map((p, i) => binaryCrossEntropy(p, y[i]!))) };
    }
    case 'softmax-ce': {
      const yhat = softmax(net2);
      return { yhat, loss: crossEntropy(yhat, y) };
    }
    case 'linear-mse': {
      const yhat = net2.map(copy);
      const squares = yhat.map((p, i) => square(sub(y[i]!, p)));
      return { yhat, loss: div(sum(squares), leaf(String(yhat.length))) };
    }
    default:
      throw new Error(`given.output: unknown output "${kind}"`);
  }
}

/** Each updated part: the given it starts from and the gradient it steps along. */
const UPDATES: Readonly<Record<string, { old: string; grad: string }>> = {
  W1_new: { old: 'W1', grad: 'dW1' },
  b1_new: { old: 'b1', grad: 'db1' },
  W2_new: { old: 'W2', grad: 'dW2' },
  b2_new: { old: 'b2', grad: 'db2' },
};

/** A two-layer network, one backpropagation step (notes 003: w¹₁₁ … w²₂₂). */
export const mlpBackprop: Family = {
  name: 'mlp-backprop',
  summary: 'a two-layer network: forward pass, loss, backpropagation through both layers and one update',
  params: {
    features: { kind: 'int', default: 2, min: 1, max: 4, doc: 'inputs n' },
    hidden_units: { kind: 'int', default: 2, min: 1, max: 4, doc: 'hidden units h' },
    classes: { kind: 'int', default: 2, min: 1, max: 4, doc: 'outputs k' },
    hidden: { kind: 'choice', default: 'sigmoid', choices: HIDDEN, doc: 'hidden activation g' },
    output: { kind: 'choice', default: 'sigmoid-bce', choices: OUTPUTS, doc: 'output and loss' },
    lr: lrParam,
    decimals: decimalsParam,
    ...rangeParams,
  },
  givens: {
    x: { dims: ['features'] },
    y: { dims: ['classes'] },
    W1: { dims: ['hidden_units', 'features'] },
    b1: { dims: ['hidden_units'] },
    W2: { dims: ['classes', 'hidden_units'] },
    b2: { dims: ['classes'] },
    lr: { dims: [], fromParam: true },
    hidden: { dims: [], fromParam: true, values: HIDDEN },
    output: { dims: [], fromParam: true, values: OUTPUTS },
  },

  checkParams(params) {
    return params.output === 'softmax-ce' && intParam(params, 'classes') < 2
      ? { field: 'classes', message: 'expected at least 2 classes for softmax-ce, got 1' }
      : null;
  },

  checkGiven(given) {
    const y = vector(given, 'y');
    const output = scalar(given, 'output');
    if (output === 'softmax-ce' && y.filter((v) => v === '1').length !== 1) {
      return { field: 'y', message: 'expected one-hot (exactly one "1") for softmax-ce' };
    }
    if (output === 'sigmoid-bce' && y.some((v) => v !== '0' && v !== '1')) {
      return { field: 'y', message: 'expected labels 0|1 for sigmoid-bce' };
    }
    return null;
  },

  draw(rng, params) {
    const [n, h, k] = ['features', 'hidden_units', 'classes'].map((name) => intParam(params, name)) as [number, number, number];
    const output = textParam(params, 'output');
    const y =
      output === 'softmax-ce'
        ? oneHot(rng, k)
        : output === 'sigmoid-bce'
          ? Array.from({ length: k }, () => bit(rng))
          : handVector(rng, k, { min: '-1', max: '1', decimals: intParam(params, 'decimals') });
    return {
      x: handVector(rng, n, drawRange(params, 'x_range')),
      y,
      W1: handMatrix(rng, h, n, drawRange(params, 'w_range')),
      b1: handVector(rng, h, drawRange(params, 'b_range')),
      W2: handMatrix(rng, k, h, drawRange(params, 'w_range')),
      b2: handVector(rng, k, drawRange(params, 'b_range')),
    };
  },

  degenerate(given) {
    if (isZeroVector(vector(given, 'x'))) return 'x is all zeros';
    const { net1 } = forward(given);
    // A relu unit at exactly 0 has no agreed derivative to teach with.
    if (scalar(given, 'hidden') === 'relu' && net1.some((v) => v.value.isZero())) return 'a relu unit sits at net = 0';
    if (scalar(given, 'hidden') === 'relu' && net1.every((v) => v.value.lt(0))) return 'every relu unit is off';
    return null;
  },

  solve(given) {
    const { x, W1, b1, net1, a1, W2, b2, net2 } = forward(given);
    const y = leaves(vector(given, 'y'), 'y');
    const lr = leaf(scalar(given, 'lr'), 'lr');
    const { yhat, loss } = outputLayer(scalar(given, 'output'), net2, y);

    const dnet2 = gradients(loss, net2);
    const { dW: dW2, db: db2 } = layerGradients(net2, W2, b2, dnet2);
    // Every path from the loss to a1_j runs through some net2_i: da1 = W2ᵀ dnet2.
    const da1 = backpropagate(net2.map((n, i) => [n, dnet2[i]!] as const), a1);
    const dnet1 = a1.map((a, j) => gradients(a, [net1[j]!], da1[j]!)[0]!);
    const { dW: dW1, db: db1 } = layerGradients(net1, W1, b1, dnet1);
    const layer1Update = updateLayer(W1, b1, dW1, db1, lr);
    const layer2Update = updateLayer(W2, b2, dW2, db2, lr);
    return {
      net1,
      a1,
      net2,
      yhat,
      loss,
      dnet2,
      dW2,
      db2,
      da1,
      dnet1,
      dW1,
      db1,
      W1_new: layer1Update.W_new,
      b1_new: layer1Update.b_new,
      W2_new: layer2Update.W_new,
      b2_new: layer2Update.b_new,
    };
  },

  misconceptions: mlpBackpropMisconceptions(),
};

/**
 * Wrong methods of a backpropagation step (notes 003), each recomputing the
 * parts it changes from the givens and other parts' values (the key's or the
 * student's own).
 */
function mlpBackpropMisconceptions(): MisconceptionCatalogue {
  const lrOf = (given: Given) => new D(scalar(given, 'lr'));
  const entry = (given: Given, name: string, i: number, j?: number) =>
    new D(j === undefined ? vector(given, name)[i - 1]! : matrix(given, name)[i - 1]![j - 1]!);
  /** g′(net1_j) from a1_j (σ: a(1 − a), tanh: 1 − a²) or the sign of net1_j (relu). */
  const slope = (given: Given, value: PartValue, j: number): D => {
    const a = value(partId('a1', j));
    switch (scalar(given, 'hidden')) {
      case 'sigmoid':
        return a.times(new D(1).minus(a));
      case 'tanh':
        return new D(1).minus(a.times(a));
      default:
        return value(partId('net1', j)).gt(0) ? new D(1) : new D(0);
    }
  };
  // old ± lr·gradient with the factor `scale` in place of −lr.
  const update = (id: string, given: Given, value: PartValue, scale: D): D | null => {
    const path = readPartId(id);
    const names = path && UPDATES[path.name];
    if (!names) return null;
    const [i, j] = path.index as [number, number | undefined];
    const grad = j === undefined ? partId(names.grad, i) : partId(names.grad, i, j);
    return entry(given, names.old, i, j).plus(scale.times(value(grad)));
  };
  // A wrong dnet1 carried through dW1, db1 and the first-layer update.
  const fromDnet1 = (id: string, given: Given, dnet1: (i: number) => D): D | null => {
    const path = readPartId(id);
    if (!path) return null;
    const [i = 1, j = 1] = path.index;
    const x = vector(given, 'x');
    switch (path.name) {
      case 'dnet1':
      case 'db1':
        return dnet1(i);
      case 'dW1':
        return dnet1(i).times(x[j - 1]!);
      case 'W1_new':
        return entry(given, 'W1', i, j).minus(lrOf(given).times(dnet1(i)).times(x[j - 1]!));
      case 'b1_new':
        return entry(given, 'b1', i).minus(lrOf(given).times(dnet1(i)));
      default:
        return null;
    }
  };
  return {
    version: 'mlp-backprop/2',
    entries: [
      // da1_j = dnet2_1·W2[1][j]: the path through output unit 1 only (k ≥ 2, else there is one path).
      misconception('missed-path', ['da1', 'dnet1', 'dW1', 'db1', 'W1_new', 'b1_new'], (id, given, value) => {
        if (vector(given, 'y').length < 2) return null;
        const da1 = (j: number) => value(partId('dnet2', 1)).times(entry(given, 'W2', 1, j));
        if (readPartId(id)?.name === 'da1') return da1(readPartId(id)!.index[0]!);
        return fromDnet1(id, given, (i) => da1(i).times(slope(given, value, i)));
      }),
      // dW2[i][j] = dnet2_i·x_j (x in place of a1), dW1[i][j] = dnet1_i·a1_j (a1 in place of x), where that index exists.
      misconception('wrong-layer-input', ['dW2', 'W2_new', 'dW1', 'W1_new'], (id, given, value) => {
        const path = readPartId(id);
        if (!path || !['dW2', 'W2_new', 'dW1', 'W1_new'].includes(path.name)) return null;
        const [i, j] = path.index as [number, number];
        const second = path.name === 'dW2' || path.name === 'W2_new';
        const inputs = second ? vector(given, 'x').map((xj) => new D(xj)) : vector(given, 'b1').map((_, m) => value(partId('a1', m + 1)));
        if (j > inputs.length) return null;
        const gradient = value(partId(second ? 'dnet2' : 'dnet1', i)).times(inputs[j - 1]!);
        if (path.name === 'dW2' || path.name === 'dW1') return gradient;
        return entry(given, second ? 'W2' : 'W1', i, j).minus(lrOf(given).times(gradient));
      }),
      // Checked at the output layer's update only: the first layer's gradients are small (a product of
      // derivatives), so W1 ± η·dW1 mostly lies within tolerance of the key and the draw would be
      // redrawn nearly always (149 in 150 at η = 0.01); a student who flips the sign flips it in both layers.
      misconception('update-sign', ['W2_new', 'b2_new'], (id, given, value) => update(id, given, value, lrOf(given))),
      misconception('forgot-learning-rate', ['W2_new', 'b2_new'], (id, given, value) => update(id, given, value, new D(-1))),
    ],
  };
}

/** The forward pass up to net2, shared by solve() and the degeneracy check. */
function forward(given: Given) {
  const x = leaves(vector(given, 'x'), 'x');
  const W1 = leafMatrix(matrix(given, 'W1'), 'W1');
  const b1 = leaves(vector(given, 'b1'), 'b1');
  const W2 = leafMatrix(matrix(given, 'W2'), 'W2');
  const b2 = leaves(vector(given, 'b2'), 'b2');
  const g = activate[scalar(given, 'hidden')];
  if (!g) throw new Error(`given.hidden: unknown activation "${scalar(given, 'hidden')}"`);
  const net1 = W1.map((row, i) => add(dot(row, x), b1[i]!));
  const a1 = net1.map(g);
  const net2 = W2.map((row, i) => add(dot(row, a1), b2[i]!));
  return { x, W1, b1, net1, a1, W2, b2, net2 };
}
