import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance, nearestName } from '../../src/bank/did-you-mean.js';

describe('did you mean', () => {
  it('counts edits, a swap of neighbours as one', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('lr', 'rl')).toBe(1);
    expect(editDistance('fetaures', 'features')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('suggests the nearest known name only when it is a likely typo', () => {
    const families = ['sigmoid-bce-step', 'sigmoid-bce-batch', 'softmax-ce-step', 'mse-neuron'];
    expect(nearestName('softmax-ce-stp', families)).toBe('softmax-ce-step');
    expect(nearestName('Sigmoid-BCE-Batch', families)).toBe('sigmoid-bce-batch');
    expect(nearestName('softmax', families)).toBe('softmax-ce-step');
    expect(nearestName('perceptron', families)).toBeUndefined();
    expect(nearestName('W', ['x', 'w'])).toBe('w');
    expect(nearestName('v', ['w', 'b'])).toBeUndefined(); // one letter off another is no clue
    expect(didYouMean('parms', ['params', 'points'])).toBe(' (did you mean "params"?)');
    expect(didYouMean('colour', ['features', 'lr'])).toBe('');
  });
});
