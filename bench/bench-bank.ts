import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The benches' class: a softmax step, a batch run and a sigmoid step, 53 parts
 * in all. Written into `dir` as bank.yaml; its path.
 */
export function writeBenchBank(dir: string, title: string): string {
  const file = join(dir, 'bank.yaml');
  writeFileSync(
    file,
    [
      'id: bench',
      `title: ${title}`,
      'seed: bench-seed',
      'defaults:',
      '  tolerance: { rel: 0.01, abs: 1.0e-6 }',
      'problems:',
      '  - id: q1',
      '    family: softmax-ce-step',
      '    params: { classes: 3, features: 2, lr: 0.5 }',
      '  - id: q2',
      '    family: sigmoid-bce-batch',
      '    params: { samples: 2, features: 2, lr: 0.5, epochs: 1, mode: batch }',
      '  - id: q3',
      '    family: sigmoid-bce-step',
      '    params: { features: 2, lr: 0.5 }',
      '',
    ].join('\n'),
  );
  return file;
}
