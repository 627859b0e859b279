import { scheduleOf } from '../../families/schedule.js';
import type { VariantRecord } from '../../variant/record.js';
import { D, affine, text } from './decimal-steps.js';
import type { FamilyView } from './family-view.js';

interface StepAnswers {
  yhat: string[];
  loss: string;
  dw: string[];
  db: string;
  w_new: string[];
  b_new: string;
}

interface MseAnswers {
  steps: StepAnswers[];
  w_final: string[];
  b_final: string;
  yhat_final: string[];
  loss_final: string;
}

const plan = (record: VariantRecord) => scheduleOf(record.given);

/**
 * Step after step, as for sigmoid-bce-batch: per sample net, ŷ, f′(net),
 * the error term δ = 2c(ŷ − y)·f′(net), its share of each gradient and the
 * sample's loss c(y − ŷ)²; c = ½ with the ½ convention, else 1.
 */
export const mseNeuronView: FamilyView = {
  work(record: VariantRecord) {
    const X = record.given.X as readonly (readonly string[])[];
    const y = record.given.y as readonly string[];
    const answers = record.answers as unknown as MseAnswers;
    const sigmoid = record.given.activation === 'sigmoid';
    const half = record.given.half === '1';
    const c = new D(half ? '0.5' : '1');
    const row = (i: number, w: readonly string[], b: string, yhat: string) => {
      const p = new D(yhat);
      const diff = p.minus(y[i]!);
      const slope = sigmoid ? p.times(new D(1).minus(p)) : new D(1);
      const delta = diff.times(c.times(2)).times(slope);
      return {
        index: i + 1,
        x: X[i]!,
        y: y[i]!,
        net: text(affine(w, X[i]!, b)),
        yhat,
        diff: text(diff),
        slope: text(slope),
        delta: text(delta),
        grads: X[i]!.map((xij) => text(delta.times(xij))),
        loss: text(diff.times(diff).times(c)),
      };
    };
    let w = [...(record.given.w as readonly string[])];
    let b = String(record.given.b);
    const steps = plan(record).map((planned, t) => {
      const step = answers.steps[t]!;
      const rows = planned.samples.map((i, k) => row(i, w, b, step.yhat[k]!));
      const view = { number: t + 1, epoch: planned.epoch, size: rows.length, samples: rows.map((r) => r.index), wBefore: w, bBefore: b, rows, ...step };
      [w, b] = [step.w_new, step.b_new];
      return view;
    });
    const finalRows = X.map((_, i) => row(i, answers.w_final, answers.b_final, answers.yhat_final[i]!));
    return { steps, finalRows, sampleCount: X.length, featureCount: X[0]?.length ?? 0, sigmoid, half, stepCount: steps.length };
  },
  sampleOf(record: VariantRecord) {
    const steps = plan(record);
    return (step, k) => (steps[step - 1]?.samples[k - 1] ?? k - 1) + 1;
  },
};
