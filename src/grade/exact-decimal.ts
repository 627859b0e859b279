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

/**
 * The parts of a plain decimal text (`[+-]digits[.digits][e[+-]digits]`, either
 * digit run may be empty) by position, or null for anything else. Read by hand,
 * not by a regular expression: every answer and key goes through here.
 */
interface PlainParts {
  negative: boolean;
  wholeStart: number;
  wholeEnd: number;
  fractionStart: number;
  fractionEnd: number;
  /** The written exponent (0 when none). */
  exponent: number;
}

const isDigit = (code: number) => code >= 48 && code <= 57;

function plainParts(text: string): PlainParts | null {
  const n = text.length;
  let i = 0;
  let code = text.charCodeAt(0);
  const negative = code === 45;
  if (negative || code === 43) i = 1;
  const wholeStart = i;
  while (i < n && isDigit(text.charCodeAt(i))) i++;
  const wholeEnd = i;
  let fractionStart = i;
  if (i < n && text.charCodeAt(i) === 46) {
    fractionStart = ++i;
    while (i < n && isDigit(text.charCodeAt(i))) i++;
  }
  const fractionEnd = i;
  let exponent = 0;
  if (i < n) {
    code = text.charCodeAt(i);
    if (code !== 101 && code !== 69) return null;
    const exponentStart = ++i;
    code = text.charCodeAt(i);
    if (code === 43 || code === 45) i++;
    const digitsStart = i;
    while (i < n && isDigit(text.charCodeAt(i))) i++;
    if (i === digitsStart || i < n) return null;
    exponent = Number(text.slice(exponentStart));
  }
  return { negative, wholeStart, wholeEnd, fractionStart, fractionEnd, exponent };
}

/** The scaled integer of a plain decimal text; null for anything else (or an absurd exponent). */
export function scaledInt(text: string): ScaledInt | null {
  const p = plainParts(text);
  if (!p) return null;
  const fractionLength = p.fractionEnd - p.fractionStart;
  const digits = p.wholeEnd - p.wholeStart + fractionLength;
  if (digits === 0) return null;
  const exp = p.exponent - fractionLength;
  // Far outside what a key or an answer holds: leave such numbers to Decimal.
  if (!Number.isSafeInteger(exp) || Math.abs(exp) > 1000) return null;
  const digitText =
    fractionLength === 0 ? text.slice(p.wholeStart, p.wholeEnd) : text.slice(p.wholeStart, p.wholeEnd) + text.slice(p.fractionStart, p.fractionEnd);
  const magnitude = BigInt(digitText);
  return { int: p.negative ? -magnitude : magnitude, exp, digits };
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

/** Exact powers of ten as floats (10^22 is the last that a float holds exactly). */
const FLOAT_POWERS = Array.from({ length: 23 }, (_, k) => 10 ** k);
/**
 * Relative error of roughDecimal: at most 15 significant digits are kept (the
 * rest lose less than 1e-14 of the value) and one rounded scaling adds 2^-53.
 */
const ROUGH = 1.2e-14;
/** Bounds below which a float product may have lost its relative precision (subnormal). */
const TINY = 1e-290;

/**
 * A plain decimal text as a float within a relative ROUGH of its value, read in
 * one pass (V8 reads a 40-digit key exactly, and slowly); NaN for any other
 * text, or a number this cannot scale with one exact power of ten.
 */
export function roughDecimal(text: string): number {
  const n = text.length;
  let i = 0;
  const sign = text.charCodeAt(0);
  if (sign === 45 || sign === 43) i = 1;
  // value ≈ mantissa × 10^scale; kept counts the significant digits in mantissa.
  let mantissa = 0;
  let scale = 0;
  let kept = 0;
  let digits = 0;
  let dot = false;
  for (; i < n; i++) {
    const code = text.charCodeAt(i);
    if (code === 46) {
      if (dot) return Number.NaN;
      dot = true;
      continue;
    }
    if (!isDigit(code)) break;
    digits++;
    if (kept === 0 && code === 48) {
      if (dot) scale--; // a leading zero after the point
    } else if (kept < 15) {
      mantissa = mantissa * 10 + (code - 48);
      kept++;
      if (dot) scale--;
    } else if (!dot) scale++; // a dropped digit before the point
  }
  if (digits === 0) return Number.NaN;
  if (i < n) {
    const e = text.charCodeAt(i);
    if (e !== 101 && e !== 69) return Number.NaN;
    let j = i + 1;
    const exponentSign = text.charCodeAt(j);
    if (exponentSign === 43 || exponentSign === 45) j++;
    // A written exponent of at most 4 digits (larger ones are far outside what this scales).
    if (j === n || n - j > 4) return Number.NaN;
    let exponent = 0;
    for (; j < n; j++) {
      const code = text.charCodeAt(j);
      if (!isDigit(code)) return Number.NaN;
      exponent = exponent * 10 + (code - 48);
    }
    scale += exponentSign === 45 ? -exponent : exponent;
  }
  if (scale < -22 || scale > 22) return Number.NaN;
  const magnitude = scale >= 0 ? mantissa * FLOAT_POWERS[scale]! : mantissa / FLOAT_POWERS[-scale]!;
  return sign === 45 ? -magnitude : magnitude;
}

/**
 * True only when `|answer − key| ≤ max(rel·|key|, abs)` holds with room to
 * spare, shown in floats: almost every right answer does, and then neither
 * withinRelAbs (BigInts) nor Decimal need be asked. Exact because each text
 * reads to within a relative ROUGH of its value (roughDecimal), so the exact
 * |A − K| is at most |a − k|·(1 + 2^-52) + ROUGH'·(|a| + |k|), while the exact
 * bound is at least max(rel·|k|, abs)·(1 − 3e-14) (rel and abs are the floats
 * the tolerance texts are the shortest writing of, each within half an ulp);
 * the 1e-12 margin covers that and Decimal's rounding of the difference to 60
 * digits. False means "not shown here": the caller asks the exact tests.
 */
export function clearlyWithin(answer: string, key: string, rel: number, abs: number): boolean {
  const a = roughDecimal(answer);
  const k = roughDecimal(key);
  if (Number.isNaN(a) || Number.isNaN(k)) return false;
  const absK = Math.abs(k);
  const gap = Math.abs(a - k);
  const upper = gap * (1 + 2 ** -52) + 1.1 * ROUGH * (Math.abs(a) + absK);
  const relPart = rel * absK;
  // A bound that underflowed has lost its relative precision: count it as 0 (a smaller bound).
  const allowed = Math.max(relPart >= TINY ? relPart : 0, abs >= TINY ? abs : 0);
  return upper < allowed * (1 - 1e-12);
}

/**
 * A decimal text rounded to `sd` significant digits (half even), written as
 * Decimal's toString writes it (src/engine/decimal.ts: exponent form from
 * 1e-7 down and 1e21 up): `new D(text).toSignificantDigits(sd).toString()`
 * without making a Decimal. Null for zero or a text that is not plain decimal.
 */
export function roundedText(text: string, sd: number): string | null {
  const p = plainParts(text);
  if (!p || sd < 1) return null;
  const all = text.slice(p.wholeStart, p.wholeEnd) + text.slice(p.fractionStart, p.fractionEnd);
  let first = 0;
  while (first < all.length && all.charCodeAt(first) === 48) first++;
  if (first === all.length) return null;
  // Scientific exponent: the place of the first non-zero digit relative to the decimal point.
  let e = p.exponent + (p.wholeEnd - p.wholeStart) - 1 - first;
  if (!Number.isSafeInteger(e)) return null;
  let digits = all.slice(first);
  if (digits.length > sd) {
    const next = digits.charCodeAt(sd) - 48;
    const last = digits.charCodeAt(sd - 1) - 48;
    const up = next > 5 || (next === 5 && (nonZeroFrom(digits, sd + 1) || last % 2 === 1));
    digits = digits.slice(0, sd);
    if (up) {
      digits = plusOne(digits);
      if (digits.length > sd) e++;
    }
  }
  let end = digits.length;
  while (digits.charCodeAt(end - 1) === 48) end--;
  digits = digits.slice(0, end);
  const sign = p.negative ? '-' : '';
  if (e <= -7 || e >= 21) {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${mantissa}e${e < 0 ? '-' : '+'}${Math.abs(e)}`;
  }
  if (e < 0) return `${sign}0.${'0'.repeat(-e - 1)}${digits}`;
  if (digits.length > e + 1) return `${sign}${digits.slice(0, e + 1)}.${digits.slice(e + 1)}`;
  return `${sign}${digits}${'0'.repeat(e + 1 - digits.length)}`;
}

function nonZeroFrom(digits: string, from: number): boolean {
  for (let i = from; i < digits.length; i++) if (digits.charCodeAt(i) !== 48) return true;
  return false;
}

/** A digit string (no leading zero) plus one: `1299` → `1300`, `999` → `1000`. */
function plusOne(digits: string): string {
  let at = digits.length - 1;
  while (at >= 0 && digits.charCodeAt(at) === 57) at--;
  if (at < 0) return `1${'0'.repeat(digits.length)}`;
  return `${digits.slice(0, at)}${digits.charCodeAt(at) - 47}${'0'.repeat(digits.length - at - 1)}`;
}
