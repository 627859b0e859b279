import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerAt } from '../../src/families/solution.js';
import { displayNumber, plainNumber } from '../../src/render/display-number.js';
import { HAS_POPPLER, pdfPages, pdfWords } from './pdf-tools.js';
import { readVariants, sigmax, tempDir } from './run-sigmax.js';

const squeeze = (text: string) => text.replace(/\s+/g, '');
const shown = (value: string) => squeeze(plainNumber(displayNumber(value, 4)).replace(/\u2212/g, '-'));

// The worked solutions of the week 4–6 banks: the families' own templates, not the generic ones.
describe.skipIf(!HAS_POPPLER)('PDF keys of mse-neuron, mlp-backprop and sigmoid-multilabel-step', () => {
  const outs: Record<string, string> = {};
  beforeAll(() => {
    for (const bank of ['week4-mse', 'week5-backprop', 'week6-multilabel']) {
      outs[bank] = tempDir();
      sigmax(['generate', '--bank', `problem-banks/${bank}.yaml`, '--count', '1', '--format', 'pdf,json', '--out', outs[bank]!]);
    }
  });
  const key = (bank: string) => pdfPages(join(outs[bank]!, 'keys', 's001.pdf')).join('\n');

  it('mse-neuron: the factor 2 kept or cancelled by the ½, f′, and each step’s update', () => {
    const text = key('week4-mse');
    expect(text).toContain('so the 2 stays');
    expect(text).toContain('cancels it');
    expect(text).toContain('Step 2 (epoch 1');
    const [, sgd] = readVariants(outs['week4-mse']!);
    expect(squeeze(text)).toContain(shown(answerAt(sgd!.answers, 'steps[1].w_new[1]')!));
  });

  it('mlp-backprop: da1 as the sum over the paths through every output, then dnet1', () => {
    const text = key('week5-backprop');
    expect(text).toContain('sum over the paths');
    const [first, , third] = readVariants(outs['week5-backprop']!);
    for (const id of ['da1[1]', 'da1[2]', 'dnet1[1]', 'dnet1[2]']) expect(squeeze(text), id).toContain(shown(answerAt(first!.answers, id)!));
    // Three output units under the softmax: three paths reach each hidden unit.
    expect(squeeze(text)).toContain(shown(answerAt(third!.answers, 'dnet2[3]')!));
  });

  it('sigmoid-multilabel-step: the loss per label and dz = ŷ − y', () => {
    const text = key('week6-multilabel');
    expect(text).toContain('Unlike softmax');
    for (const record of readVariants(outs['week6-multilabel']!)) {
      expect(squeeze(text)).toContain(shown(answerAt(record.answers, 'loss')!));
    }
  });

  it('keeps every word and formula of the sheets and keys inside the margins', () => {
    for (const out of Object.values(outs)) {
      for (const file of [join(out, 'keys', 's001.pdf'), join(out, 'problems', 's001.pdf')]) {
        const { words, pageWidth } = pdfWords(file);
        for (const word of words) {
          expect(word.xMin, `${file} p${word.page} "${word.text}"`).toBeGreaterThanOrEqual(55);
          expect(word.xMax, `${file} p${word.page} "${word.text}"`).toBeLessThanOrEqual(pageWidth - 55);
        }
      }
    }
  });
});
