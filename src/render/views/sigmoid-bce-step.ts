import type { VariantRecord } from '../../variant/record.js';
import { D, oneMinusSigmoid, text } from './decimal-steps.js';
import { type FamilyView, stringAt } from './family-view.js';

/** e^{−z} for σ(z) = 1/(1 + e^{−z}), and 1 − ŷ for the y = 0 loss. */
export const sigmoidBceStepView: FamilyView = {
  work(record: VariantRecord) {
    const z = new D(stringAt(record.answers, 'z'));
    return { expNegZ: text(z.neg().exp()), oneMinusYhat: text(oneMinusSigmoid(z)) };
  },
};
