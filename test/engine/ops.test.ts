import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { D } from '../../src/engine/decimal.js';
import { type Node, evaluate, leaf } from '../../src/engine/graph.js';
import { gradients } from '../../src/engine/backward.js';
import {
  add,
  binaryCrossEntropy,
  crossEntropy,
  div,
  dot,
  exp,
  ln,
  matvec,
  mean,
  mul,
  sigmoid,
  softmax,
  sub,
  sum,
} from '../../src/engine/ops.js';

/** An independent, much more precise Decimal for closed forms. */
const H = Decimal.clone({ precision: 150 });
type H = InstanceType<typeof H>;

/** Asserts `actual` equals `expected` to `digits` significant digits. */
function expectDigits(actual: InstanceType<typeof D>, expected: H | string, digits = 35) {
  const e = new H(expected);
  const a = new H(actual.toString());
  const error = a.minus(e).abs();
  const allowed = e.abs().times(new H(10).pow(-digits));
  expect(error.lte(allowed), `${a.toString()} vs ${e.toString()}`).toBe(true);
}

const sigmoidH = (z: H) => new H(1).div(new H(1).plus(z.neg().exp()));

/** Central difference at 60 digits: h = 1e-20 leaves ~40 digits. */
function finiteDifference(f: (x: InstanceType<typeof D>) => InstanceType<typeof D>, x: InstanceType<typeof D>) {
  const h = new D('1e-20');
  return f(x.plus(h)).minus(f(x.minus(h))).div(h.times(2));
}

describe('forward values against closed forms', () => {
  it('adds, multiplies, divides and takes dot products exactly', () => {
    const [a, b] = [leaf('0.7'), leaf('-1.3')];
    expect(add(a, b).value.toString()).toBe('-0.6');
    expect(sub(a, b).value.toString()).toBe('2');
    expect(mul(a, b).value.toString()).toBe('-0.91');
    expectDigits(div(a, b).value, new H('0.7').div('-1.3'));
    expect(dot([a, b], [leaf('0.25'), leaf('-0.4')]).value.toString()).toBe('0.695');
    expect(matvec([[a, b], [b, a]], [leaf('1'), leaf('2')]).map((n) => n.value.toString())).toEqual(['-1.9', '0.1']);
    expect(mean([a, b, leaf('0.3')]).value.toString()).toBe('-0.1');
  });

  it('sums to the very digits decimal.js gives adding from 0, whatever the first term', () => {
    const terms = [
      ['0.7', '-1.3', '0.3'],
      ['-0', '0.5'],
      ['0', '-0'],
      ['1.23456789012345678901234567890123456789012345678901234567890123456789', '1e-70'],
      [new D(2).div(3).toString(), new D(1).div(7).neg().toString(), '1e-65'],
      ['12345678901234567890123456789012345678901234567890123456', '0.5'],
      ['3.5'],
    ];
    for (const values of terms) {
      const fromZero = values.reduce((acc, x) => acc.plus(new D(x)), new D(0));
      const total = sum(values.map((x) => leaf(x))).value;
      expect([total.toString(), total.isNeg()]).toEqual([fromZero.toString(), fromZero.isNeg()]);
    }
  });

  it('computes exp, ln and sigmoid to at least 35 digits', () => {
    expectDigits(exp(leaf('1.7')).value, new H('1.7').exp());
    expectDigits(ln(leaf('0.3')).value, new H('0.3').ln());
    for (const z of ['0.795', '-2.5', '13', '-40']) expectDigits(sigmoid(leaf(z)).value, sigmoidH(new H(z)));
  });

  it('keeps σ(170) and 1 − σ(170) exact where a naive 1 − σ would give 0', () => {
    const s = sigmoid(leaf('170'));
    expectDigits(s.value, sigmoidH(new H(170)));
    expectDigits(s.oneMinus(), new H(-170).exp().div(new H(1).plus(new H(-170).exp())));
    expect(s.oneMinus().toNumber()).toBeGreaterThan(1e-75);
    expectDigits(sigmoid(leaf('-170')).value, sigmoidH(new H(-170)));
  });

  it('gives a finite BCE at z = ±170 for either label', () => {
    // −ln σ(170) = ln(1 + e^-170) ≈ 1.4789e-74; −ln(1 − σ(170)) = 170 + ln(1 + e^-170).
    const softplus = (x: H) => new H(1).plus(x.exp()).ln();
    const cases: [string, string, H][] = [
      ['170', '1', softplus(new H(-170))],
      ['170', '0', softplus(new H(170))],
      ['-170', '1', softplus(new H(170))],
      ['-170', '0', softplus(new H(-170))],
    ];
    for (const [z, y, expected] of cases) {
      expectDigits(binaryCrossEntropy(sigmoid(leaf(z)), leaf(y)).value, expected);
    }
  });

  it('makes softmax sum to 1 and matches e^z_i / Σ e^z_j', () => {
    const z = ['0.8', '-2', '1.4'];
    const p = softmax(z.map((x) => leaf(x)));
    const total = z.reduce((acc, x) => acc.plus(new H(x).exp()), new H(0));
    p.forEach((pi, i) => expectDigits(pi.value, new H(z[i]!).exp().div(total)));
    expectDigits(sum(p).value, new H(1), 55);
  });

  it('does not overflow a softmax of large logits', () => {
    const p = softmax([leaf('900'), leaf('899'), leaf('-900')]);
    const e = new H(1).exp();
    expectDigits(p[0]!.value, e.div(e.plus(1).plus(new H(-1800).exp().times(e))));
    expect(p.every((x) => x.value.isFinite())).toBe(true);
  });
});

describe('backward pass', () => {
  it('gives ∂L/∂z = ŷ − y for sigmoid with BCE, also when saturated', () => {
    for (const [z, y] of [['0.795', '1'], ['-1.98', '0'], ['170', '1'], ['170', '0'], ['-170', '1']] as const) {
      const zNode = leaf(z);
      const yhat = sigmoid(zNode);
      const [dz] = gradients(binaryCrossEntropy(yhat, leaf(y)), [zNode]);
      expectDigits(dz!.value, sigmoidH(new H(z)).minus(y).abs().isZero() ? new H(0) : exactError(z, y));
    }
    function exactError(z: string, y: string): H {
      // ŷ − y without cancellation: σ(z) − 1 = −σ(−z).
      return y === '1' ? sigmoidH(new H(z).neg()).neg() : sigmoidH(new H(z));
    }
  });

  it('gives ∂L/∂z = ŷ − y for softmax with cross-entropy', () => {
    const z = ['0.8', '-2', '1.4'].map((x) => leaf(x));
    const y = ['0', '1', '0'].map((x) => leaf(x));
    const yhat = softmax(z);
    const dz = gradients(crossEntropy(yhat, y), z);
    dz.forEach((g, i) => expectDigits(g.value, new H(yhat[i]!.value.toString()).minus(y[i]!.value.toString())));
  });

  it('agrees with central finite differences for every op', () => {
    const cases: [string, (x: Node) => Node, string][] = [
      ['exp', (x) => exp(x), '0.4'],
      ['ln', (x) => ln(x), '1.7'],
      ['div by x', (x) => div(leaf('2.5'), x), '-0.8'],
      ['sigmoid', (x) => sigmoid(x), '-1.1'],
      ['bce y=1', (x) => binaryCrossEntropy(sigmoid(x), leaf('1')), '0.3'],
      ['bce y=0', (x) => binaryCrossEntropy(sigmoid(mul(x, leaf('2'))), leaf('0')), '0.9'],
      ['softmax+ce', (x) => crossEntropy(softmax([x, leaf('0.2'), mul(x, x)]), [leaf('0'), leaf('1'), leaf('0')]), '0.6'],
      ['mean of products', (x) => mean([mul(x, x), mul(x, leaf('3')), sub(leaf('1'), x)]), '-0.35'],
    ];
    for (const [name, f, at] of cases) {
      const x = leaf(at);
      const [g] = gradients(f(x), [x]);
      const numeric = finiteDifference((v) => f(leaf(v)).value, new D(at));
      expectDigits(g!.value, new H(numeric.toString()), 30);
      expect(name).toBeTruthy();
    }
  });

  it('accumulates gradients over the paths that reach a node', () => {
    const x = leaf('1.5');
    const y = add(mul(x, x), mul(leaf('3'), x)); // dy/dx = 2x + 3
    expect(gradients(y, [x])[0]!.value.toString()).toBe('6');
  });
});

describe('recomputation from replaced values', () => {
  it('recomputes a downstream node from a replaced intermediate', () => {
    const z = add(leaf('1'), leaf('2'));
    const yhat = sigmoid(z);
    const replaced = new Map([[z, new D('0')]]);
    expect(evaluate(yhat, replaced)!.toString()).toBe('0.5');
    expect(evaluate(yhat, new Map())!.toString()).toBe(yhat.value.toString());
  });

  it('returns null when the replaced value makes the formula undefined', () => {
    const p = sigmoid(leaf('0.3'));
    const loss = binaryCrossEntropy(p, leaf('1'));
    expect(evaluate(loss, new Map([[p, new D(0)]]))).toBeNull();
  });
});
