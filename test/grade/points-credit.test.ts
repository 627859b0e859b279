import { describe, expect, it } from 'vitest';
import { D, answerText } from '../../src/engine/decimal.js';
import { answerRows, grade, keyAnswers, longCsv, variant } from './fixtures.js';

// The sigmoid-bce-step case of the verdict tests: y = 0, so dz = ŷ and dw = dz·x.
const given = { x: ['1.5', '-0.5'], w: ['0.8', '0.4'], b: '-0.2', y: '0', lr: '0.5' };
const { record, solution } = variant({ family: 'sigmoid-bce-step', given, points: 8 });
const key = (id: string) => solution.value(id);

/** The record as generate writes it for a bank that sets part points and credit. */
const withBankSettings = {
  ...record,
  part_points: { loss: 1.5, dw: 3, b_new: 0.5 },
  credit: { ecf: 0.5, misconception: 0.25 },
};


describe('part points and credit', () => {
  it('scores each part by its own points: named parts, answers shared among entries, the rest equally', async () => {
    const graded = await grade([withBankSettings], longCsv(answerRows(keyAnswers(solution))));
    const max = Object.fromEntries(graded.details.map((d) => [d.part, d.max]));
    // 8 − 1.5 − 3 − 0.5 = 3 points left for the 6 parts no key names
    expect(max).toEqual({ z: '0.5', yhat: '0.5', loss: '1.5', dz: '0.5', 'dw[1]': '1.5', 'dw[2]': '1.5', db: '0.5', 'w_new[1]': '0.5', 'w_new[2]': '0.5', b_new: '0.5' });
    expect(graded.grades[0]).toMatchObject({ q1: '8', total: '8', max: '8' });
    expect(graded.read('feedback/s1.md')).toMatch(/\| loss \| .* \| 1\.5 \/ 1\.5 \|\n/);
    expect(graded.read('feedback/s1.md')).toMatch(/\| z \| .* \| 0\.5 \/ 0\.5 \|\n/);
  });

  it("gives ecf and misconception answers the bank's credit, and the command line's over it", async () => {
    const w1 = new D(given.w[0]!);
    const wrongUpdate = w1.plus(new D(given.lr).times(key('dw[1]'))); // update-sign
    const submitted = { ...keyAnswers(solution), z: '0.9', yhat: answerText(new D(1).div(new D('-0.9').exp().plus(1))), 'w_new[1]': answerText(wrongUpdate) };
    const graded = await grade([withBankSettings], longCsv(answerRows(submitted)));
    expect(graded.part('z').verdict).toBe('incorrect');
    expect(graded.part('yhat')).toMatchObject({ verdict: 'ecf', score: '0.25', max: '0.5' });
    expect(graded.part('w_new[1]')).toMatchObject({ verdict: 'misconception', score: '0.125', max: '0.5' });
    // 8 − z (0.5) − half of ŷ (0.25) − three quarters of w_new[1] (0.375)
    expect(graded.grades[0]).toMatchObject({ q1: '6.875', total: '6.875' });

    const overridden = await grade([withBankSettings], longCsv(answerRows(submitted)), { ecfCredit: new D(1) });
    expect(overridden.part('yhat')).toMatchObject({ verdict: 'ecf', score: '0.5' });
    // the misconception credit the command line did not set stays the bank's
    expect(overridden.part('w_new[1]')).toMatchObject({ verdict: 'misconception', score: '0.125' });

    // Two threads read the same settings from the records as one does.
    const students = ['s1', 's2', 's3', 's4'].map((student) => ({ ...withBankSettings, student }));
    const rows = students.flatMap((r) => answerRows(submitted, r.student));
    const [one, two] = [await grade(students, longCsv(rows)), await grade(students, longCsv(rows), { workers: 2 })];
    expect(two.read('details.csv')).toBe(one.read('details.csv'));
    expect(two.read('grades.csv')).toBe(one.read('grades.csv'));
    expect(one.grades.map((g) => g.total)).toEqual(['6.875', '6.875', '6.875', '6.875']);

    const plain = await grade([record], longCsv(answerRows(submitted)));
    expect(plain.part('yhat')).toMatchObject({ verdict: 'ecf', score: '0.8', max: '0.8' });
    expect(plain.part('w_new[1]')).toMatchObject({ verdict: 'misconception', score: '0', max: '0.8' });
  });

  it('prints part points in the feedback with at most 2 decimals, and keeps 4 in details.csv and grades.csv', async () => {
    // 6 points over the 14 parts of a 4-feature neuron: 0.428571… each.
    const four = { x: ['1', '-1', '0.5', '2'], w: ['0.1', '0.2', '-0.3', '0.4'], b: '0.1', y: '1', lr: '0.1' };
    const { record: wide, solution: wideKey } = variant({ family: 'sigmoid-bce-step', given: four, points: 6 });
    const z = wideKey.value('z').plus(1);
    const answers = { ...keyAnswers(wideKey), z: answerText(z), yhat: answerText(new D(1).div(z.neg().exp().plus(1))) };
    const graded = await grade([{ ...wide, credit: { ecf: 0.5, misconception: 0 } }], longCsv(answerRows(answers)));
    expect(graded.part('yhat')).toMatchObject({ verdict: 'ecf', score: '0.2143', max: '0.4286' });
    expect(graded.part('dz')).toMatchObject({ verdict: 'correct', score: '0.4286', max: '0.4286' });
    expect(graded.grades[0]).toMatchObject({ q1: '5.3571', total: '5.3571', max: '6' });
    const feedback = graded.read('feedback/s1.md');
    expect(feedback).toMatch(/\| yhat \| .* \| 0\.21 \/ 0\.43 \|\n/);
    expect(feedback).toMatch(/\| dz \| .* \| 0\.43 \/ 0\.43 \|\n/);
    expect(feedback).toMatch(/\| z \| .* \| 0 \/ 0\.43 \|\n/);
    expect(feedback).toContain('Total: **5.36 / 6**');
    expect(feedback).toContain('## q1: 5.36 / 6');
    const pointCells = feedback.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| part'));
    expect(pointCells).toHaveLength(14);
    for (const line of pointCells) expect(line).toMatch(/ \d+(\.\d{1,2})? \/ \d+(\.\d{1,2})? \|$/);
  });

  it('refuses a variants file whose part points do not fit its parts, naming the line', async () => {
    const broken = { ...record, part_points: { dW: 1 } };
    await expect(grade([broken], longCsv([]))).rejects.toThrow(/variants\.jsonl:1: part_points\.dW: names no part of this problem/);
    const badCredit = { ...record, credit: { ecf: 1.5, misconception: 0 } };
    await expect(grade([badCredit], longCsv([]))).rejects.toThrow(/variants\.jsonl:1: credit: expected \{ecf, misconception\}/);
  });
});
