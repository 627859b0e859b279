/**
 * A plain decimal text (`-0.0123`, `1.5e-3`) as an exact scaled integer:
 * value = int × 10^exp, with `digits` the length of int's digit string
 * (leading zeros included: an upper bound on its significant digits).
 * Cheaper to make than a Decimal, and enough to compare exactly.
 */
export interface ScaledInt {
  int: bigint;
  exp: number;
  digits: number;
}

const PLAIN = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** The scaled integer of a plain decimal text; null for anything else (or an absurd exponent). */
export function scaledInt(text: string): ScaledInt | null {
  const m = PLAIN.exec(text);
  if (!m) return null;
  const whole = m[2]!;
  const fraction = m[3] ?? '';
  const digitText = whole + fraction;
  if (digitText === '') return null;
  const exp = (m[4] === undefined ? 0 : Number(m[4])) - fraction.length;
  // Far outside what a key or an answer holds: leave such numbers to Decimal.
  if (!Number.isSafeInteger(exp) || Math.abs(exp) > 1000) return null;
  const magnitude = BigInt(digitText);
  return { int: m[1] === '-' ? -magnitude : magnitude, exp, digits: digitText.length };
}

const POWERS: bigint[] = [1n];
function pow10(n: number): bigint {
  while (POWERS.length <= n) POWERS.push(POWERS[POWERS.length - 1]! * 10n);
  return POWERS[n]!;
}

/** `x` rescaled to the smaller exponent `exp` (exp ≤ x.exp). */
const at = (x: ScaledInt, exp: number): bigint => x.int * pow10(x.exp - exp);

const abs = (x: bigint): bigint => (x < 0n ? -x : x);

/**
 * Significant digits Decimal works with (src/engine/decimal.ts). An exact
 * result with no more digits than this is what Decimal computes too, so
 * comparing exact results here gives Decimal's verdict.
 */
const DECIMAL_PRECISION = 60;

/**
 * `|answer − key| ≤ max(rel·|key|, abs)` decided exactly, as withinTolerance
 * does in Decimal; null when Decimal would round an intermediate (more than
 * 60 digits in the difference or the product), so the caller asks Decimal.
 */
export function withinRelAbs(answer: ScaledInt, key: ScaledInt, rel: ScaledInt, absTol: ScaledInt): boolean | null {
  // Digits of the exact difference: from the top of the larger to the bottom of the finer, plus a carry.
  const low = Math.min(answer.exp, key.exp);
  const differenceDigits = Math.max(answer.exp + answer.digits, key.exp + key.digits) + 1 - low;
  if (differenceDigits > DECIMAL_PRECISION || rel.digits + key.digits > DECIMAL_PRECISION) return null;
  const difference = abs(at(answer, low) - at(key, low));
  const allowedExp = rel.exp + key.exp;
  const exp = Math.min(low, allowedExp, absTol.exp);
  const allowed = abs(rel.int * key.int) * pow10(allowedExp - exp);
  const floor = at(absTol, exp);
  const scaledDifference = difference * pow10(low - exp);
  return scaledDifference <= (allowed > floor ? allowed : floor);
}

/**
 * A decimal text rounded to `sd` significant digits (half even), written as
 * Decimal's toString writes it (src/engine/decimal.ts: exponent form from
 * 1e-7 down and 1e21 up): `new D(text).toSignificantDigits(sd).toString()`
 * without making a Decimal. Null for zero or a text that is not plain decimal.
 */
export function roundedText(text: string, sd: number): string | null {
  const m = PLAIN.exec(text);
  if (!m || sd < 1) return null;
  const all = m[2]! + (m[3] ?? '');
  const first = all.search(/[1-9]/);
  if (first < 0) return null;
  // Scientific exponent: the place of the first non-zero digit relative to the decimal point.
  let e = (m[4] === undefined ? 0 : Number(m[4])) + m[2]!.length - 1 - first;
  if (!Number.isSafeInteger(e)) return null;
  let digits = all.slice(first);
  if (digits.length > sd) {
    const next = digits.charCodeAt(sd) - 48;
    const beyond = /[1-9]/.test(digits.slice(sd + 1));
    const last = digits.charCodeAt(sd - 1) - 48;
    const up = next > 5 || (next === 5 && (beyond || last % 2 === 1));
    digits = digits.slice(0, sd);
    if (up) {
      const raised = (BigInt(digits) + 1n).toString();
      if (raised.length > digits.length) e++;
      digits = raised;
    }
  }
  digits = digits.replace(/0+$/, '');
  const sign = m[1] === '-' ? '-' : '';
  if (e <= -7 || e >= 21) {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${mantissa}e${e < 0 ? '-' : '+'}${Math.abs(e)}`;
  }
  if (e < 0) return `${sign}0.${'0'.repeat(-e - 1)}${digits}`;
  if (digits.length > e + 1) return `${sign}${digits.slice(0, e + 1)}.${digits.slice(e + 1)}`;
  return `${sign}${digits}${'0'.repeat(e + 1 - digits.length)}`;
}
