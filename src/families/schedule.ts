import type { Given } from './types.js';

/** How a training run over m samples splits into gradient steps. */
export type Mode = 'batch' | 'sgd' | 'minibatch';
export const MODES: readonly Mode[] = ['batch', 'sgd', 'minibatch'];

export interface ScheduledStep {
  epoch: number;
  /** 0-based sample indices this step averages over, in the given order. */
  samples: number[];
}

/**
 * batch: one step per epoch over all samples; sgd: one per sample;
 * minibatch: consecutive groups of batchSize (the last may be smaller).
 */
export function schedule(samples: number, mode: Mode, batchSize: number, epochs: number): ScheduledStep[] {
  const size = mode === 'batch' ? samples : mode === 'sgd' ? 1 : batchSize;
  const steps: ScheduledStep[] = [];
  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (let start = 0; start < samples; start += size) {
      const end = Math.min(samples, start + size);
      steps.push({ epoch, samples: Array.from({ length: end - start }, (_, i) => start + i) });
    }
  }
  return steps;
}

/** The steps of a training run's given values (X, mode, batch_size, epochs). */
export function scheduleOf(given: Given): ScheduledStep[] {
  const mode = String(given.mode);
  if (!isMode(mode)) throw new Error(`given.mode: unknown mode "${mode}"`);
  const samples = (given.X as readonly unknown[]).length;
  return schedule(samples, mode, Number(given.batch_size), Number(given.epochs));
}

export function stepCount(samples: number, mode: Mode, batchSize: number, epochs: number): number {
  const size = mode === 'batch' ? samples : mode === 'sgd' ? 1 : batchSize;
  return epochs * Math.ceil(samples / size);
}

export function isMode(text: string): text is Mode {
  return (MODES as readonly string[]).includes(text);
}

/** Most gradient steps a sheet asks for by hand. */
export const MAX_STEPS = 24;

/** The params of a training run, shared by the families that train over samples. */
export const trainingParams = {
  epochs: { kind: 'int', default: 1, min: 1, max: 10, doc: 'passes over the samples' },
  mode: { kind: 'choice', default: 'batch', choices: MODES, doc: 'batch | sgd | minibatch' },
  batch_size: { kind: 'int', default: 2, min: 1, max: 12, doc: 'samples per mini-batch' },
} as const;

/** The givens a training run copies from its params. */
export const trainingGivens = {
  epochs: { dims: [], fromParam: true, integer: true },
  mode: { dims: [], fromParam: true, values: MODES },
  batch_size: { dims: [], fromParam: true, integer: true },
} as const;

/** A bank may not ask for more than MAX_STEPS steps by hand. */
export function checkStepCount(params: Readonly<Record<string, unknown>>): { field: string; message: string } | null {
  const steps = stepCount(
    params.samples as number,
    params.mode as Mode,
    params.batch_size as number,
    params.epochs as number,
  );
  return steps > MAX_STEPS ? { field: 'epochs', message: `expected at most ${MAX_STEPS} steps in all, got ${steps}` } : null;
}
