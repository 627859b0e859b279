import { scheduleOf } from '../../families/schedule.js';
import type { VariantRecord } from '../../variant/record.js';
import { D, affine, bceFromLogit, text } from './decimal-steps.js';
import type { FamilyView } from './family-view.js';

interface StepAnswers {
  yhat: string[];
  loss: string;
  dw: string[];
  db: string;
  w_new: string[];
  b_new: string;
}

interface BatchAnswers {
  steps: StepAnswers[];
  w_final: string[];
  b_final: string;
  yhat_final: string[];
  loss_final: string;
}

const plan = (record: VariantRecord) => scheduleOf(record.given);

/** One sample's row of a step table: z, ŷ, the error ŷ − y, its share of each gradient, its loss. */
function sampleRow(X: readonly (readonly string[])[], y: readonly string[], i: number, w: readonly string[], b: string, yhat: string) {
  const z = affine(w, X[i]!, b);
  const error = new D(yhat).minus(y[i]!);
  return {
    index: i + 1,
    x: X[i]!,
    y: y[i]!,
    z: text(z),
    yhat,
    error: text(error),
    grads: X[i]!.map((xij) => text(error.times(xij))),
    loss: text(bceFromLogit(z, y[i]!)),
  };
}

/**
 * Step after step: the weights the step starts from, a row per sample of
 * the step, the means that make the gradients, and the update.
 */
export const sigmoidBceBatchView: FamilyView = {
  work(record: VariantRecord) {
    const X = record.given.X as readonly (readonly string[])[];
    const y = record.given.y as readonly string[];
    const answers = record.answers as unknown as BatchAnswers;
    let w = [...(record.given.w as readonly string[])];
    let b = String(record.given.b);
    const steps = plan(record).map((planned, t) => {
      const step = answers.steps[t]!;
      const rows = planned.samples.map((i, k) => sampleRow(X, y, i, w, b, step.yhat[k]!));
      const view = {
        number: t + 1,
        epoch: planned.epoch,
        size: rows.length,
        samples: rows.map((r) => r.index),
        wBefore: w,
        bBefore: b,
        rows,
        ...step,
      };
      [w, b] = [step.w_new, step.b_new];
      return view;
    });
    const finalRows = X.map((_, i) => sampleRow(X, y, i, answers.w_final, answers.b_final, answers.yhat_final[i]!));
    return { steps, finalRows, sampleCount: X.length, featureCount: X[0]?.length ?? 0 };
  },
  sampleOf(record: VariantRecord) {
    const steps = plan(record);
    return (step, k) => (steps[step - 1]?.samples[k - 1] ?? k - 1) + 1;
  },
};
