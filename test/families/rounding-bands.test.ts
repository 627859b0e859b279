import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { D } from '../../src/engine/decimal.js';
import { FAMILIES } from '../../src/families/index.js';
import { roundingBands } from '../../src/families/rounding-bands.js';
import { Solution } from '../../src/families/solution.js';
import { toleranceFor } from '../../src/tolerance/tolerance.js';
import { withinTolerance } from '../../src/tolerance/within-tolerance.js';
import { roundedStudent } from '../tolerance/rounded-student.js';
import { drawn } from './drawn-given.js';

/** Each family at its defaults and with params that make longer chains (many steps, other activations and outputs). */
const SHAPES: [string, Record<string, number | string>][] = [
  ['sigmoid-bce-step', {}],
  ['sigmoid-bce-step', { features: 4, lr: '0.5' }],
  ['sigmoid-bce-batch', {}],
  ['sigmoid-bce-batch', { mode: 'sgd', epochs: 3 }],
  ['sigmoid-bce-batch', { mode: 'minibatch', batch_size: 2, epochs: 2 }],
  ['softmax-ce-step', {}],
  ['softmax-ce-step', { classes: 4, features: 3, lr: '1' }],
  ['mse-neuron', {}],
  ['mse-neuron', { activation: 'sigmoid', mode: 'sgd', epochs: 2 }],
  ['mse-neuron', { half: '1', samples: 3, epochs: 2 }],
  ['mlp-backprop', {}],
  ['mlp-backprop', { hidden: 'tanh', output: 'softmax-ce' }],
  ['mlp-backprop', { hidden: 'relu', output: 'linear-mse' }],
  ['sigmoid-multilabel-step', {}],
  ['sigmoid-multilabel-step', { reduction: 'mean' }],
];

describe('carried_rounding bands, for random variants of every family', () => {
  it('accept a student who rounds every earlier answer to S figures, refuse the key moved by 2 bands, and shrink as S grows', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SHAPES),
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.integer({ min: 2, max: 7 }),
        ([name, overrides], seed, figures) => {
          const family = FAMILIES.get(name)!;
          const given = drawn(name, `bands-${seed}`, overrides);
          fc.pre(family.degenerate(given) === null);
          const solution = new Solution(family.solve(given));
          const tolerance = { carried_rounding: figures };
          const bands = roundingBands(tolerance, solution)!;
          const finer = roundingBands({ carried_rounding: figures + 1 }, solution)!;
          const student = roundedStudent(solution, figures);
          for (const id of solution.partIds) {
            const key = solution.value(id);
            const band = new D(bands[id]!);
            const partTolerance = toleranceFor(tolerance, id, bands);
            expect(withinTolerance(student.get(id)!, key, partTolerance), `${name} ${id} at ${figures}: ${student.get(id)} for ${key} ± ${band}`).toBe(true);
            if (!band.isZero()) {
              expect(withinTolerance(key.plus(band.times(2)), key, partTolerance)).toBe(false);
              expect(withinTolerance(key.minus(band.times(2)), key, partTolerance)).toBe(false);
              expect(new D(finer[id]!).lt(band), `${id}: ${finer[id]} at ${figures + 1} figures, ${band} at ${figures}`).toBe(true);
            }
          }
        },
      ),
      { numRuns: Number(process.env.RUNS ?? 90), seed: Number(process.env.SEED ?? 16) },
    );
  }, 240_000);

  it('writes a band for exactly the parts whose tolerance is carried_rounding', () => {
    const given = drawn('sigmoid-bce-step', 'parts', {});
    const solution = new Solution(FAMILIES.get('sigmoid-bce-step')!.solve(given));
    expect(roundingBands({ rel: 0.01, abs: 1e-6 }, solution)).toBeUndefined();
    const mixed = roundingBands({ rel: 0.01, abs: 1e-6, parts: { loss: { carried_rounding: 3 }, 'dw[2]': { carried_rounding: 5 } } }, solution)!;
    expect(Object.keys(mixed)).toEqual(['loss', 'dw[2]']);
    expect(mixed.loss).toBe(roundingBands({ carried_rounding: 3 }, solution)!.loss);
    expect(mixed['dw[2]']).toBe(roundingBands({ carried_rounding: 5 }, solution)!['dw[2]']);
  });
});
