import { describe, expect, it } from 'vitest';
import { D, answerText } from '../../src/engine/decimal.js';
import { answerRows, grade, keyAnswers, longCsv, variant } from './fixtures.js';

// Batch gradient descent, 3 samples, 2 epochs: two steps over all samples.
const X = [['0.5', '1'], ['-1', '0.5'], ['1.5', '-0.5']];
const y = ['1', '0', '1'];
const given = { X, y, w: ['0.2', '-0.4'], b: '0.1', lr: '0.5', epochs: '2', mode: 'batch', batch_size: '3' };
const { record, solution } = variant({ family: 'sigmoid-bce-batch', given });
const key = (id: string) => solution.value(id);
const sigma = (z: D) => new D(1).div(z.neg().exp().plus(1));
const yhat1 = (i: number) => key(`steps[1].yhat[${i + 1}]`);
const sumOver = (term: (i: number) => D) => [0, 1, 2].reduce((acc, i) => acc.plus(term(i)), new D(0));
const short = (x: D) => x.toSignificantDigits(6).toString();

async function submit(changes: Record<string, string | null>) {
  const answers: Record<string, string> = keyAnswers(solution);
  for (const [part, answer] of Object.entries(changes)) {
    if (answer === null) delete answers[part];
    else answers[part] = answer;
  }
  return grade([record], longCsv(answerRows(answers)));
}

/** The sequential (per-sample) update a student does when they run SGD inside a batch step. */
function sequentialStep(): { w: D[]; b: D } {
  let w = given.w.map((wj) => new D(wj));
  let b = new D(given.b);
  for (let i = 0; i < 3; i++) {
    const e = sigma(w[0]!.times(X[i]![0]!).plus(w[1]!.times(X[i]![1]!)).plus(b)).minus(y[i]!);
    w = w.map((wj, j) => wj.minus(new D('0.5').times(e).times(X[i]![j]!)));
    b = b.minus(new D('0.5').times(e));
  }
  return { w, b };
}

describe('sigmoid-bce-batch verdicts', () => {
  it('marks the key correct, every step and the finals', async () => {
    const graded = await submit({});
    expect(graded.details).toHaveLength(solution.partIds.length);
    expect(graded.details.every((d) => d.verdict === 'correct')).toBe(true);
  });

  it("gives ecf to the second step's ŷ computed from the student's wrong first-step weights", async () => {
    const w1 = new D('0.5');
    const z = w1.times('0.5').plus(key('steps[1].w_new[2]').times('1')).plus(key('steps[1].b_new'));
    const graded = await submit({ 'steps[1].w_new[1]': '0.5', 'steps[2].yhat[1]': answerText(sigma(z)) });
    expect(graded.part('steps[1].w_new[1]').verdict).toBe('incorrect');
    expect(graded.part('steps[2].yhat[1]').verdict).toBe('ecf');
    expect(graded.part('steps[2].yhat[1]').feedback).toContain('steps[1].w_new[1] (0.5)');
  });

  it('gives ecf to w_final copied from a wrong last step', async () => {
    const graded = await submit({ 'steps[2].w_new[2]': '-0.123', 'w_final[2]': '-0.123' });
    expect(graded.part('w_final[2]').verdict).toBe('ecf');
  });

  it.each([
    ['sum-not-mean', 'steps[1].dw[1]', () => sumOver((i) => yhat1(i).minus(y[i]!).times(X[i]![0]!))],
    ['sum-not-mean', 'steps[1].loss', () => sumOver((i) => (y[i] === '1' ? yhat1(i) : new D(1).minus(yhat1(i))).ln().neg())],
    ['sgd-instead-of-batch', 'steps[1].w_new[1]', () => sequentialStep().w[0]!],
    ['sgd-instead-of-batch', 'steps[1].b_new', () => sequentialStep().b],
    ['update-sign', 'steps[2].b_new', () => key('steps[1].b_new').plus(key('steps[2].db').times('0.5'))],
    ['error-sign', 'steps[1].db', () => sumOver((i) => new D(y[i]!).minus(yhat1(i))).div(3)],
    [
      'extra-sigmoid-derivative',
      'steps[1].dw[2]',
      () => sumOver((i) => yhat1(i).minus(y[i]!).times(yhat1(i)).times(new D(1).minus(yhat1(i))).times(X[i]![1]!)).div(3),
    ],
    [
      'log10-loss',
      'loss_final',
      () => sumOver((i) => (y[i] === '1' ? key(`yhat_final[${i + 1}]`) : new D(1).minus(key(`yhat_final[${i + 1}]`))).log(10).neg()).div(3),
    ],
    ['forgot-learning-rate', 'steps[1].w_new[2]', () => new D('-0.4').minus(key('steps[1].dw[2]'))],
  ])('names %s when %s is computed that way', async (id, part, wrong) => {
    const graded = await submit({ [part]: short(wrong()) });
    expect(graded.part(part).verdict).toBe('misconception');
    expect(graded.part(part).feedback).toContain(`${id}:`);
  });

  it('marks other numbers incorrect, text invalid and blanks missing', async () => {
    const graded = await submit({ 'steps[1].loss': '12', 'steps[1].db': '0.1.2', 'b_final': null });
    expect(graded.part('steps[1].loss').verdict).toBe('incorrect');
    expect(graded.part('steps[1].db')).toMatchObject({ verdict: 'invalid', submitted: '0.1.2' });
    expect(graded.part('b_final').verdict).toBe('missing');
  });
});
