import { describe, expect, it } from 'vitest';
import { D } from '../../src/engine/decimal.js';
import { withinTolerance } from '../../src/tolerance/within-tolerance.js';

const key = new D('0.3468694676544798270796305848268493954920');

describe('withinTolerance', () => {
  it('accepts 0.9× the allowed relative error and refuses 1.1× (rel dominates)', () => {
    const allowed = key.times('0.01');
    for (const sign of [1, -1]) {
      expect(withinTolerance(key.plus(allowed.times('0.9').times(sign)), key, { rel: 0.01, abs: 1e-6 })).toBe(true);
      expect(withinTolerance(key.plus(allowed.times('1.1').times(sign)), key, { rel: 0.01, abs: 1e-6 })).toBe(false);
    }
  });

  it('accepts 0.9× the allowed absolute error and refuses 1.1× (abs dominates near zero)', () => {
    const tiny = new D('2e-9');
    expect(withinTolerance(tiny.plus('0.9e-6'), tiny, { rel: 0.01, abs: 1e-6 })).toBe(true);
    expect(withinTolerance(tiny.minus('1.1e-6'), tiny, { rel: 0.01, abs: 1e-6 })).toBe(false);
    expect(withinTolerance(new D(0), new D('-0.9e-8'), { rel: 0.01, abs: 1e-8 })).toBe(true);
  });

  it('decides the boundary exactly, in decimal (|a − e| = allowed is accepted)', () => {
    // 0.1 + 0.01·0.1 = 0.101 exactly; in float64 the comparison could go either way.
    expect(withinTolerance(new D('0.101'), new D('0.1'), { rel: 0.01, abs: 0 })).toBe(true);
    expect(withinTolerance(new D('0.1010000000000000000000000000001'), new D('0.1'), { rel: 0.01, abs: 0 })).toBe(false);
  });

  it('compares significant figures by rounding both half up', () => {
    expect(withinTolerance(new D('0.3469'), key, { sigfigs: 4 })).toBe(true);
    expect(withinTolerance(new D('0.34686'), key, { sigfigs: 4 })).toBe(true);
    expect(withinTolerance(new D('0.3468'), key, { sigfigs: 4 })).toBe(false);
    expect(withinTolerance(new D('0.35'), key, { sigfigs: 2 })).toBe(true);
    expect(withinTolerance(new D('0.34'), key, { sigfigs: 2 })).toBe(false);
    expect(withinTolerance(new D('-2.5'), new D('-2.45'), { sigfigs: 2 })).toBe(true);
  });
});
