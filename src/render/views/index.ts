import type { FamilyView } from './family-view.js';
import { mlpBackpropView } from './mlp-backprop.js';
import { mseNeuronView } from './mse-neuron.js';
import { sigmoidBceBatchView } from './sigmoid-bce-batch.js';
import { sigmoidBceStepView } from './sigmoid-bce-step.js';
import { sigmoidMultilabelStepView } from './sigmoid-multilabel-step.js';
import { softmaxCeStepView } from './softmax-ce-step.js';

const VIEWS: ReadonlyMap<string, FamilyView> = new Map([
  ['sigmoid-bce-step', sigmoidBceStepView],
  ['sigmoid-bce-batch', sigmoidBceBatchView],
  ['softmax-ce-step', softmaxCeStepView],
  ['mse-neuron', mseNeuronView],
  ['mlp-backprop', mlpBackpropView],
  ['sigmoid-multilabel-step', sigmoidMultilabelStepView],
]);

/** A family's view, or one that adds nothing (its templates then use given and answers). */
export function viewFor(family: string): FamilyView {
  return VIEWS.get(family) ?? { work: () => ({}) };
}

export type { FamilyView } from './family-view.js';
