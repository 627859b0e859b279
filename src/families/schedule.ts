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

export function stepCount(samples: number, mode: Mode, batchSize: number, epochs: number): number {
  const size = mode === 'batch' ? samples : mode === 'sgd' ? 1 : batchSize;
  return epochs * Math.ceil(samples / size);
}

export function isMode(text: string): text is Mode {
  return (MODES as readonly string[]).includes(text);
}
