import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBank } from '../../src/bank/bank.js';
import { InputError } from '../../src/bank/errors.js';
import { pointsPerPart } from '../../src/bank/part-points.js';
import { D } from '../../src/engine/decimal.js';
import { drawVariant } from '../../src/variant/draw-variant.js';
import { tempDir } from '../cli/run-cli.js';

const STEP_PARTS = ['z', 'yhat', 'loss', 'dz', 'dw[1]', 'dw[2]', 'db', 'w_new[1]', 'w_new[2]', 'b_new'];
const texts = (shares: { toString(): string }[]) => shares.map(String);

describe('pointsPerPart', () => {
  it('shares the points equally without a map', () => {
    expect(texts(pointsPerPart(10, STEP_PARTS))).toEqual(Array(10).fill('1'));
  });

  it('gives a named part its points and shares the rest among the others', () => {
    const shares = texts(pointsPerPart(10, STEP_PARTS, { loss: 3 }));
    expect(shares[2]).toBe('3');
    expect(shares.filter((_, i) => i !== 2)).toEqual(Array(9).fill(new D(7).div(9).toString()));
  });

  it("shares an answer's points among its entries, the most specific key first", () => {
    const shares = texts(pointsPerPart(10, STEP_PARTS, { dw: 2, 'dw[2]': 1.5, w_new: 4 }));
    expect(shares.slice(4, 6)).toEqual(['2', '1.5']); // dw covers only dw[1]: dw[2] has its own key
    expect(shares.slice(7, 9)).toEqual(['2', '2']);
    // 10 − 7.5 left for the 6 unnamed parts
    expect(shares[0]).toBe(new D('2.5').div(6).toString());
    expect(pointsPerPart(10, STEP_PARTS, { dw: 2, 'dw[2]': 1.5, w_new: 4 }).reduce((a, b) => a.plus(b)).toDecimalPlaces(40).toString()).toBe('10');
  });

  it('covers a whole step of a run by its path', () => {
    const ids = ['steps[1].loss', 'steps[1].dw[1]', 'steps[2].loss', 'steps[2].dw[1]', 'w_final[1]'];
    expect(texts(pointsPerPart(6, ids, { 'steps[1]': 4, 'steps[2].loss': 1 }))).toEqual(['2', '2', '1', '0.5', '0.5']);
  });

  it('refuses a key that names no part, points over the total, and a full map that misses the total', () => {
    expect(() => pointsPerPart(10, STEP_PARTS, { dW: 1 })).toThrow('names no part of this problem; expected a part id or an answer of: z, yhat, loss, dz, dw, db, w_new, b_new');
    expect(() => pointsPerPart(10, STEP_PARTS, { 'w_new[3]': 1 })).toThrow('names no part');
    expect(() => pointsPerPart(10, STEP_PARTS, { w: 1 })).toThrow('names no part'); // a prefix of w_new is not w_new
    expect(() => pointsPerPart(4, STEP_PARTS, { loss: 3, dw: 2 })).toThrow("add up to 5, more than the problem's 4 points");
    const all = Object.fromEntries(STEP_PARTS.map((id) => [id, 1]));
    expect(() => pointsPerPart(12, STEP_PARTS, all)).toThrow("add up to 10, not the problem's 12: set points: 10");
    expect(texts(pointsPerPart(10, STEP_PARTS, all))).toEqual(Array(10).fill('1'));
  });
});

function bank(problemLines: string, defaults = '') {
  const file = join(tempDir(), 'bank.yaml');
  writeFileSync(
    file,
    ['id: s', 'seed: x', ...(defaults ? ['defaults:', defaults] : []), 'problems:', '  - id: q1', '    family: sigmoid-bce-step', '    params: { features: 2, lr: 0.1 }', problemLines].join('\n') + '\n',
  );
  return file;
}

const messageOf = (load: () => unknown) => {
  try {
    load();
  } catch (error) {
    if (error instanceof InputError) return error.message;
    throw error;
  }
  throw new Error('expected an InputError');
};

describe('part points and credit in a bank', () => {
  it('reads them, the problem over the defaults', () => {
    const file = bank('    points: 8\n    part_points: { loss: 2, dw: 2 }\n    credit: { ecf: 0.5 }', '  credit: { misconception: 0.25 }');
    const [problem] = loadBank(file).problems;
    expect(problem!.partPoints).toEqual({ loss: 2, dw: 2 });
    expect(problem!.credit).toEqual({ ecf: 0.5, misconception: 0.25 });
  });

  it('leaves both unset when the bank says nothing (variants keep their old form)', () => {
    const [problem] = loadBank(bank('    points: 8')).problems;
    expect(problem!.partPoints).toBeUndefined();
    expect(problem!.credit).toBeUndefined();
    const { record } = drawVariant(loadBank(bank('    points: 8')), problem!, { id: 's1', name: '' });
    expect(Object.keys(record)).not.toContain('part_points');
    expect(Object.keys(record)).not.toContain('credit');
  });

  it('names the file, line and field of bad values', () => {
    const file = bank('    points: 4\n    part_points: { loss: -1, dw: 5 }\n    credit: { ecf: 2, misc: 0 }');
    const message = messageOf(() => loadBank(file));
    expect(message).toContain(`${file}:8: problems[0].part_points.loss: expected points ≥ 0, got "-1"`);
    expect(message).toContain(`${file}:8: problems[0].part_points: the part points add up to 5, more than the problem's 4 points`);
    expect(message).toContain(`${file}:9: problems[0].credit.ecf: expected a share from 0 to 1, got "2"`);
    expect(message).toContain(`${file}:9: problems[0].credit.misc: unknown field`);
  });

  it('names a part_points key that is not a part of the problem when the variant is drawn', () => {
    const file = bank('    points: 8\n    part_points: { dW: 2 }');
    const loaded = loadBank(file);
    const message = messageOf(() => drawVariant(loaded, loaded.problems[0]!, { id: 's1', name: '' }));
    expect(message).toContain(`${file}:4: q1.part_points.dW: names no part of this problem`);
  });

  it('writes them into the variant record', () => {
    const loaded = loadBank(bank('    points: 8\n    part_points: { loss: 2 }\n    credit: { ecf: 0.5, misconception: 0.25 }'));
    const { record } = drawVariant(loaded, loaded.problems[0]!, { id: 's1', name: '' });
    expect(record.part_points).toEqual({ loss: 2 });
    expect(record.credit).toEqual({ ecf: 0.5, misconception: 0.25 });
  });
});
