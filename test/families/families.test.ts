import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { D } from '../../src/engine/decimal.js';
import { FAMILIES } from '../../src/families/index.js';
import { Solution } from '../../src/families/solution.js';
import type { Family, Given } from '../../src/families/types.js';
import { drawn } from './drawn-given.js';
import { agrees, mlpBackprop, mseNeuron, multilabelStep, pairs, sigmoidBatch, sigmoidStep, softmaxStep } from './closed-forms.js';

const family = (name: string): Family => FAMILIES.get(name)!;
/** A drawn given (seed "x") with some values replaced. */
const withParams = (f: Family, given: Given): Given => ({ ...drawn(f.name, 'x'), ...given });

const reference: Record<string, (g: never) => unknown> = {
  'sigmoid-bce-step': sigmoidStep,
  'softmax-ce-step': softmaxStep,
  'sigmoid-bce-batch': sigmoidBatch,
  'mse-neuron': mseNeuron,
  'mlp-backprop': mlpBackprop,
  'sigmoid-multilabel-step': multilabelStep,
};

describe('every answer against the closed forms of the contract, to 32 digits', () => {
  const cases: [string, Record<string, number | string>][] = [
    ['sigmoid-bce-step', {}],
    ['sigmoid-bce-step', { features: 4, lr: '0.5' }],
    ['softmax-ce-step', {}],
    ['softmax-ce-step', { classes: 5, features: 2 }],
    ['sigmoid-bce-batch', { mode: 'batch', epochs: 2 }],
    ['sigmoid-bce-batch', { mode: 'sgd', samples: 3 }],
    ['sigmoid-bce-batch', { mode: 'minibatch', samples: 5, batch_size: 2, epochs: 2 }],
    ['mse-neuron', {}],
    ['mse-neuron', { activation: 'sigmoid', half: '1', samples: 3, mode: 'sgd', features: 2 }],
    ['mse-neuron', { samples: 4, mode: 'minibatch', epochs: 2, lr: '0.05' }],
    ['mlp-backprop', {}],
    ['mlp-backprop', { hidden: 'tanh', output: 'softmax-ce', classes: 3 }],
    ['mlp-backprop', { hidden: 'relu', output: 'linear-mse', features: 3, hidden_units: 3 }],
    ['sigmoid-multilabel-step', {}],
    ['sigmoid-multilabel-step', { reduction: 'mean', classes: 4 }],
  ];
  for (const [name, overrides] of cases) {
    it(`${name} ${JSON.stringify(overrides)}`, () => {
      fc.assert(
        fc.property(fc.string({ minLength: 1, maxLength: 12 }), (seed) => {
          const given = drawn(name, seed, overrides);
          const answers = new Solution(family(name).solve(given)).toJson();
          const expected = reference[name]!(given as never) as Parameters<typeof pairs>[1];
          for (const [path, actual, wanted] of pairs(answers, expected)) {
            expect(agrees(actual, wanted, 32), `${name} ${path}: ${actual} vs ${wanted}`).toBe(true);
          }
        }),
        { numRuns: 25, seed: 7 },
      );
    });
  }
});

describe('gradients against central finite differences of the loss', () => {
  // ∂loss/∂θ ≈ (loss(θ + h) − loss(θ − h)) / 2h, h = 1e-20, each loss solved afresh.
  const h = new D('1e-20');
  const lossAt = (f: Family, given: Given, path: string): D => new Solution(f.solve(given)).value(path);
  const nudged = (given: Given, name: string, index: number[], delta: D): Given => {
    const copy = JSON.parse(JSON.stringify(given)) as Record<string, unknown>;
    if (index.length === 0) copy[name] = new D(copy[name] as string).plus(delta).toString();
    else {
      let target = copy[name] as unknown[];
      for (const i of index.slice(0, -1)) target = target[i] as unknown[];
      const last = index[index.length - 1]!;
      target[last] = new D(target[last] as string).plus(delta).toString();
    }
    return copy as Given;
  };
  const check = (f: Family, given: Given, lossPath: string, param: string, index: number[], gradPath: string) => {
    const numeric = lossAt(f, nudged(given, param, index, h), lossPath)
      .minus(lossAt(f, nudged(given, param, index, h.neg()), lossPath))
      .div(h.times(2));
    const analytic = new Solution(f.solve(given)).value(gradPath);
    expect(agrees(analytic.toString(), numeric.toString(), 30), `${gradPath}: ${analytic} vs ${numeric}`).toBe(true);
  };

  it('sigmoid-bce-step: dw[j] and db', () => {
    const f = family('sigmoid-bce-step');
    const given = withParams(f, { x: ['0.7', '-1.3', '2'], w: ['0.25', '-0.4', '0.1'], b: '0.1', y: '1' });
    [0, 1, 2].forEach((j) => check(f, given, 'loss', 'w', [j], `dw[${j + 1}]`));
    check(f, given, 'loss', 'b', [], 'db');
  });

  it('softmax-ce-step: every dW[i][j] and db[i]', () => {
    const f = family('softmax-ce-step');
    const given = drawn('softmax-ce-step', 'fd');
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) check(f, given, 'loss', 'W', [i, j], `dW[${i + 1}][${j + 1}]`);
      check(f, given, 'loss', 'b', [i], `db[${i + 1}]`);
    }
  });

  it('mse-neuron: the first step, linear and sigmoid, with and without ½', () => {
    const f = family('mse-neuron');
    for (const [activation, half] of [['linear', '0'], ['sigmoid', '1']]) {
      const given = drawn('mse-neuron', `fd-${activation}`, { activation: activation!, half: half!, samples: 3, features: 2 });
      [0, 1].forEach((j) => check(f, given, 'steps[1].loss', 'w', [j], `steps[1].dw[${j + 1}]`));
      check(f, given, 'steps[1].loss', 'b', [], 'steps[1].db');
    }
  });

  it('mlp-backprop: every weight and bias of both layers, each hidden and output kind', () => {
    const f = family('mlp-backprop');
    for (const [hidden, output] of [['sigmoid', 'sigmoid-bce'], ['tanh', 'softmax-ce'], ['relu', 'linear-mse']]) {
      const given = drawn('mlp-backprop', `fd-${hidden}`, { hidden: hidden!, output: output!, classes: 2 });
      for (let i = 0; i < 2; i++) {
        for (let j = 0; j < 2; j++) {
          check(f, given, 'loss', 'W1', [i, j], `dW1[${i + 1}][${j + 1}]`);
          check(f, given, 'loss', 'W2', [i, j], `dW2[${i + 1}][${j + 1}]`);
        }
        check(f, given, 'loss', 'b1', [i], `db1[${i + 1}]`);
        check(f, given, 'loss', 'b2', [i], `db2[${i + 1}]`);
      }
    }
  });

  it('sigmoid-multilabel-step: dW and db, summed and mean', () => {
    const f = family('sigmoid-multilabel-step');
    for (const reduction of ['sum', 'mean']) {
      const given = drawn('sigmoid-multilabel-step', `fd-${reduction}`, { reduction });
      check(f, given, 'loss', 'W', [1, 2], 'dW[2][3]');
      check(f, given, 'loss', 'b', [0], 'db[1]');
    }
  });

  it('sigmoid-bce-batch: the first step of each mode', () => {
    const f = family('sigmoid-bce-batch');
    for (const mode of ['batch', 'sgd', 'minibatch']) {
      const given = drawn('sigmoid-bce-batch', `fd-${mode}`, { mode });
      [0, 1].forEach((j) => check(f, given, 'steps[1].loss', 'w', [j], `steps[1].dw[${j + 1}]`));
      check(f, given, 'steps[1].loss', 'b', [], 'steps[1].db');
    }
  });
});

describe('saturated neurons keep 30 digits', () => {
  const f = family('sigmoid-bce-step');
  for (const [w, y] of [['170', '1'], ['170', '0'], ['-170', '1'], ['-170', '0']] as const) {
    it(`z = ${w}, y = ${y}`, () => {
      const given = withParams(f, { x: ['1'], w: [w], b: '0', y });
      const answers = new Solution(f.solve(given)).toJson();
      for (const [path, actual, wanted] of pairs(answers, sigmoidStep(given as never))) {
        expect(agrees(actual, wanted, 32), `${path}: ${actual} vs ${wanted}`).toBe(true);
      }
      // The loss of a right, confident neuron is tiny but not zero: 1.4789e-74.
      if (Number(w) * (y === '1' ? 1 : -1) > 0) {
        expect((answers as Record<string, string>).loss).toMatch(/^1\.478897505643213384377084469913843028\d*e-74$/);
      }
    });
  }
});

describe('properties of random draws', () => {
  const seeds = fc.string({ minLength: 1, maxLength: 16 });

  it('softmax probabilities sum to 1 and the loss is finite and ≥ 0', () => {
    fc.assert(
      fc.property(seeds, fc.integer({ min: 2, max: 6 }), (seed, classes) => {
        const s = new Solution(family('softmax-ce-step').solve(drawn('softmax-ce-step', seed, { classes })));
        const total = s.partIds.filter((id) => id.startsWith('yhat[')).reduce((acc, id) => acc.plus(s.value(id)), new D(0));
        expect(total.minus(1).abs().lt('1e-50')).toBe(true);
        expect(s.value('loss').isFinite() && s.value('loss').gte(0)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('no family draws a loss that is negative or infinite', () => {
    fc.assert(
      fc.property(seeds, fc.constantFrom(...FAMILIES.keys()), (seed, name) => {
        const s = new Solution(family(name).solve(drawn(name, seed)));
        for (const id of s.partIds.filter((p) => p.endsWith('loss') || p === 'loss_final')) {
          expect(s.value(id).isFinite() && s.value(id).gte(0), `${name} ${id}`).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('a small enough step lowers the loss', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const f = family('sigmoid-bce-step');
        const given = { ...drawn('sigmoid-bce-step', seed), lr: '0.001' };
        const before = new Solution(f.solve(given));
        const after = new Solution(
          f.solve({ ...given, w: before.partIds.filter((p) => p.startsWith('w_new')).map((p) => before.value(p).toString()), b: before.value('b_new').toString() }),
        );
        expect(after.value('loss').lt(before.value('loss'))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});

describe('parents of parts follow the formulas of the contract', () => {
  it('sigmoid-bce-step', () => {
    const s = new Solution(family('sigmoid-bce-step').solve(drawn('sigmoid-bce-step', 'p')));
    expect(s.parentsOf('z')).toEqual([]);
    expect(s.parentsOf('yhat')).toEqual(['z']);
    expect(s.parentsOf('loss')).toEqual(['yhat']);
    expect(s.parentsOf('dz')).toEqual(['yhat']);
    expect(s.parentsOf('dw[2]')).toEqual(['dz']);
    expect(s.parentsOf('db')).toEqual(['dz']);
    expect(s.parentsOf('w_new[1]')).toEqual(['dw[1]']);
    expect(s.parentsOf('b_new')).toEqual(['db']);
  });

  it('softmax-ce-step', () => {
    const s = new Solution(family('softmax-ce-step').solve({ ...drawn('softmax-ce-step', 'p'), y: ['0', '1', '0'] }));
    expect(s.parentsOf('yhat[2]')).toEqual(['z[1]', 'z[2]', 'z[3]']);
    expect(s.parentsOf('loss')).toEqual(['yhat[2]']);
    // dz_i = ŷ_i − y_i, reached through −y/ŷ at the true class: ŷ_i and ŷ_true.
    expect(s.parentsOf('dz[1]')).toEqual(['yhat[1]', 'yhat[2]']);
    expect(s.parentsOf('dz[2]')).toEqual(['yhat[2]']);
    expect(s.parentsOf('dW[2][3]')).toEqual(['dz[2]']);
    expect(s.parentsOf('W_new[3][1]')).toEqual(['dW[3][1]']);
  });

  it('sigmoid-bce-batch, mini-batches of two', () => {
    const s = new Solution(
      family('sigmoid-bce-batch').solve(drawn('sigmoid-bce-batch', 'p', { mode: 'minibatch', samples: 4, batch_size: 2 })),
    );
    expect(s.parentsOf('steps[1].yhat[1]')).toEqual([]);
    expect(s.parentsOf('steps[2].yhat[1]')).toEqual(['steps[1].w_new[1]', 'steps[1].w_new[2]', 'steps[1].b_new']);
    expect(s.parentsOf('steps[2].dw[1]')).toEqual(['steps[2].yhat[1]', 'steps[2].yhat[2]']);
    expect(s.parentsOf('steps[2].w_new[2]')).toEqual(['steps[1].w_new[2]', 'steps[2].dw[2]']);
    expect(s.parentsOf('w_final[1]')).toEqual(['steps[2].w_new[1]']);
    expect(s.parentsOf('yhat_final[3]')).toEqual(['w_final[1]', 'w_final[2]', 'b_final']);
    expect(s.parentsOf('loss_final')).toEqual(['yhat_final[1]', 'yhat_final[2]', 'yhat_final[3]', 'yhat_final[4]']);
  });

  it('mlp-backprop: a first-layer gradient reads dnet1, which sums both paths through da1', () => {
    const s = new Solution(family('mlp-backprop').solve(drawn('mlp-backprop', 'p')));
    expect(s.parentsOf('dnet2[1]')).toEqual(['yhat[1]']);
    expect(s.parentsOf('dW2[1][2]')).toEqual(['a1[2]', 'dnet2[1]']);
    expect(s.parentsOf('da1[1]')).toEqual(['dnet2[1]', 'dnet2[2]']);
    expect(s.parentsOf('dnet1[2]')).toEqual(['a1[2]', 'da1[2]']);
    expect(s.parentsOf('dW1[2][1]')).toEqual(['dnet1[2]']);
    expect(s.parentsOf('W2_new[2][1]')).toEqual(['dW2[2][1]']);
  });

  it('mse-neuron: dw reads the step’s outputs', () => {
    const s = new Solution(family('mse-neuron').solve(drawn('mse-neuron', 'p', { samples: 2 })));
    expect(s.parentsOf('steps[1].yhat[2]')).toEqual(['steps[1].net[2]']);
    expect(s.parentsOf('steps[1].dw[1]')).toEqual(['steps[1].yhat[1]', 'steps[1].yhat[2]']);
  });

  it('recomputes ŷ from a student’s own z, and dw from their dz', () => {
    const s = new Solution(family('sigmoid-bce-step').solve(withParams(family('sigmoid-bce-step'), { x: ['2', '-1'], w: ['0.5', '0.5'], b: '0', y: '1' })));
    expect(s.recompute('yhat', new Map([['z', new D(0)]]))!.toString()).toBe('0.5');
    expect(s.recompute('dw[1]', new Map([['dz', new D('-0.25')]]))!.toString()).toBe('-0.5');
    // Through −y/ŷ · ŷ(1 − ŷ): exact to the engine's 60 digits, not to the last one.
    expect(s.recompute('dz', new Map([['yhat', new D('0.75')]]))!.toSignificantDigits(50).toString()).toBe('-0.25');
  });
});
