import { describe, expect, it } from 'vitest';
import { D } from '../../src/engine/decimal.js';
import { BAND_SAFETY, bandText, carriedReach, carriedRoundingBands, halfUnit } from '../../src/tolerance/carried-rounding.js';
import { bandTolerance } from '../../src/tolerance/tolerance.js';
import { withinTolerance } from '../../src/tolerance/within-tolerance.js';

const d = (x: string | number) => new D(x);
const given = (key: string) => ({ key: d(key), parents: [], slopes: [], curvature: [] });

describe('halfUnit', () => {
  it('is half a unit of the S-th significant figure at that magnitude, 0 for 0', () => {
    expect(halfUnit(d('0.34686'), 4).toString()).toBe('0.00005');
    expect(halfUnit(d('1234.5'), 2).toString()).toBe('50');
    expect(halfUnit(d('9.9996'), 4).toString()).toBe('0.0005');
    expect(halfUnit(d('-0.0123'), 3).toString()).toBe('0.00005');
    expect(halfUnit(d(0), 4).isZero()).toBe(true);
  });
});

describe('carriedRoundingBands', () => {
  it('gives a part read from no other part its own half unit, and a square of it the carried error to second order', () => {
    // b = a², a = 1.2345 at 3 figures: a moves by 0.005; b by 2a·0.005 + ½·2·0.005² = 0.01237.
    const [a, b] = carriedRoundingBands(
      [given('1.2345'), { key: d('1.52399025'), parents: [0], slopes: [d('2.469')], curvature: [[d(2)]] }],
      3,
    );
    expect(a!.toString()).toBe('0.005');
    expect(b!.toString()).toBe(d('0.01237').times(BAND_SAFETY).plus('0.005').toString());
  });

  it('keeps a band at a stationary point, where the slope is 0 (a squared error of exactly 0)', () => {
    // p = (a − 0.5)² at a = 0.5: first order says nothing moves; a carried half a unit off (0.5005) moves p by 2.5e-7.
    const [, p] = carriedRoundingBands([given('0.5'), { key: d(0), parents: [0], slopes: [d(0)], curvature: [[d(2)]] }], 3);
    const rounded = d('0.5005').minus('0.5').pow(2);
    expect(p!.isZero()).toBe(false);
    expect(withinTolerance(rounded, d(0), bandTolerance(bandText(p!)))).toBe(true);
    expect(p!.gte(rounded)).toBe(true);
  });

  it('needs its safety factor where first and second order fall short: e^a with a = 10.5 carried as 11 (2 figures)', () => {
    // e^11 − e^10.5 = (e^0.5 − 1)·e^10.5 ≈ 0.6487·e^10.5, but slope·δ + ½·curvature·δ² is 0.625·e^10.5.
    const key = d('10.5').exp();
    const parts = [given('10.5'), { key, parents: [0], slopes: [key], curvature: [[key]] }];
    const student = d(11).exp().toSignificantDigits(2, D.ROUND_HALF_UP);
    const error = student.minus(key).abs();
    const secondOrder = carriedReach([key], [[key]], [d('0.5')]);
    expect(error.gt(secondOrder.plus(halfUnit(key.plus(secondOrder), 2)))).toBe(true);
    const band = carriedRoundingBands(parts, 2)[1]!;
    expect(withinTolerance(student, key, bandTolerance(bandText(band)))).toBe(true);
  });

  it('adds the paths through several parents in absolute value', () => {
    // c = a − b, slopes 1 and −1: both roundings may push the same way.
    const [, , c] = carriedRoundingBands(
      [given('0.25'), given('0.125'), { key: d('0.125'), parents: [0, 1], slopes: [d(1), d(-1)], curvature: [[d(0), d(0)], [d(0), d(0)]] }],
      2,
    );
    // a and b each move by 0.005 (half a unit of their second figure): 2·0.01 + ½ unit of c's second figure.
    expect(c!.toString()).toBe(d('0.01').times(BAND_SAFETY).plus('0.005').toString());
  });
});

describe('bandText', () => {
  it('keeps two significant digits, rounded up, and reads back as the same number through a float', () => {
    const cases: [string, string][] = [
      ['0.000123', '0.00013'],
      ['0.00012', '0.00012'],
      ['1.2000001e-9', '1.3e-9'],
      ['123.4', '130'],
      ['0', '0'],
    ];
    for (const [band, text] of cases) {
      expect(bandText(d(band))).toBe(text);
      expect(d(String(Number(text))).eq(d(text))).toBe(true);
    }
  });
});
