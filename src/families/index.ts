import { mlpBackprop } from './mlp-backprop.js';
import { mseNeuron } from './mse-neuron.js';
import { sigmoidBceBatch } from './sigmoid-bce-batch.js';
import { sigmoidBceStep } from './sigmoid-bce-step.js';
import { sigmoidMultilabelStep } from './sigmoid-multilabel-step.js';
import { softmaxCeStep } from './softmax-ce-step.js';
import type { Family } from './types.js';

/** Every problem family, by the name a bank uses. */
export const FAMILIES: ReadonlyMap<string, Family> = new Map(
  [sigmoidBceStep, sigmoidBceBatch, softmaxCeStep, mseNeuron, mlpBackprop, sigmoidMultilabelStep].map((family) => [
    family.name,
    family,
  ]),
);

export function familyNamed(name: string): Family | undefined {
  return FAMILIES.get(name);
}

export type { Family } from './types.js';
