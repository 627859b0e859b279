import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { D } from '../../src/engine/decimal.js';
import { expD, ln1pD, lnD } from '../../src/engine/transcendental.js';

/** decimal.js at 150 digits: the exact value, 90 digits past D's. */
const H = Decimal.clone({ precision: 150 });
type H = InstanceType<typeof H>;
const DIGITS = 60;

/** |actual − exact| in units of the last of D's 60 digits at exact's magnitude. */
function ulpError(actual: D, exact: H): H {
  if (exact.isZero()) return actual.isZero() ? new H(0) : new H(Infinity);
  const ulp = new H(`1e${exact.e - (DIGITS - 1)}`);
  return new H(actual.toString()).minus(exact).abs().div(ulp);
}

const worst = { exp: new H(0), ln: new H(0), ln1p: new H(0) };
const roundedCorrectly = { calls: 0, misses: 0 };
const HALF_ULP_AND_A_HAIR = new H('0.50000000000000000001');

/** Asserts actual is within 1 ulp (in fact half an ulp and a hair) of exact, and records how far it is. */
function expectWithinUlp(kind: keyof typeof worst, argument: string, actual: D, exact: H) {
  const error = ulpError(actual, exact);
  worst[kind] = H.max(worst[kind], error);
  roundedCorrectly.calls++;
  if (actual.toString() !== exact.toSignificantDigits(DIGITS, Decimal.ROUND_HALF_EVEN).toString()) roundedCorrectly.misses++;
  const where = `${kind}(${argument}) = ${actual.toString()}, exact ${exact.toString()}: ${error.toSignificantDigits(3).toString()} ulp`;
  // The contract: at most 1 ulp. The design: the nearest 60 digits to a 96-digit approximation, so at
  // most half an ulp plus ~1e-30 ulp (more than half only for a true value that close to a tie).
  expect(error.lte(1), where).toBe(true);
  expect(error.lte(HALF_ULP_AND_A_HAIR), where).toBe(true);
}

const checkExp = (x: string) => expectWithinUlp('exp', x, expD(new D(x)), new H(x).exp());
const checkLn = (x: string) => expectWithinUlp('ln', x, lnD(new D(x)), new H(x).ln());
/** ln(1 + t) at 150 digits: below 1e-30, 1 + t would need more than 150 digits, so sum t − t²/2 + t³/3 − …. */
function ln1pExact(t: H): H {
  if (t.abs().gte('1e-30')) return t.plus(1).ln();
  let sum = new H(0);
  for (let n = 1, power = t; !power.isZero() && power.abs().gt(t.abs().times('1e-160')); n++, power = power.times(t)) {
    sum = n % 2 === 1 ? sum.plus(power.div(n)) : sum.minus(power.div(n));
  }
  return sum;
}
const checkLn1p = (t: string) => expectWithinUlp('ln1p', t, ln1pD(new D(t)), ln1pExact(new H(t)));

/** ±d.ddd…e{p} with 1–maxDigits random significant digits and p in [minExp, maxExp]. */
function decimalText(minExp: number, maxExp: number, { signed = true, maxDigits = DIGITS } = {}) {
  return fc
    .tuple(
      fc.bigInt({ min: 1n, max: 10n ** BigInt(maxDigits) - 1n }),
      fc.integer({ min: 1, max: maxDigits }),
      fc.integer({ min: minExp, max: maxExp }),
      fc.boolean(),
    )
    .map(([coefficient, length, power, negative]) => {
      const digits = coefficient.toString().slice(0, length);
      return `${signed && negative ? '-' : ''}${digits[0]}.${digits.slice(1)}e${power}`;
    });
}

/** 1 ± (random digits)·10^-k, written out in full (up to ~140 digits: D keeps them all). */
const nearOne = fc
  .tuple(decimalText(-80, -1, { maxDigits: 60 }))
  .map(([t]) => new H(1).plus(t).toFixed())
  .filter((x) => new H(x).gt(0));

describe('expD against decimal.js at 150 digits', () => {
  it('is exact at 0 and for negative zero', () => {
    expect(expD(new D(0)).toString()).toBe('1');
    expect(expD(new D('-0')).toString()).toBe('1');
    expect(expD(new D('1e-120')).toString()).toBe('1');
    expect(expD(new D('-1e-120')).toString()).toBe('1');
  });

  it('handles the saturated and extreme arguments the engine meets', () => {
    for (const x of ['170', '-170', '-745', '745', '1000', '-1000', '-999.999', '0.7', '-2.3', '13', '1e-30', '-1e-70']) {
      checkExp(x);
    }
    expect(expD(new D(-1000)).e).toBe(-435);
  });

  it('rounds across decade boundaries (arguments next to k·ln 10, 60 digits)', () => {
    const ln10 = new H(10).ln();
    for (const k of [-400, -1, 1, 2, 100, 434]) {
      const x = ln10.times(k).toSignificantDigits(DIGITS);
      checkExp(x.toString());
      checkExp(x.plus(new H(`1e${x.e - 59}`)).toString());
      checkExp(x.minus(new H(`1e${x.e - 59}`)).toString());
    }
    checkExp('0.123456789012345678901234567890123456789012345678901234567890');
  });

  it('passes through what decimal.js defines: NaN, ±∞, overflow', () => {
    expect(expD(new D(NaN)).isNaN()).toBe(true);
    expect(expD(new D(Infinity)).toString()).toBe('Infinity');
    expect(expD(new D(-Infinity)).isZero()).toBe(true);
  });

  it('is within 1 ulp over random arguments from 1e-90 to 1e4 in size', () => {
    fc.assert(fc.property(decimalText(-90, 3), checkExp), { numRuns: 2500 });
  });
});

describe('lnD and ln1pD against decimal.js at 150 digits', () => {
  it('is exact at 1', () => {
    expect(lnD(new D(1)).isZero()).toBe(true);
    expect(ln1pD(new D(0)).isZero()).toBe(true);
    expect(ln1pD(new D('-0')).isZero()).toBe(true);
  });

  it('keeps the digits next to 1: ln(1 − 1e-74) ≈ −1e-74', () => {
    checkLn(`0.${'9'.repeat(74)}`);
    checkLn1p('-1e-74');
    checkLn1p('-1.5e-74');
    checkLn1p('1e-30');
    checkLn(`1.${'0'.repeat(29)}1`);
    expect(lnD(new D(`0.${'9'.repeat(74)}`)).toSignificantDigits(3).toString()).toBe('-1e-74');
  });

  it('handles the extremes and familiar values', () => {
    for (const x of ['1e-400', '1e400', '10', '2', '0.5', '0.7', '2.3', '13', '0.1', '9.99', '1.0000001', '0.999999']) {
      checkLn(x);
    }
    checkLn('123456789012345678901234567890123456789012345678901234567890');
    checkLn('0.999999999999999999999999999999999999999999999999999999999999');
    checkLn('1.00000000000000000000000000000000000000000000000000000000001');
    for (const t of ['-0.5', '3', '1e-7', '-9e-7', '0.3', '1e100', '-0.999999']) checkLn1p(t);
  });

  it('passes through what decimal.js defines: 0, negative zero, negatives, NaN, ∞', () => {
    expect(lnD(new D(0)).toString()).toBe('-Infinity');
    expect(lnD(new D('-0')).toString()).toBe('-Infinity');
    expect(lnD(new D(-1)).isNaN()).toBe(true);
    expect(lnD(new D(Infinity)).toString()).toBe('Infinity');
    expect(ln1pD(new D(-1)).toString()).toBe('-Infinity');
    expect(ln1pD(new D(-2)).isNaN()).toBe(true);
  });

  it('is within 1 ulp over random arguments from 1e-400 to 1e400', () => {
    fc.assert(fc.property(decimalText(-400, 400, { signed: false }), checkLn), { numRuns: 2000 });
  });

  it('is within 1 ulp over random arguments 1 + t, 1e-80 ≤ |t| < 1', () => {
    fc.assert(fc.property(nearOne, checkLn), { numRuns: 1000 });
  });

  it('ln1pD is within 1 ulp over random t from 1e-100 to 1e10 in size', () => {
    const t = decimalText(-100, 10).filter((s) => new H(s).gt(-1));
    fc.assert(fc.property(t, checkLn1p), { numRuns: 1000 });
  });
});

afterAll(() => {
  // Correct rounding is the design; ≤ 1 ulp is the contract the cases assert.
  const show = (e: H) => e.toSignificantDigits(4).toString();
  console.log(
    `transcendental: max error exp ${show(worst.exp)} ulp, ln ${show(worst.ln)} ulp, ln1p ${show(worst.ln1p)} ulp; ` +
      `${roundedCorrectly.misses} of ${roundedCorrectly.calls} not correctly rounded`,
  );
});
