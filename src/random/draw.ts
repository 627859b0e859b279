import { D } from '../engine/decimal.js';
import type { Rng } from './stream.js';

/** Bounds of a drawn number, as decimal strings, with a number of decimals. */
export interface NumberRange {
  min: string;
  max: string;
  decimals: number;
}

/** A whole number in [0, count). */
export function index(rng: Rng, count: number): number {
  return Math.min(count - 1, Math.floor(rng() * count));
}

/**
 * A hand-friendly number: a multiple of 10^-decimals in [min, max], uniform,
 * never zero unless the range is {0}. Returned as its exact decimal text.
 */
export function handNumber(rng: Rng, range: NumberRange): string {
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

export function handVector(rng: Rng, length: number, range: NumberRange): string[] {
  return Array.from({ length }, () => handNumber(rng, range));
}

export function handMatrix(rng: Rng, rows: number, columns: number, range: NumberRange): string[][] {
  return Array.from({ length: rows }, () => handVector(rng, columns, range));
}

/** "0" or "1". */
export function bit(rng: Rng): string {
  return rng() < 0.5 ? '0' : '1';
}

/** A one-hot vector of the given length. */
export function oneHot(rng: Rng, length: number): string[] {
  const hot = index(rng, length);
  return Array.from({ length }, (_, i) => (i === hot ? '1' : '0'));
}
