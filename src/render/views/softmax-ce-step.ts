import type { VariantRecord } from '../../variant/record.js';
import { D, text } from './decimal-steps.js';
import type { FamilyView } from './family-view.js';

/** The exponentials e^{z_i}, their sum, and the true class of the one-hot y. */
export const softmaxCeStepView: FamilyView = {
  work(record: VariantRecord) {
    const z = record.answers as { z: string[]; yhat: string[] };
    const exps = (z.z ?? []).map((zi) => new D(zi).exp());
    const sum = exps.reduce((acc, e) => acc.plus(e), new D(0));
    const y = record.given.y as readonly string[];
    const trueIndex = y.indexOf('1');
    return {
      exps: exps.map(text),
      expSum: text(sum),
      trueClass: trueIndex + 1,
      yhatTrue: z.yhat[trueIndex] ?? '0',
    };
  },
};
