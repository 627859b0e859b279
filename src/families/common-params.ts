import type { NumberRange } from '../random/draw.js';
import { intParam, rangeParam } from './given.js';
import type { ParamSpec, Params } from './types.js';

// Params that several families share, declared once.

export const lrParam: ParamSpec = { kind: 'decimal', default: '0.1', positive: true, doc: 'learning rate η' };
export const decimalsParam: ParamSpec = {
  kind: 'int',
  default: 1,
  min: 0,
  max: 3,
  doc: 'decimals of the drawn numbers',
};
export const featuresParam: ParamSpec = { kind: 'int', default: 2, min: 1, max: 8, doc: 'inputs per sample (n)' };

export const rangeParams: Readonly<Record<string, ParamSpec>> = {
  x_range: { kind: 'range', default: ['-2', '2'], doc: 'bounds of drawn inputs' },
  w_range: { kind: 'range', default: ['-1', '1'], doc: 'bounds of drawn weights' },
  b_range: { kind: 'range', default: ['-0.5', '0.5'], doc: 'bounds of drawn biases' },
};

/** The draw range a `*_range` param and `decimals` describe. */
export function drawRange(params: Params, name: 'x_range' | 'w_range' | 'b_range'): NumberRange {
  const [min, max] = rangeParam(params, name);
  return { min, max, decimals: intParam(params, 'decimals') };
}
