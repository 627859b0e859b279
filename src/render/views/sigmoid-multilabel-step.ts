import type { VariantRecord } from '../../variant/record.js';
import { D, bceFromLogit, text } from './decimal-steps.js';
import type { FamilyView } from './family-view.js';

/** One row per label: z_i, ŷ_i, y_i, ŷ_i − y_i and the label's BCE term; k and the divisor of `mean`. */
export const sigmoidMultilabelStepView: FamilyView = {
  work(record: VariantRecord) {
    const answers = record.answers as { z: string[]; yhat: string[] };
    const y = record.given.y as readonly string[];
    const rows = y.map((yi, i) => {
      const z = new D(answers.z[i]!);
      return {
        index: i + 1,
        z: answers.z[i]!,
        yhat: answers.yhat[i]!,
        y: yi,
        error: text(new D(answers.yhat[i]!).minus(yi)),
        loss: text(bceFromLogit(z, yi)),
      };
    });
    const mean = record.given.reduction === 'mean';
    return { rows, labels: y.length, mean };
  },
};
