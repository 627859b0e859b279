// Intermediate values a worked solution prints but the record does not store
// (e^{-z}, 1 − ŷ, per-sample terms). Decimal arithmetic like the engine's,
// at 24 digits: these values are only ever printed (to at most 12 figures),
// and exp/ln at the engine's 60 digits were the dearest part of a key.
import { D as EngineDecimal } from '../../engine/decimal.js';

export const D = EngineDecimal.clone({ precision: 24 });
export type D = InstanceType<typeof D>;

export const text = (value: D): string => (value.isZero() ? '0' : value.toString());

/** w·x + b from decimal strings. */
export function affine(w: readonly string[], x: readonly string[], b: string): D {
  return w.reduce((acc, wj, j) => acc.plus(new D(wj).times(x[j]!)), new D(b));
}

/** σ(−z) = 1 − σ(z), computed from z so a saturated ŷ keeps its digits. */
export function oneMinusSigmoid(z: D): D {
  return new D(1).div(z.exp().plus(1));
}

/** Binary cross-entropy of one sample from z (not from a rounded ŷ): −ln σ(z) or −ln σ(−z). */
export function bceFromLogit(z: D, y: string): D {
  const p = y === '1' ? new D(1).div(z.neg().exp().plus(1)) : oneMinusSigmoid(z);
  return p.ln().neg();
}
