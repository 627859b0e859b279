import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBank } from '../../src/bank/bank.js';
import { D } from '../../src/engine/decimal.js';
import { partAnswers } from '../../src/export/part-answers.js';
import { answerAt } from '../../src/families/solution.js';
import { drawVariant } from '../../src/variant/draw-variant.js';
import { tempDir } from '../cli/run-cli.js';

// lr = 1 makes forgot-learning-rate (w − dw) the key itself for w_new.
const BANK = `id: parts
seed: s
problems:
  - id: q1
    family: sigmoid-bce-step
    params: { features: 2, lr: 1 }
    given: { x: [0.5, -1.5], w: [0.2, 0.4], b: -0.1, y: 1 }
    points: 7
    part_points: { loss: 3 }
    tolerance: { sigfigs: 3, parts: { loss: { rel: 0.05, abs: 0 } } }
`;

function variant() {
  const dir = tempDir('sigmax-parts-');
  writeFileSync(join(dir, 'bank.yaml'), BANK);
  const bank = loadBank(join(dir, 'bank.yaml'));
  const { record } = drawVariant(bank, bank.problems[0]!, { id: 's1', name: '' });
  return { record, parts: new Map(partAnswers(record).map((part) => [part.id, part])) };
}

describe('what an LMS gets of each part', () => {
  const { record, parts } = variant();
  const key = (id: string) => new D(answerAt(record.answers, id)!);

  it('lists the parts in the answer sheet’s order with their points', () => {
    expect([...parts.keys()]).toEqual(['z', 'yhat', 'loss', 'dz', 'dw[1]', 'dw[2]', 'db', 'w_new[1]', 'w_new[2]', 'b_new']);
    expect(parts.get('loss')!.points.toString()).toBe('3');
    // The other 4 of the 7 points shared by the 9 other parts.
    expect(parts.get('z')!.points.eq(new D(4).div(9))).toBe(true);
  });

  it('turns sig figs into half a unit in the last place of the key, and a part’s own rel into rel·|key|', () => {
    // z = 0.2·0.5 + 0.4·(−1.5) − 0.1 = −0.6: three figures (−0.600) end at 0.001.
    expect(key('z').toString()).toBe('-0.6');
    expect(parts.get('z')!.key).toMatchObject({ value: '-0.6', margin: '0.0005', lower: '-0.6005', upper: '-0.5995' });
    const loss = parts.get('loss')!.key;
    const exact = key('loss').times('0.05');
    expect(new D(loss.margin).lte(exact)).toBe(true);
    expect(new D(loss.margin).gt(exact.times('0.998'))).toBe(true);
  });

  it('gives update-sign and error-sign one wrong answer where they agree, outside the key’s interval', () => {
    const wNew = parts.get('w_new[1]')!;
    const uphill = wNew.wrong.find((w) => w.misconceptions.includes('update-sign'))!;
    expect(uphill.misconceptions).toEqual(['update-sign', 'error-sign']);
    const expected = key('w_new[1]').plus(key('dw[1]').times(2));
    expect(new D(uphill.answer.value).minus(expected).abs().lte(new D(uphill.answer.margin).div(100))).toBe(true);
  });

  it('leaves out a wrong method whose answer is the key itself (lr = 1: w − dw is w − η·dw)', () => {
    for (const part of parts.values()) {
      expect(part.wrong.flatMap((w) => w.misconceptions)).not.toContain('forgot-learning-rate');
      for (const wrong of part.wrong) {
        expect(new D(wrong.answer.value).minus(part.key.value).abs().gt(part.key.margin), part.id).toBe(true);
      }
    }
  });
});
