import { describe, expect, it } from 'vitest';
import { D } from '../../src/engine/decimal.js';
import { type NumberRange, handNumber, index } from '../../src/random/draw.js';
import { type Rng, streamFor } from '../../src/random/stream.js';

/** handNumber as first written: the grid worked out in Decimal on every draw. */
function handNumberByDefinition(rng: Rng, range: NumberRange): string {
  const unit = new D(10).pow(-range.decimals);
  const low = new D(range.min).div(unit).ceil();
  const high = new D(range.max).div(unit).floor();
  const count = high.minus(low).plus(1).toNumber();
  if (count <= 0) throw new Error(`empty range [${range.min}, ${range.max}]`);
  for (let attempt = 0; attempt < 64; attempt++) {
    const value = low.plus(index(rng, count)).times(unit);
    if (!value.isZero() || count === 1) return value.toString();
  }
  return low.times(unit).toString();
}

describe('handNumber', () => {
  const ranges: NumberRange[] = [
    { min: '-2', max: '2', decimals: 1 },
    { min: '-0.5', max: '0.5', decimals: 2 },
    { min: '0', max: '0', decimals: 1 },
    { min: '-0.04', max: '0.04', decimals: 1 },
    { min: '0.001', max: '0.009', decimals: 3 },
    { min: '-1e-7', max: '3e-7', decimals: 8 },
    { min: '-1', max: '1', decimals: 0 },
    { min: '0.15', max: '0.35', decimals: 1 },
  ];
  it('draws the same texts as the definition, for every range and stream', () => {
    for (const range of ranges) {
      for (let s = 0; s < 50; s++) {
        const [a, b] = [streamFor(`draw-${s}`), streamFor(`draw-${s}`)];
        const drawn = Array.from({ length: 20 }, () => handNumber(a, range));
        expect(drawn).toEqual(Array.from({ length: 20 }, () => handNumberByDefinition(b, range)));
        expect(a()).toBe(b()); // and leaves the stream at the same place
      }
    }
  });

  it('names an empty range', () => {
    expect(() => handNumber(streamFor('x'), { min: '0.11', max: '0.19', decimals: 1 })).toThrow('empty range [0.11, 0.19]');
  });
});
