import { describe, expect, it } from 'vitest';
import { D, answerText } from '../../src/engine/decimal.js';
import type { Given } from '../../src/families/types.js';
import { answerRows, grade, keyAnswers, longCsv, variant } from './fixtures.js';

const short = (x: D) => x.toSignificantDigits(6).toString();
const sumOf = (terms: readonly D[]) => terms.reduce((acc, t) => acc.plus(t), new D(0));

/** A grader for one variant: the key with some answers changed. */
function submitter(family: string, given: Given) {
  const { record, solution } = variant({ family, given });
  const key = (id: string) => solution.value(id);
  const submit = async (changes: Record<string, string>) => {
    const answers = { ...keyAnswers(solution), ...changes };
    return grade([record], longCsv(answerRows(answers)));
  };
  return { key, submit, solution };
}

async function expectMisconception(submit: (c: Record<string, string>) => ReturnType<typeof grade>, id: string, part: string, wrong: D) {
  const graded = await submit({ [part]: short(wrong) });
  expect(graded.part(part).verdict).toBe('misconception');
  expect(graded.part(part).feedback).toContain(`${id}:`);
}

describe('mse-neuron misconceptions', () => {
  // Batch of two samples, sigmoid output, loss = mean (y − ŷ)² (no ½): dw = mean 2(ŷ − y)·ŷ(1 − ŷ)·x.
  const X = [['0.5', '-1'], ['1.5', '0.5']];
  const y = ['0.8', '0.1'];
  const base = { X, y, w: ['0.4', '-0.3'], b: '0.2', lr: '0.5', epochs: '1', mode: 'batch', batch_size: '2', activation: 'sigmoid' };
  const plain = submitter('mse-neuron', { ...base, half: '0' });
  const halved = submitter('mse-neuron', { ...base, half: '1' });
  const yhat = (key: (id: string) => D, k: number) => key(`steps[1].yhat[${k + 1}]`);
  const slope = (p: D) => p.times(new D(1).minus(p));
  /** Σ_k factor·(ŷ_k − y_k)·[f′]·x_kj over the step (j null: db). */
  const sumTerms = (key: (id: string) => D, factor: string, withSlope: boolean, j: number | null) =>
    sumOf(
      [0, 1].map((k) => {
        const p = yhat(key, k);
        const e = p.minus(y[k]!).times(factor).times(withSlope ? slope(p) : 1);
        return j === null ? e : e.times(X[k]![j]!);
      }),
    );

  it('names missing-factor-2 for the gradient without the 2 (no ½ convention)', async () => {
    await expectMisconception(plain.submit, 'missing-factor-2', 'steps[1].dw[1]', sumTerms(plain.key, '1', true, 0).div(2));
  });
  it('names missing-factor-2 for the 2 kept where the ½ cancels it', async () => {
    await expectMisconception(halved.submit, 'missing-factor-2', 'steps[1].db', sumTerms(halved.key, '2', true, null).div(2));
  });
  it('names forgot-activation-derivative for a sigmoid gradient without ŷ(1 − ŷ)', async () => {
    await expectMisconception(plain.submit, 'forgot-activation-derivative', 'steps[1].dw[2]', sumTerms(plain.key, '2', false, 1).div(2));
  });
  it('names sum-not-mean for a summed gradient and a summed loss', async () => {
    await expectMisconception(plain.submit, 'sum-not-mean', 'steps[1].dw[1]', sumTerms(plain.key, '2', true, 0));
    const summed = sumOf([0, 1].map((k) => new D(y[k]!).minus(yhat(plain.key, k)).pow(2)));
    await expectMisconception(plain.submit, 'sum-not-mean', 'steps[1].loss', summed);
  });
  it('names update-sign and forgot-learning-rate at the update', async () => {
    const dw = plain.key('steps[1].dw[1]');
    await expectMisconception(plain.submit, 'update-sign', 'steps[1].w_new[1]', new D('0.4').plus(dw.times('0.5')));
    await expectMisconception(plain.submit, 'forgot-learning-rate', 'steps[1].b_new', new D('0.2').minus(plain.key('steps[1].db')));
  });
  it('gives ecf to an update computed from a wrong gradient', async () => {
    const graded = await plain.submit({ 'steps[1].dw[1]': '0.5', 'steps[1].w_new[1]': answerText(new D('0.4').minus('0.25')) });
    expect(graded.part('steps[1].dw[1]').verdict).toBe('incorrect');
    expect(graded.part('steps[1].w_new[1]').verdict).toBe('ecf');
  });
});

describe('mlp-backprop misconceptions', () => {
  // The 2-2-2 network of notes 003: sigmoid hidden units, sigmoid outputs with BCE.
  const given = {
    x: ['0.5', '-1'],
    y: ['1', '0'],
    W1: [['0.3', '-0.6'], ['0.8', '0.2']],
    b1: ['0.1', '-0.2'],
    W2: [['0.7', '-0.4'], ['-0.5', '0.9']],
    b2: ['0.05', '-0.1'],
    lr: '0.5',
    hidden: 'sigmoid',
    output: 'sigmoid-bce',
  };
  const { key, submit } = submitter('mlp-backprop', given);
  const a1 = (j: number) => key(`a1[${j}]`);
  /** The path through output unit 1 only: dnet2_1·W2[1][j]. */
  const onePath = (j: number) => key('dnet2[1]').times(given.W2[0]![j - 1]!);
  const onePathDnet1 = (j: number) => onePath(j).times(a1(j)).times(new D(1).minus(a1(j)));

  it('names missed-path at da1, dnet1, dW1 and db1', async () => {
    await expectMisconception(submit, 'missed-path', 'da1[1]', onePath(1));
    await expectMisconception(submit, 'missed-path', 'dnet1[2]', onePathDnet1(2));
    await expectMisconception(submit, 'missed-path', 'dW1[1][2]', onePathDnet1(1).times(given.x[1]!));
    await expectMisconception(submit, 'missed-path', 'db1[2]', onePathDnet1(2));
  });
  it('names wrong-layer-input for dW2 with x and dW1 with a1', async () => {
    await expectMisconception(submit, 'wrong-layer-input', 'dW2[1][2]', key('dnet2[1]').times(given.x[1]!));
    await expectMisconception(submit, 'wrong-layer-input', 'dW1[2][1]', key('dnet1[2]').times(a1(1)));
  });
  it('names update-sign and forgot-learning-rate at the updates', async () => {
    await expectMisconception(submit, 'update-sign', 'W2_new[1][1]', new D('0.7').plus(key('dW2[1][1]').times('0.5')));
    await expectMisconception(submit, 'forgot-learning-rate', 'b2_new[2]', new D('-0.1').minus(key('db2[2]')));
  });
  it('gives ecf to db2 and dW2 carried from a wrong dnet2', async () => {
    const graded = await submit({ 'dnet2[1]': '0.5', 'db2[1]': '0.5', 'dW2[1][2]': answerText(a1(2).times('0.5')) });
    expect(graded.part('dnet2[1]').verdict).toBe('incorrect');
    expect(graded.part('db2[1]').verdict).toBe('ecf');
    expect(graded.part('dW2[1][2]').verdict).toBe('ecf');
  });
});

describe('sigmoid-multilabel-step misconceptions', () => {
  // Square W (k = n = 3), mean of the three BCE terms: dz = (ŷ − y)/3.
  const given = {
    x: ['1', '-0.5', '2'],
    y: ['1', '0', '1'],
    W: [['0.2', '-0.3', '0.1'], ['0.5', '0.4', '-0.2'], ['-0.1', '0.3', '0.25']],
    b: ['0.1', '-0.2', '0.05'],
    lr: '0.5',
    reduction: 'mean',
  };
  const { key, submit } = submitter('sigmoid-multilabel-step', given);
  const yhat = (i: number) => key(`yhat[${i}]`);
  const label = (i: number) => new D(given.y[i - 1]!);

  it('names error-sign for dz = (y − ŷ)/k', async () => {
    await expectMisconception(submit, 'error-sign', 'dz[2]', label(2).minus(yhat(2)).div(3));
  });
  it('names transposed-gradient for dW[i][j] = x_i·dz_j', async () => {
    await expectMisconception(submit, 'transposed-gradient', 'dW[1][2]', key('dz[2]').times(given.x[0]!));
  });
  it('names log10-loss for the loss in log₁₀', async () => {
    const terms = [1, 2, 3].map((i) => (given.y[i - 1] === '1' ? yhat(i) : new D(1).minus(yhat(i))).log(10).neg());
    await expectMisconception(submit, 'log10-loss', 'loss', sumOf(terms).div(3));
  });
  it('names sum-not-mean for a summed loss and a dW without the 1/k', async () => {
    const terms = [1, 2, 3].map((i) => (given.y[i - 1] === '1' ? yhat(i) : new D(1).minus(yhat(i))).ln().neg());
    await expectMisconception(submit, 'sum-not-mean', 'loss', sumOf(terms));
    await expectMisconception(submit, 'sum-not-mean', 'dW[2][1]', yhat(2).minus(label(2)).times(given.x[0]!));
  });
  it('names update-sign and forgot-learning-rate at the updates', async () => {
    await expectMisconception(submit, 'update-sign', 'W_new[3][3]', new D('0.25').plus(key('dW[3][3]').times('0.5')));
    await expectMisconception(submit, 'forgot-learning-rate', 'b_new[2]', new D('-0.2').minus(key('db[2]')));
  });
  it('gives ecf to db and dW carried from a wrong dz', async () => {
    const graded = await submit({ 'dz[1]': '0.5', 'db[1]': '0.5', 'dW[1][3]': '1' });
    expect(graded.part('dz[1]').verdict).toBe('incorrect');
    expect(graded.part('db[1]').verdict).toBe('ecf');
    expect(graded.part('dW[1][3]').verdict).toBe('ecf');
  });
});
