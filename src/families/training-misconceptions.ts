import type { D } from '../engine/decimal.js';
import { num } from './float-screen.js';
import { matrix, scalar, vector } from './given.js';
import { type PartValue, readPartId, remembered, stepPartId } from './misconception.js';
import { type ScheduledStep, scheduleOf } from './schedule.js';
import type { Given } from './types.js';

/**
 * What the misconceptions of a training run (sigmoid-bce-batch, mse-neuron)
 * share: the step plan of a given, the step a part belongs to with the weights
 * it started from, and a step's gradients and update from a per-sample error term.
 */
export function trainingStepTools() {
  const plans = new WeakMap<Given, ScheduledStep[]>();
  const planOf = (given: Given): ScheduledStep[] => {
    let plan = plans.get(given);
    if (!plan) {
      plan = scheduleOf(given);
      plans.set(given, plan);
    }
    return plan;
  };
  /** The step a part of one of these names belongs to, with the weights it started from; null for other parts. */
  const stepOf = (id: string, given: Given, value: PartValue, names: readonly string[]) => {
    const path = readPartId(id);
    if (path?.step == null || !names.includes(path.name)) return null;
    const t = path.step;
    const samples = planOf(given)[t - 1]?.samples;
    if (!samples) return null;
    const start = remembered(value, `start:${t}`, () => ({
      w: vector(given, 'w').map((wj, j) => (t === 1 ? num(wj) : value(stepPartId(t - 1, 'w_new', j + 1)))),
      b: t === 1 ? num(scalar(given, 'b')) : value(stepPartId(t - 1, 'b_new')),
      yhat: samples.map((_, k) => value(stepPartId(t, 'yhat', k + 1))),
    }));
    return { path, t, samples, ...start };
  };
  // dw, db, w_new, b_new from a per-sample error term, averaged (or summed).
  const fromErrorTerm = (
    id: string,
    given: Given,
    value: PartValue,
    errorOf: (yhat: D, y: D) => D,
    reduce: 'mean' | 'sum' = 'mean',
  ): D | null => {
    const at = stepOf(id, given, value, ['dw', 'db', 'w_new', 'b_new']);
    if (!at) return null;
    const X = matrix(given, 'X');
    const y = vector(given, 'y');
    const errors = at.samples.map((i, k) => errorOf(at.yhat[k]!, num(y[i]!)));
    const divisor = reduce === 'mean' ? at.samples.length : 1;
    const j = (at.path.index[0] ?? 1) - 1;
    const gradient = (column: number | null) =>
      errors
        .reduce((acc, e, k) => acc.plus(column === null ? e : e.times(X[at.samples[k]!]![column]!)), num(0))
        .div(divisor);
    const lr = num(scalar(given, 'lr'));
    switch (at.path.name) {
      case 'dw':
        return gradient(j);
      case 'db':
        return gradient(null);
      case 'w_new':
        return at.w[j]!.minus(lr.times(gradient(j)));
      default:
        return at.b.minus(lr.times(gradient(null)));
    }
  };
  // w_prev ± lr·dw with the factor `scale` in place of −lr.
  const update = (id: string, given: Given, value: PartValue, scale: D): D | null => {
    const at = stepOf(id, given, value, ['w_new', 'b_new']);
    if (at?.path.name === 'w_new') {
      const j = at.path.index[0]!;
      return at.w[j - 1]!.plus(scale.times(value(stepPartId(at.t, 'dw', j))));
    }
    if (at?.path.name === 'b_new') return at.b.plus(scale.times(value(stepPartId(at.t, 'db'))));
    return null;
  };
  const stepSize = (id: string, given: Given) => {
    const step = readPartId(id)?.step;
    return step == null ? matrix(given, 'X').length : (planOf(given)[step - 1]?.samples.length ?? 0);
  };
  return { planOf, stepOf, fromErrorTerm, update, stepSize };
}
