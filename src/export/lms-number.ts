// A key and its absolute margin as an LMS reads them: decimal text that
// Moodle's NUMBER_REGEX and Canvas's importer accept, with few enough digits
// that PHP and Ruby floats read it back as written (they hold 15), and a
// written interval that lies inside the grader's.
import { Decimal } from 'decimal.js';
import { D } from '../engine/decimal.js';

/** Significant digits a PHP or Ruby float reads back exactly. */
const FLOAT_DIGITS = 15;
/** The written key lies within this share of the margin from the exact key. */
const CENTRED = new D('0.001');
/** Below this share of the key, a margin is lost in the LMS's floats (Moodle adds 1e-14·|key| of its own). */
const FLOAT_RESOLUTION = new D('1e-12');
/** Significant digits of the written margin (rounded down). */
const MARGIN_DIGITS = 6;

export interface LmsAnswer {
  /** The key, written with the fewest digits that keep it within a thousandth of the margin of the exact key. */
  value: string;
  /** The margin less the key's rounding, rounded down: value ± margin lies inside key ± the exact margin. */
  margin: string;
  /** value − margin and value + margin, exactly. */
  lower: string;
  upper: string;
  /** Why the LMS cannot hold this interval as the grader means it (to be said as a warning), or null. */
  problem: string | null;
}

/** Decimal text without float noise: `0.0421`, `-1.5e-8`, `0`. */
export const decimalText = (value: D): string => (value.isZero() ? '0' : value.toString());

export function lmsAnswer(key: D, margin: D): LmsAnswer {
  if (margin.isZero()) {
    const value = key.toSignificantDigits(FLOAT_DIGITS);
    return {
      ...written(value, new D(0)),
      problem: `its interval has width 0 (the tolerance gives the key ${decimalText(value)} no margin): the LMS accepts exactly ${decimalText(value)} and nothing else`,
    };
  }
  const allowed = margin.times(CENTRED);
  let value = key;
  for (let digits = 1; digits <= FLOAT_DIGITS; digits++) {
    value = key.toSignificantDigits(digits, Decimal.ROUND_HALF_EVEN);
    if (value.minus(key).abs().lte(allowed)) break;
  }
  const shift = value.minus(key).abs();
  const inside = D.max(margin.minus(shift), 0).toSignificantDigits(MARGIN_DIGITS, Decimal.ROUND_DOWN);
  const lost = shift.gt(allowed) || margin.lt(key.abs().times(FLOAT_RESOLUTION));
  return {
    ...written(value, inside),
    problem: lost
      ? `its margin ${decimalText(margin)} is below what the LMS's floating-point numbers resolve around the key ${decimalText(key.toSignificantDigits(FLOAT_DIGITS))}`
      : null,
  };
}

function written(value: D, margin: D) {
  return {
    value: decimalText(value),
    margin: decimalText(margin),
    lower: decimalText(value.minus(margin)),
    upper: decimalText(value.plus(margin)),
  };
}
