import type { Node } from '../engine/graph.js';
import { copy, mean, step } from '../engine/ops.js';
import { gradients } from '../engine/backward.js';
import type { ScheduledStep } from './schedule.js';

/** One sample through one neuron: its net input and its output. */
export interface Prediction {
  net: Node;
  yhat: Node;
}

export interface NeuronTraining {
  X: readonly (readonly Node[])[];
  y: readonly Node[];
  w: Node[];
  b: Node;
  lr: Node;
  plan: readonly ScheduledStep[];
  predict(w: readonly Node[], b: Node, sample: readonly Node[]): Prediction;
  /** The loss of one sample; a step's loss is their mean. */
  sampleLoss(prediction: Prediction, y: Node): Node;
}

/**
 * Gradient descent of one neuron over the scheduled steps (batch, sgd or
 * mini-batch): each step predicts its samples with the weights it starts
 * from, averages their losses, differentiates and updates.
 */
export function trainNeuron(t: NeuronTraining) {
  let { w, b } = t;
  const steps = t.plan.map(({ samples }) => {
    const predictions = samples.map((i) => t.predict(w, b, t.X[i]!));
    const loss = mean(predictions.map((p, k) => t.sampleLoss(p, t.y[samples[k]!]!)));
    const [db, ...dw] = gradients(loss, [b, ...w]);
    const w_new = w.map((wj, j) => step(wj, t.lr, dw[j]!));
    const b_new = step(b, t.lr, db!);
    [w, b] = [w_new, b_new];
    return { predictions, loss, dw, db: db!, w_new, b_new };
  });
  const w_final = w.map(copy);
  const b_final = copy(b);
  const final = t.X.map((sample) => t.predict(w_final, b_final, sample));
  const loss_final = mean(final.map((p, i) => t.sampleLoss(p, t.y[i]!)));
  return { steps, w_final, b_final, final, loss_final };
}

/** A training run as the contract's answers; `withNet` adds each step's net inputs (mse-neuron). */
export function trainingAnswers(run: ReturnType<typeof trainNeuron>, withNet: boolean) {
  return {
    steps: run.steps.map((s) => ({
      ...(withNet ? { net: s.predictions.map((p) => p.net) } : {}),
      yhat: s.predictions.map((p) => p.yhat),
      loss: s.loss,
      dw: s.dw,
      db: s.db,
      w_new: s.w_new,
      b_new: s.b_new,
    })),
    w_final: run.w_final,
    b_final: run.b_final,
    yhat_final: run.final.map((p) => p.yhat),
    loss_final: run.loss_final,
  };
}
