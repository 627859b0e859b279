import type { VariantRecord } from '../../variant/record.js';
import { D, text } from './decimal-steps.js';
import type { FamilyView } from './family-view.js';

interface MlpAnswers {
  net1: string[];
  a1: string[];
  dnet2: string[];
  da1: string[];
}

/**
 * The hidden units' g′(net1_j), and for each hidden unit the paths that
 * reach it: one term dnet2_i · W2[i][j] per output unit i, summed into da1_j.
 */
export const mlpBackpropView: FamilyView = {
  work(record: VariantRecord) {
    const answers = record.answers as unknown as MlpAnswers;
    const W2 = record.given.W2 as readonly (readonly string[])[];
    const hidden = String(record.given.hidden);
    const slope = (j: number): D => {
      const a = new D(answers.a1[j]!);
      if (hidden === 'sigmoid') return a.times(new D(1).minus(a));
      if (hidden === 'tanh') return new D(1).minus(a.times(a));
      return new D(answers.net1[j]!).gt(0) ? new D(1) : new D(0);
    };
    const units = answers.a1.map((_, j) => ({
      index: j + 1,
      slope: text(slope(j)),
      paths: W2.map((row, i) => ({ output: i + 1, dnet2: answers.dnet2[i]!, w: row[j]!, term: text(new D(answers.dnet2[i]!).times(row[j]!)) })),
      da1: answers.da1[j]!,
    }));
    const output = String(record.given.output);
    return {
      units,
      outputs: W2.length,
      sigmoidHidden: hidden === 'sigmoid',
      tanhHidden: hidden === 'tanh',
      reluHidden: hidden === 'relu',
      sigmoidBce: output === 'sigmoid-bce',
      softmaxCe: output === 'softmax-ce',
      linearMse: output === 'linear-mse',
    };
  },
};
