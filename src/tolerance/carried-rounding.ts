// The carried_rounding band: how far from the exact key a student lands who
// rounds every earlier answer of a problem to S significant figures (half up,
// or any way within half a unit) and computes exactly from the rounded values.
//
// Propagation over the parts, in answer order: a part p read from its parents
// r moves by about Σ_r |∂p/∂r|·(how far r moved), plus its own rounding (and a
// second-order term, see carriedReach). Summing absolute values path by path
// bounds Σ_q |∂p/∂q|·½ulp(q) over all earlier parts q (the triangle inequality;
// equal where no two paths cancel), in one pass over the parent links.
import { D } from '../engine/decimal.js';

/**
 * Room for what the bound leaves out. The carried error of a part is bounded
 * to second order (carriedReach); the third-order rest, relative to what is
 * kept, is of the order of the square of the relative error of the parents
 * on the scale on which the sigmoid, softmax, logarithm or product bends:
 * about (5·10^−S)², 2.5·10^−3 at S = 2, and such factors multiply along a
 * chain: (1 + 2.5·10^−3)^100 ≈ 1.3 stays under 2. Over 285,816 parts
 * of random variants of every family at S = 2, 3, 4 and 6, the rounding
 * student never came further than 0.996 of the bound without the factor; a
 * test shows a case (e^a carried at 2 figures) that needs it.
 * It stretches only the carried part of a band, never a part's own rounding.
 */
export const BAND_SAFETY = 2;

/** With 1 figure, rounding moves a value by up to a third (1.5 → 2), which no low-order bound follows. */
export const MIN_CARRIED_FIGURES = 2;
export const MAX_CARRIED_FIGURES = 15;

/** Half a unit in the S-th significant figure of a number of this magnitude: ½·10^(p−S+1), 0 for 0. */
export function halfUnit(magnitude: D, figures: number): D {
  if (magnitude.isZero()) return magnitude.abs();
  return new D(`5e${magnitude.e - figures}`);
}

/**
 * One part as the bands see it: its exact key, its parents (by index, earlier
 * in order), its slope along each and the second derivatives between them
 * (row i, column j as the parents are listed).
 */
export interface PartSlopes {
  key: D;
  parents: readonly number[];
  slopes: readonly D[];
  curvature: readonly (readonly D[])[];
}

/**
 * How far a part moves when each parent moves by at most its spread, to
 * second order: Σ_i |s_i|·δ_i + ½ Σ_i Σ_j |h_ij|·δ_i·δ_j. The second-order
 * term is what is left at a stationary point (a squared error of 0, whose
 * slope vanishes); it is tiny everywhere else.
 */
export function carriedReach(slopes: readonly D[], curvature: readonly (readonly D[])[], spreads: readonly D[]): D {
  let reach = new D(0);
  slopes.forEach((slope, i) => {
    reach = reach.plus(slope.abs().times(spreads[i]!));
    let bent = new D(0);
    curvature[i]?.forEach((h, j) => (bent = bent.plus(h.abs().times(spreads[j]!))));
    reach = reach.plus(bent.times(spreads[i]!).div(2));
  });
  return reach;
}

/**
 * The band of each part (in the order given, parents first): the safety
 * factor times the carried error, plus half a unit of the part's own S-th
 * figure at the largest magnitude the student's value can have.
 */
export function carriedRoundingBands(parts: readonly PartSlopes[], figures: number): D[] {
  // moved[p]: the bound on how far p moves, without the safety factor, own rounding included.
  const moved: D[] = [];
  return parts.map((part, p) => {
    const carried = carriedReach(part.slopes, part.curvature, part.parents.map((at) => moved[at]!));
    const reach = carried.times(BAND_SAFETY);
    const own = halfUnit(part.key.abs().plus(reach), figures);
    moved[p] = carried.plus(own);
    return reach.plus(own);
  });
}

/**
 * The band around a part recomputed from a student's own earlier values (error
 * carried forward): what rounding those values to S figures can move it by,
 * through the slopes and curvature at the student's values, plus the part's
 * own rounding. Each parent's spread is how far the value the student carried
 * may lie from the one recomputed with (half a unit of what they wrote, or a
 * blank parent's band).
 */
export function carriedForwardBand(
  recomputed: D,
  slopes: readonly D[],
  curvature: readonly (readonly D[])[],
  spreads: readonly D[],
  figures: number,
): D {
  const reach = carriedReach(slopes, curvature, spreads).times(BAND_SAFETY);
  return reach.plus(halfUnit(recomputed.abs().plus(reach), figures));
}

/** Significant digits a stored band keeps: rounded up, so the stored band is never narrower than the one computed. */
const BAND_DIGITS = 2;
/** Bands are kept inside the range where a float holds their two digits exactly (see bandTolerance). */
const [SMALLEST_BAND, LARGEST_BAND] = [new D('1e-300'), new D('1e300')];

/** A band as variants.jsonl stores it: two significant digits, rounded up; "0" for a part nothing can move. */
export function bandText(band: D): string {
  if (band.isZero()) return '0';
  const kept = D.min(D.max(band, SMALLEST_BAND), LARGEST_BAND);
  return kept.toSignificantDigits(BAND_DIGITS, D.ROUND_UP).toString();
}
