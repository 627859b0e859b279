import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { D } from '../../src/engine/decimal.js';
import { clearlyWithin, roughDecimal, roundedText, scaledInt, withinRelAbs } from '../../src/grade/exact-decimal.js';
import { withinTolerance } from '../../src/tolerance/within-tolerance.js';

// The fast path for correct answers must give Decimal's verdict wherever it gives one.
function fast(answer: string, key: string, rel: number, abs: number): boolean | null {
  return withinRelAbs(scaledInt(answer)!, scaledInt(key)!, scaledInt(String(rel))!, scaledInt(String(abs))!);
}
const slow = (answer: string, key: string, rel: number, abs: number) => withinTolerance(new D(answer), new D(key), { rel, abs });

describe('withinRelAbs (scaled integers)', () => {
  it('reads plain decimal texts exactly', () => {
    expect(scaledInt('-1.25e-3')).toEqual({ int: -125n, exp: -5, digits: 3 });
    expect(scaledInt('+.5')).toEqual({ int: 5n, exp: -1, digits: 1 });
    expect(scaledInt('7.')).toEqual({ int: 7n, exp: 0, digits: 1 });
    expect(scaledInt('.')).toBeNull();
    expect(scaledInt('1e5000')).toBeNull();
    expect(scaledInt('0,5')).toBeNull();
  });

  it('reads exactly the texts of the plain decimal form, as Decimal reads them', () => {
    const PLAIN = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
    const text = fc.array(fc.constantFrom(...'+-.eE0123456789x '), { maxLength: 12 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(text, (t) => {
        const read = scaledInt(t);
        const m = PLAIN.exec(t);
        if (!m || `${m[2]}${m[3] ?? ''}` === '') expect(read).toBeNull();
        else if (read === null) expect(Math.abs(Number(m[4] ?? 0))).toBeGreaterThan(900);
        else {
          expect(new D(`${read.int}e${read.exp}`).eq(new D(t))).toBe(true);
          expect(read.digits).toBe(`${m[2]}${m[3] ?? ''}`.length);
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('agrees with Decimal exactly at the tolerance boundary and one digit either side', () => {
    const key = '0.3468694676544798270796305848268493954920';
    const allowed = new D(key).times('0.01');
    for (const sign of [1, -1]) {
      for (const nudge of ['0', '1e-45', '-1e-45']) {
        const answer = new D(key).plus(allowed.plus(nudge).times(sign)).toString();
        expect(fast(answer, key, 0.01, 1e-6)).toBe(slow(answer, key, 0.01, 1e-6));
      }
    }
    expect(fast('0.101', '0.1', 0.01, 0)).toBe(true);
    expect(fast('0.1010000000000000000000000000001', '0.1', 0.01, 0)).toBe(false);
    expect(fast('1.001e-6', '0', 0.01, 1e-6)).toBe(false);
    expect(fast('-1e-6', '0', 0.01, 1e-6)).toBe(true);
  });

  it('agrees with Decimal on random keys, answers and tolerances (or leaves them to it)', () => {
    const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^[1-9][0-9]{${min},${max}}$`));
    const decimal = fc
      .tuple(fc.boolean(), digits(0, 39), fc.integer({ min: -60, max: 20 }))
      .map(([negative, d, e]) => `${negative ? '-' : ''}${d}e${e}`);
    fc.assert(
      fc.property(
        decimal,
        fc.oneof(decimal, fc.tuple(decimal, fc.integer({ min: -3, max: 3 })).map(([k, t]) => new D(k).times(1 + t / 100).toString())),
        fc.constantFrom(0, 0.01, 0.05, 1e-3, 0.125),
        fc.constantFrom(0, 1e-6, 1e-8, 0.5),
        (key, answer, rel, abs) => {
          const verdict = fast(answer, key, rel, abs);
          if (verdict !== null) expect(verdict).toBe(slow(answer, key, rel, abs));
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('clearlyWithin (the float screen for right answers)', () => {
  it('says within only where Decimal does, right up to the boundary', () => {
    const key = '0.3468694676544798270796305848268493954920';
    const allowed = new D(key).times('0.01');
    // At the boundary and a hair inside or outside, the floats cannot tell: they must not say within.
    for (const sign of [1, -1]) {
      for (const nudge of ['0', '1e-45', '-1e-45', '-1e-20', '1e-20']) {
        const answer = new D(key).plus(allowed.plus(nudge).times(sign)).toString();
        expect(clearlyWithin(answer, key, 0.01, 1e-6)).toBe(false);
        expect(slow(answer, key, 0.01, 1e-6)).toBe(!nudge.startsWith('1'));
      }
    }
    expect(clearlyWithin('0.34687', key, 0.01, 1e-6)).toBe(true);
    expect(clearlyWithin('0.3', key, 0.01, 1e-6)).toBe(false);
    // A zero reads exactly; not plain decimals and extremes are left to the exact tests.
    expect(clearlyWithin('0', '1e-7', 0, 1e-6)).toBe(true);
    expect(slow('0', '1e-7', 0, 1e-6)).toBe(true);
    expect(clearlyWithin('0x1', '1', 0.5, 0)).toBe(false);
    expect(clearlyWithin('1,0', '1', 0.5, 0)).toBe(false);
    expect(clearlyWithin('Infinity', '1e308', 0.5, 0)).toBe(false);
    expect(clearlyWithin('1e-400', '1.1e-400', 0.5, 0)).toBe(false);
    expect(clearlyWithin('1.0001', '1', 0, 1e-300)).toBe(false);
  });

  it('reads plain decimal texts within 1.2e-14 of their value, and nothing else', () => {
    expect(roughDecimal('-0.0012')).toBe(-0.0012);
    expect(roughDecimal('+.5e1')).toBe(5);
    expect(roughDecimal('1e23')).toBeNaN();
    for (const junk of ['', '.', '-', '1.2.3', '0x10', ' 1', '1 ', '1e', '1e+', 'Infinity', '1,5', '1e99999']) expect(roughDecimal(junk)).toBeNaN();
    const text = fc.array(fc.constantFrom(...'+-.eE0123456789x'), { maxLength: 45 }).map((cs) => cs.join(''));
    const digits = fc.tuple(fc.boolean(), fc.stringMatching(/^[0-9]{1,25}$/), fc.stringMatching(/^[0-9]{0,42}$/), fc.integer({ min: -30, max: 30 }), fc.boolean());
    const plain = digits.map(([negative, whole, fraction, e, withE]) => `${negative ? '-' : ''}${whole}.${fraction}${withE ? `e${e}` : ''}`);
    fc.assert(
      fc.property(fc.oneof(text, plain), (t) => {
        const read = roughDecimal(t);
        if (Number.isNaN(read)) return;
        expect(scaledInt(t)).not.toBeNull();
        const exact = new D(t);
        expect(new D(read).minus(exact).abs().lte(exact.abs().times('1.2e-14'))).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('never says within where Decimal does not, on random keys, answers and tolerances', () => {
    const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^[1-9][0-9]{${min},${max}}$`));
    const decimal = fc
      .tuple(fc.boolean(), digits(0, 39), fc.integer({ min: -60, max: 20 }))
      .map(([negative, d, e]) => `${negative ? '-' : ''}${d}e${e}`);
    // Answers near the boundary too: the key moved by the tolerance times 1 ± a little.
    const near = fc
      .tuple(decimal, fc.constantFrom(0.01, 0.05, 0.125), fc.integer({ min: -20, max: 20 }), fc.boolean())
      .map(([k, rel, t, up]) => [k, new D(k).times(1 + (up ? 1 : -1) * rel * (1 + t * 1e-13)).toString(), rel] as const);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.tuple(decimal, decimal, fc.constantFrom(0, 0.01, 0.05, 1e-3, 0.125)),
          fc.tuple(decimal, fc.tuple(decimal, fc.integer({ min: -3, max: 3 })).map(([k, t]) => new D(k).times(1 + t / 100).toString()), fc.constantFrom(0, 0.01, 0.05)),
          near,
        ),
        fc.constantFrom(0, 1e-6, 1e-8, 0.5, 1e-300),
        ([key, answer, rel], abs) => {
          if (clearlyWithin(answer, key, rel, abs)) expect(slow(answer, key, rel, abs)).toBe(true);
        },
      ),
      { numRuns: 5000 },
    );
  });
});

describe('roundedText', () => {
  const viaDecimal = (text: string, sd: number) => new D(text).toSignificantDigits(sd).toString();

  it('writes what Decimal writes: half even, carries, both notations', () => {
    for (const [text, sd] of [
      ['0.3468694676544798270796305848268493954920', 4],
      ['0.125', 2],
      ['0.135', 2],
      ['0.12500000000000000001', 2],
      ['-9.9996', 4],
      ['99999.5', 5],
      ['1.2345e-8', 3],
      ['9.99e-8', 2],
      ['9.96e20', 2],
      ['123456789012345678901234', 30],
      ['-0.000000123', 5],
      ['7', 4],
    ] as const) {
      expect(roundedText(text, sd)).toBe(viaDecimal(text, sd));
    }
    expect(roundedText('0', 4)).toBeNull();
    expect(roundedText('-0.000', 4)).toBeNull();
  });

  it('agrees with Decimal on random texts', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.stringMatching(/^[0-9]{1,45}$/),
        fc.integer({ min: -40, max: 40 }),
        fc.integer({ min: 1, max: 20 }),
        (negative, digits, e, sd) => {
          // With a decimal point inside the digits or not, and the exponent written or not.
          const point = e % 3 === 0 ? digits : `${digits.slice(0, e & 7)}.${digits.slice(e & 7)}`;
          const text = `${negative ? '-' : ''}${point}${e % 5 === 0 ? '' : `e${e}`}`;
          const fast = roundedText(text, sd);
          if (fast !== null) expect(fast).toBe(viaDecimal(text, sd));
          else expect(new D(text).isZero()).toBe(true);
        },
      ),
      { numRuns: 5000 },
    );
  });
});
