import { Decimal } from 'decimal.js';
import { D } from './decimal.js';

// exp and ln for D, ~20× (exp) and ~40× (ln) faster than decimal.js's, which were
// most of the generation time. They work on BigInt fixed point with BITS fraction
// bits (96 digits): the few units lost to truncation and squaring stay ~30 digits
// below the one final rounding to D's 60 digits (see toD for what that guarantees).
//
// D is read only at call time, never at load, so the import cycle with
// decimal.ts (whose ln1p calls ln1pD) is harmless in either import order.

const BITS = 320n;
const ONE = 1n << BITS;
/** Extra bits of ln 2 and ln 10, so k·ln 10 keeps BITS bits for |k| up to 2^60. */
const GUARD = 64n;
/** Digits kept: D's precision. */
const DIGITS = 60;

/** ln 2 and ln 10 · 2^(BITS + GUARD), from decimal.js at 130 digits (> 384 bits). */
const Precise = Decimal.clone({ precision: 130 });
const wideFixedPoint = (x: Decimal) => BigInt(x.times(new Precise(2).pow(Number(BITS + GUARD))).toFixed(0));
const LN2_WIDE = wideFixedPoint(new Precise(2).ln());
const LN10_WIDE = wideFixedPoint(new Precise(10).ln());
const LN10 = LN10_WIDE >> GUARD;

const POW10: bigint[] = [1n];
while (POW10.length < 512) POW10.push(POW10[POW10.length - 1]! * 10n);
const pow10 = (n: number): bigint => POW10[n] ?? 10n ** BigInt(n);

const abs = (n: bigint) => (n < 0n ? -n : n);

/** Bits of n > 0, exactly (hex conversion is linear and cheap). */
function bitLength(n: bigint): number {
  const hex = n.toString(16);
  return (hex.length - 1) * 4 + (32 - Math.clz32(parseInt(hex[0]!, 16)));
}

/** x = coefficient · 10^exponent exactly, read from decimal.js's base-1e7 words. */
function parts(x: D): { coefficient: bigint; exponent: number } {
  // The first word carries no leading zeros, the others are 7 digits each; x.e places the first digit.
  const words = x.d;
  let digits = String(words[0]);
  for (let i = 1; i < words.length; i++) digits += String(words[i]).padStart(7, '0');
  const coefficient = BigInt(digits);
  return { coefficient: x.s < 0 ? -coefficient : coefficient, exponent: x.e - digits.length + 1 };
}

/**
 * The D nearest to n · 2^-shift · 10^tenExp: writes ~70 digits and rounds them to 60
 * once. Since n is ~1e-90 off the true value, the result is off by at most half an
 * ulp plus ~1e-30 ulp; only a true value that close to a tie (e^(5.5e-59) is within
 * 1e-57 ulp of one) may round the other way.
 */
function toD(n: bigint, shift: bigint, tenExp: number): D {
  const sign = n < 0n ? '-' : '';
  const magnitude = abs(n);
  // The value is below 2^log2Bound and above 2^(log2Bound − 4); 1233/4096 ≈ log10 2.
  const log2Bound = magnitude.toString(16).length * 4 - Number(shift);
  const scale = 70 - Math.floor((log2Bound * 1233) / 4096);
  const scaled = scale >= 0 ? (magnitude * pow10(scale)) >> shift : (magnitude >> shift) / pow10(-scale);
  const digits = scaled.toString();
  let kept = digits.slice(0, DIGITS);
  if (digits.charCodeAt(DIGITS) >= 53 /* '5' */) kept = (BigInt(kept) + 1n).toString();
  return new D(`${sign}${kept}e${digits.length - DIGITS - scale + tenExp}`);
}

/** atanh(u) · 2^scale for u = scaled · 2^-scale, |u| ≤ 1/3: u + u³/3 + u⁵/5 + … */
function atanhScaled(scaled: bigint, scale: bigint): bigint {
  // Work on |u| so truncation shrinks every term to 0 (a floored negative one would stick at −1).
  const u = abs(scaled);
  const uSquared = (u * u) >> scale;
  let power = u;
  let sum = u;
  for (let n = 3n; power > 0n; n += 2n) {
    power = (power * uSquared) >> scale;
    sum += power / n;
  }
  return scaled < 0n ? -sum : sum;
}

/** ln(1 + t) · 2^scale for t = scaled · 2^-scale, |t| ≤ 2^-18: 2·atanh(t / (2 + t)), terms falling by 2^-38. */
function ln1pScaled(scaled: bigint, scale: bigint): bigint {
  return 2n * atanhScaled((scaled << scale) / ((2n << scale) + scaled), scale);
}

/**
 * Argument reduction for ln of y ∈ [1, 2): stage w divides y by 1 + i/2^w for the
 * i read from y's bits, leaving y < 1 + 2^-(w−6); the tables hold ln(1 + i/2^w)
 * = 2·atanh(i / (2^(w+1) + i)), summed 16 bits wider than BITS. Three stages of
 * 64 entries leave y − 1 < 2^-18 for the series.
 */
const STAGE_WIDTHS = [6n, 12n, 18n] as const;
const TABLES = STAGE_WIDTHS.map((w) =>
  Array.from({ length: 64 }, (_, i) => {
    const wider = BITS + 16n;
    const u = (BigInt(i) << wider) / ((2n << w) + BigInt(i));
    return (2n * atanhScaled(u, wider)) >> 16n;
  }),
);

/** ln(c · 10^exponent) for an integer c > 0 whose value is not within 2^-20 of 1 (so no cancellation). */
function lnExact(c: bigint, exponent: number): D {
  // c = y · 2^(bits − 1) with y ∈ [1, 2): ln = (bits − 1)·ln 2 + exponent·ln 10 + ln y.
  const bits = bitLength(c);
  const toFraction = BITS - BigInt(bits - 1);
  let y = toFraction >= 0n ? c << toFraction : c >> -toFraction;
  let sum = (BigInt(bits - 1) * LN2_WIDE + BigInt(exponent) * LN10_WIDE) >> GUARD;
  STAGE_WIDTHS.forEach((w, stage) => {
    const i = (y >> (BITS - w)) - (1n << w);
    y = (y << w) / ((1n << w) + i);
    sum += TABLES[stage]![Number(i)]!;
  });
  return toD(sum + ln1pScaled(y - ONE, BITS), BITS, 0);
}

/** ln(1 + t · 10^exponent) for an integer t with t · 10^exponent > −1. */
function ln1pExact(t: bigint, exponent: number): D {
  if (exponent > 0) return ln1pExact(t * pow10(exponent), 0);
  const unit = pow10(-exponent); // 1 in units of 10^exponent
  if (t === 0n) return new D(0);
  if (abs(t) << 20n >= unit) return lnExact(t + unit, exponent);
  // Tiny t: the series alone, scaled so t has ~BITS significant bits however small it is.
  const scale = BITS + BigInt(bitLength(unit) - bitLength(abs(t)));
  return toD(ln1pScaled((t << scale) / unit, scale), scale, 0);
}

/** e^x to D's 60 digits. */
export function expD(x: D): D {
  // decimal.js answers NaN, ±∞ and |x| ≥ 1e15 (whose e^x over- or underflows D) itself.
  if (!x.isFinite() || x.e >= 15) return x.exp();
  // |e^x − 1| < 1e-100 rounds to 1; e^0 = 1 exactly.
  if (x.isZero() || x.e < -100) return new D(1);
  const { coefficient, exponent } = parts(x);
  const fixed = exponent >= 0 ? (coefficient * pow10(exponent)) << BITS : (coefficient << BITS) / pow10(-exponent);
  // x = k·ln 10 + r with |r| ≤ ln(10)/2, so e^x = e^r · 10^k: the decimal exponent comes out exact.
  const k = (fixed + (fixed < 0n ? -LN10 : LN10) / 2n) / LN10;
  const r = fixed - ((k * LN10_WIDE) >> GUARD);
  // e^r = (e^(r / 2^SQUARINGS))^(2^SQUARINGS): the Taylor series of the small argument
  // needs ~20 terms; each squaring doubles the relative error (2^14 · 2^-320 in all).
  const SQUARINGS = 14n;
  let term = ONE;
  let sum = ONE;
  for (let n = 1n; term !== 0n; n++) {
    term = ((term * r) >> (BITS + SQUARINGS)) / n;
    sum += term;
  }
  for (let i = 0n; i < SQUARINGS; i++) sum = (sum * sum) >> BITS;
  return toD(sum, BITS, Number(k));
}

/** ln x to D's 60 digits; near 1 it takes x − 1 exactly, so ln(1 − 1e-74) ≈ −1e-74 keeps its digits. */
export function lnD(x: D): D {
  // decimal.js answers NaN, ±∞, 0 (−∞) and negatives (NaN) itself.
  if (!x.isFinite() || x.lte(0)) return x.ln();
  const { coefficient, exponent } = parts(x);
  if (x.e === 0 || x.e === -1) {
    // 0.1 ≤ x < 10: x − 1 = t · 10^e exactly, with e = min(exponent, 0).
    const e = Math.min(exponent, 0);
    return ln1pExact(coefficient * pow10(exponent - e) - pow10(-e), e);
  }
  return lnExact(coefficient, exponent);
}

/** ln(1 + t) to D's 60 digits, keeping the digits of a t that 1 + t would round away. */
export function ln1pD(t: D): D {
  if (!t.isFinite() || t.lte(-1)) return t.plus(1).ln();
  // |t| < 1e-80: ln(1 + t) = t(1 − t/2 + …) is t to far below an ulp.
  if (!t.isZero() && t.e < -80) return t.toSignificantDigits(DIGITS);
  // t ≥ 1e101: rounding 1 + t moves its ln by < 1e-100.
  if (t.e > 100) return lnD(t.plus(1));
  const { coefficient, exponent } = parts(t);
  return ln1pExact(coefficient, exponent);
}
