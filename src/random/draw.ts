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

/** The multiples of 10^-decimals in a range: the first, the step, how many, and their texts as drawn. */
interface Grid {
  low: D;
  unit: D;
  count: number;
  /** The position of 0 in the grid, or −1. */
  zeroAt: number;
  texts: Map<number, string>;
}

// A bank has a handful of ranges, drawn from thousands of times each: the grid
// and the texts of its numbers are worked out once (the same Decimal steps as before).
const grids = new Map<string, Grid>();
const MAX_CACHED = 10_000;

function gridOf(range: NumberRange): Grid {
  const key = `${range.min}|${range.max}|${range.decimals}`;
  let grid = grids.get(key);
  if (!grid) {
    const unit = new D(10).pow(-range.decimals);
    const low = new D(range.min).div(unit).ceil();
    const high = new D(range.max).div(unit).floor();
    const count = high.minus(low).plus(1).toNumber();
    const zeroAt = low.lte(0) && high.gte(0) ? low.neg().toNumber() : -1;
    grid = { low, unit, count, zeroAt, texts: new Map() };
    if (grids.size < MAX_CACHED) grids.set(key, grid);
  }
  return grid;
}

function gridText(grid: Grid, i: number): string {
  let text = grid.texts.get(i);
  if (text === undefined) {
    text = grid.low.plus(i).times(grid.unit).toString();
    if (grid.texts.size < MAX_CACHED) grid.texts.set(i, text);
  }
  return text;
}

/**
 * A hand-friendly number: a multiple of 10^-decimals in [min, max], uniform,
 * never zero unless the range is {0}. Returned as its exact decimal text.
 */
export function handNumber(rng: Rng, range: NumberRange): string {
  const grid = gridOf(range);
  const { count } = grid;
  if (count <= 0) throw new Error(`empty range [${range.min}, ${range.max}]`);
  for (let attempt = 0; attempt < 64; attempt++) {
    const i = index(rng, count);
    if (i !== grid.zeroAt || count === 1) return gridText(grid, i);
  }
  return gridText(grid, 0);
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
