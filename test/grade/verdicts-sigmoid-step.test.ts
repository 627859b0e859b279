import { describe, expect, it } from 'vitest';
import { D, answerText } from '../../src/engine/decimal.js';
import { answerRows, grade, keyAnswers, longCsv, markdownBody, variant } from './fixtures.js';

// z = 0.8·1.5 + 0.4·(−0.5) − 0.2 = 0.8, y = 0: ŷ ≈ 0.68997, dz = ŷ, dw = dz·x.
const given = { x: ['1.5', '-0.5'], w: ['0.8', '0.4'], b: '-0.2', y: '0', lr: '0.5' };
const { record, solution } = variant({ family: 'sigmoid-bce-step', given });
const key = (id: string) => solution.value(id);
const sigma = (z: D) => new D(1).div(z.neg().exp().plus(1));
const text = (x: D) => answerText(x);

/** The key for every part, with some parts replaced by the student's own. */
async function submit(changes: Record<string, string | null>) {
  const answers: Record<string, string> = keyAnswers(solution);
  for (const [part, answer] of Object.entries(changes)) {
    if (answer === null) delete answers[part];
    else answers[part] = answer;
  }
  return grade([record], longCsv(answerRows(answers)));
}

describe('sigmoid-bce-step verdicts', () => {
  it('marks the key itself correct, with full points', async () => {
    const graded = await submit({});
    expect(graded.details.every((d) => d.verdict === 'correct')).toBe(true);
    expect(graded.grades[0]).toMatchObject({ student: 's1', q1: '10', total: '10', max: '10' });
  });

  it('marks answers 0.9× the allowed error off correct and 1.1× off incorrect', async () => {
    const allowed = key('yhat').times('0.01');
    const inside = await submit({ yhat: text(key('yhat').plus(allowed.times('0.9'))) });
    expect(inside.part('yhat').verdict).toBe('correct');
    const outside = await submit({ yhat: text(key('yhat').plus(allowed.times('1.1'))) });
    expect(outside.part('yhat').verdict).toBe('incorrect');
  });

  it("gives ecf to ŷ, dz, dw and the update computed from the student's wrong z", async () => {
    const z = new D('0.9');
    const yhat = sigma(z);
    const dw1 = yhat.times('1.5');
    const graded = await submit({
      z: '0.9',
      yhat: text(yhat),
      dz: text(yhat),
      'dw[1]': text(dw1),
      'w_new[1]': text(new D('0.8').minus(dw1.times('0.5'))),
    });
    expect(graded.part('z').verdict).toBe('incorrect');
    for (const part of ['yhat', 'dz', 'dw[1]', 'w_new[1]']) expect(graded.part(part).verdict).toBe('ecf');
    expect(graded.part('yhat').feedback).toContain('marked with your earlier answer for z (0.9)');
    expect(graded.part('yhat').score).toBe(graded.part('yhat').max);
  });

  it('gives part credit for ecf when the bank asks for a fraction', async () => {
    const graded = await grade(
      [record],
      longCsv(answerRows({ ...keyAnswers(solution), z: '0.9', yhat: text(sigma(new D('0.9'))) })),
      { ecfCredit: new D('0.5') },
    );
    expect(graded.part('yhat').verdict).toBe('ecf');
    expect(new D(graded.part('yhat').score).times(2).eq(graded.part('yhat').max)).toBe(true);
  });

  it('counts a parent left blank as the key, so no ecf comes from it', async () => {
    const graded = await submit({ dz: null, 'dw[1]': '0.123' });
    expect(graded.part('dz').verdict).toBe('missing');
    expect(graded.part('dw[1]').verdict).toBe('incorrect');
    const right = await submit({ z: null, yhat: text(key('yhat')) });
    expect(right.part('yhat').verdict).toBe('correct');
  });

  it('gives no ecf when a zero error term makes the gradient and the update trivial', async () => {
    const graded = await submit({ dz: '0', 'dw[1]': '0', 'dw[2]': '0', 'w_new[1]': '0.8', 'w_new[2]': '0.4' });
    expect(graded.part('dz').verdict).toBe('incorrect');
    for (const part of ['dw[1]', 'dw[2]', 'w_new[1]', 'w_new[2]']) {
      expect(graded.part(part).verdict).toBe('incorrect');
      expect(graded.part(part).feedback).toContain('trivial');
      expect(graded.part(part).score).toBe('0');
    }
  });

  it.each([
    ['update-sign', 'w_new[1]', () => new D('0.8').plus(key('dw[1]').times('0.5'))],
    ['update-sign', 'b_new', () => new D('-0.2').plus(key('db').times('0.5'))],
    ['error-sign', 'dz', () => new D(0).minus(key('yhat'))],
    ['extra-sigmoid-derivative', 'dz', () => key('yhat').times(key('yhat')).times(new D(1).minus(key('yhat')))],
    ['log10-loss', 'loss', () => new D(1).minus(key('yhat')).log(10).neg()],
    ['forgot-learning-rate', 'w_new[2]', () => new D('0.4').minus(key('dw[2]'))],
  ])('names %s when %s is computed that way', async (id, part, wrong) => {
    const graded = await submit({ [part]: wrong().toSignificantDigits(6).toString() });
    expect(graded.part(part).verdict).toBe('misconception');
    expect(graded.part(part).feedback).toContain(id);
    expect(graded.part(part).score).toBe('0');
  });

  it('names the misconception from the student’s own earlier values too', async () => {
    // ŷ wrong (0.7): error-sign from their own ŷ gives dz = 0 − 0.7.
    const graded = await submit({ yhat: '0.7', dz: '-0.7' });
    expect(graded.part('dz').verdict).toBe('misconception');
    expect(graded.part('dz').feedback).toContain('error-sign');
  });

  it('marks other numbers incorrect, text invalid (kept as typed) and blanks missing', async () => {
    const graded = await submit({ z: '5', yhat: 'about a half', loss: '' });
    expect(graded.part('z')).toMatchObject({ verdict: 'incorrect', score: '0' });
    expect(graded.part('yhat')).toMatchObject({ verdict: 'invalid', submitted: 'about a half', score: '0' });
    expect(graded.part('loss')).toMatchObject({ verdict: 'missing', submitted: '' });
  });

  it('writes feedback a student can read: answer, key, verdict and the lesson', async () => {
    const graded = await submit({ 'w_new[1]': text(new D('0.8').plus(key('dw[1]').times('0.5'))) });
    const feedback = graded.read('feedback/s1.md');
    expect(feedback).toContain('# Feedback for s1');
    expect(feedback).toMatch(/\| w\\_new\\\[1\\\] \| `1\.31\d*` \| 0\.2825 \| ✗ misconception \|/);
    expect(feedback).toContain('update-sign: The update moved the weights uphill');
  });

  it('names the student once in the feedback title: "Ana Pop (s1)", but never "s1 (s1)"', async () => {
    const answers = longCsv(answerRows(keyAnswers(solution)));
    const named = await grade([{ ...record, name: 'Ana Pop' }], answers);
    expect(markdownBody(named.read('feedback/s1.md')).startsWith('# Feedback for Ana Pop (s1)\n')).toBe(true);
    const idAsName = await grade([{ ...record, name: 's1' }], answers);
    expect(markdownBody(idAsName.read('feedback/s1.md')).startsWith('# Feedback for s1\n')).toBe(true);
  });
});
