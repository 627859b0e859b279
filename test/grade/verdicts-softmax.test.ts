import { describe, expect, it } from 'vitest';
import { D, answerText } from '../../src/engine/decimal.js';
import { answerRows, grade, keyAnswers, longCsv, variant } from './fixtures.js';

// k = 3 classes, n = 2 inputs (dW is 3×2, so transposing it is a real mistake).
const given = {
  x: ['1', '-2'],
  y: ['0', '0', '1'],
  W: [['0.5', '-0.3'], ['0.2', '0.4'], ['-0.6', '0.1']],
  b: ['0.1', '-0.2', '0.3'],
  lr: '0.5',
};
const { record, solution } = variant({ family: 'softmax-ce-step', given });
const key = (id: string) => solution.value(id);

async function submit(changes: Record<string, string | null>) {
  const answers: Record<string, string> = keyAnswers(solution);
  for (const [part, answer] of Object.entries(changes)) {
    if (answer === null) delete answers[part];
    else answers[part] = answer;
  }
  return grade([record], longCsv(answerRows(answers)));
}

describe('softmax-ce-step verdicts', () => {
  it('marks the key correct', async () => {
    const graded = await submit({});
    expect(new Set(graded.details.map((d) => d.verdict))).toEqual(new Set(['correct']));
  });

  it("gives ecf to dz computed from the student's wrong ŷ, and to dW and the update after it", async () => {
    const dz1 = new D('0.5');
    const graded = await submit({
      'yhat[1]': '0.5',
      'dz[1]': '0.5',
      'dW[1][2]': answerText(dz1.times(-2)),
      'W_new[1][2]': answerText(new D('-0.3').minus(dz1.times(-2).times('0.5'))),
    });
    expect(graded.part('yhat[1]').verdict).toBe('incorrect');
    for (const part of ['dz[1]', 'dW[1][2]', 'W_new[1][2]']) expect(graded.part(part).verdict).toBe('ecf');
    expect(graded.part('dz[2]').verdict).toBe('correct');
  });

  it.each([
    ['transposed-gradient', 'dW[1][2]', () => new D('1').times(key('dz[2]'))],
    ['transposed-gradient', 'dW[2][1]', () => new D('-2').times(key('dz[1]'))],
    ['softmax-without-exp', 'yhat[1]', () => key('z[1]').div(key('z[1]').plus(key('z[2]')).plus(key('z[3]')))],
    ['update-sign', 'W_new[2][1]', () => new D('0.2').plus(key('dW[2][1]').times('0.5'))],
    ['error-sign', 'dz[3]', () => new D(1).minus(key('yhat[3]'))],
    ['extra-sigmoid-derivative', 'dz[1]', () => key('yhat[1]').times(key('yhat[1]')).times(new D(1).minus(key('yhat[1]')))],
    ['log10-loss', 'loss', () => key('yhat[3]').log(10).neg()],
    ['forgot-learning-rate', 'b_new[2]', () => new D('-0.2').minus(key('db[2]'))],
  ])('names %s when %s is computed that way', async (id, part, wrong) => {
    const graded = await submit({ [part]: wrong().toSignificantDigits(5).toString() });
    expect(graded.part(part).verdict).toBe('misconception');
    expect(graded.part(part).feedback).toContain(`${id}:`);
  });

  it('names every matching misconception where several give the same number', async () => {
    // W + lr·dW (update-sign) equals W − lr·(y − ŷ)x (error-sign carried into the update).
    const graded = await submit({ 'W_new[3][1]': new D('-0.6').plus(key('dW[3][1]').times('0.5')).toSignificantDigits(6).toString() });
    expect(graded.part('W_new[3][1]').verdict).toBe('misconception');
    expect(graded.part('W_new[3][1]').feedback).toContain('update-sign:');
    expect(graded.part('W_new[3][1]').feedback).toContain('error-sign:');
  });

  it('marks other numbers incorrect, text invalid and blanks missing', async () => {
    const graded = await submit({ 'z[1]': '7', 'z[2]': '#REF!', 'z[3]': null });
    expect(graded.part('z[1]').verdict).toBe('incorrect');
    expect(graded.part('z[2]')).toMatchObject({ verdict: 'invalid', submitted: '#REF!' });
    expect(graded.part('z[3]').verdict).toBe('missing');
  });
});

describe('the worked example of notes 004, graded as a submission', () => {
  // Pinned as in problem-banks/week3-softmax.yaml; the true ŷ ≈ (0.3469, 0.0211, 0.6320).
  const notes = variant({
    family: 'softmax-ce-step',
    given: {
      x: ['1', '3', '0'],
      y: ['0', '1', '0'],
      W: [['0.1', '0.2', '-0.3'], ['-0.6', '-0.5', '2'], ['-0.2', '0.5', '-3']],
      b: ['0.1', '0.1', '0.1'],
      lr: '1',
    },
  });
  // What the notes print, with their decimal commas.
  const written: Record<string, string> = {
    'z[1]': '0,8', 'z[2]': '-2', 'z[3]': '1,4',
    'yhat[1]': '0,34', 'yhat[2]': '0,21', 'yhat[3]': '0,63',
    'dz[1]': '0,34', 'dz[2]': '-0,97', 'dz[3]': '0,63',
    'dW[1][1]': '0,34', 'dW[1][2]': '-0,97', 'dW[1][3]': '0,63',
    'dW[2][1]': '1,04', 'dW[2][2]': '-2,93', 'dW[2][3]': '1,89',
    'dW[3][1]': '0', 'dW[3][2]': '0', 'dW[3][3]': '0',
    'db[1]': '0,34', 'db[2]': '-0,97', 'db[3]': '0,63',
    'W_new[1][1]': '-0,24', 'W_new[1][2]': '1,17', 'W_new[1][3]': '-0,93',
    'W_new[2][1]': '-1,64', 'W_new[2][2]': '2,43', 'W_new[2][3]': '0,1',
    'W_new[3][1]': '-0,2', 'W_new[3][2]': '0,5', 'W_new[3][3]': '-3',
    'b_new[1]': '-0,24', 'b_new[2]': '1,07', 'b_new[3]': '-0,53',
  };

  it('finds ŷ₂ = 0.21 wrong and dW transposed', async () => {
    const graded = await grade([notes.record], longCsv(answerRows(written)));
    const verdict = (part: string) => graded.part(part).verdict;
    expect(notes.solution.value('yhat[2]').toFixed(4)).toBe('0.0211');
    expect(verdict('yhat[2]')).toBe('incorrect');
    expect(graded.part('yhat[2]').feedback).toBe('outside the tolerance of the key');
    // Every off-diagonal entry is x_i·dz_j; the diagonal is the same either way.
    for (const part of ['dW[1][2]', 'dW[1][3]', 'dW[2][1]', 'dW[2][3]', 'dW[3][1]', 'dW[3][2]']) {
      expect(verdict(part), part).toBe('misconception');
      expect(graded.part(part).feedback).toContain('transposed-gradient:');
    }
    expect(verdict('dW[2][2]')).toBe('correct');
    expect(verdict('dW[3][3]')).toBe('correct');
    // The weights the transposed dW leaves unchanged (its zero row) are no ecf: the mistake is named instead.
    expect(verdict('W_new[3][1]')).toBe('misconception');
    expect(graded.part('W_new[3][1]').feedback).toContain('transposed-gradient:');
    // The update itself was done right with their dW: error carried forward.
    expect(verdict('W_new[1][2]')).toBe('ecf');
    expect(verdict('W_new[2][1]')).toBe('ecf');
    expect(verdict('loss')).toBe('missing');
    expect(graded.read('report.md')).toMatch(/\| transposed-gradient \| 8 \|/);
  });
});
