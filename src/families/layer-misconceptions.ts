import type { D } from '../engine/decimal.js';
import { num } from './float-screen.js';
import { matrix, scalar, vector } from './given.js';
import { type PartValue, partId, readPartId } from './misconception.js';
import type { Given } from './types.js';

// Wrong methods of one dense layer z = W x + b (softmax and multi-label steps):
// the parts dz, dW, db, W_new, b_new recomputed the wrong way.

/** A wrong error term e_i in place of dz_i, carried through dW, db and the update. */
export function fromErrorTerm(id: string, given: Given, errorOf: (i: number) => D): D | null {
  const path = readPartId(id);
  if (!path) return null;
  const [i = 1, j = 1] = path.index;
  const x = vector(given, 'x');
  const lr = num(scalar(given, 'lr'));
  switch (path.name) {
    case 'dz':
    case 'db':
      return errorOf(i);
    case 'dW':
      return errorOf(i).times(x[j - 1]!);
    case 'W_new':
      return num(matrix(given, 'W')[i - 1]![j - 1]!).minus(lr.times(errorOf(i)).times(x[j - 1]!));
    case 'b_new':
      return num(vector(given, 'b')[i - 1]!).minus(lr.times(errorOf(i)));
    default:
      return null;
  }
}

/** W ± lr·dW, b ± lr·db with the factor `scale` in place of −lr. */
export function update(id: string, given: Given, value: PartValue, scale: D): D | null {
  const path = readPartId(id);
  if (path?.name === 'W_new') {
    const [i, j] = path.index as [number, number];
    return num(matrix(given, 'W')[i - 1]![j - 1]!).plus(scale.times(value(partId('dW', i, j))));
  }
  if (path?.name === 'b_new') {
    const i = path.index[0]!;
    return num(vector(given, 'b')[i - 1]!).plus(scale.times(value(partId('db', i))));
  }
  return null;
}
