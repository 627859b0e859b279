import { D } from '../engine/decimal.js';

/** Why a cell is not a number, as the number reader says it (in English); every locale words each one. */
export const INVALID_REASONS = [
  'longer than 80 characters',
  'spaces inside the number',
  'two exponents',
  'ambiguous or misplaced separators',
  'not a number',
  'too large or too small',
] as const;
export type InvalidReason = (typeof INVALID_REASONS)[number];

/** What a student typed in an answer cell, read as a number where it is one. */
export type StudentNumber =
  | { kind: 'missing' }
  /** `plain`: the number as decimal.js reads it (`0.340`, `1.2e-3`), typed digits kept, for counting figures. */
  | { kind: 'number'; value: D; plain: string }
  | { kind: 'invalid'; raw: string; reason: InvalidReason };

const MISSING: StudentNumber = { kind: 'missing' };

/** Longer cells are not numbers anyone typed; refusing them keeps Decimal work bounded (the first INVALID_REASONS). */
const MAX_LENGTH = 80;

/** The plain form that decimal.js reads; most cells already are in it. */
const PLAIN = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

// Persian (U+06F0…) and Arabic-Indic (U+0660…) digits, their decimal and
// thousands separators, and the minus signs a keyboard or a word processor gives.
const CHARACTER_MAP: Readonly<Record<string, string>> = {
  ...Object.fromEntries([...'۰۱۲۳۴۵۶۷۸۹'].map((c, i) => [c, String(i)])),
  ...Object.fromEntries([...'٠١٢٣٤٥٦٧٨٩'].map((c, i) => [c, String(i)])),
  '٫': '.', // Arabic decimal separator
  '٬': ',', // Arabic thousands separator, read as a grouping comma below
  '−': '-', // U+2212 minus sign
  '－': '-',
  '﹣': '-',
  '＋': '+',
  // Direction marks and isolates a Persian sheet prints around a number (LRI −۰٫۵ PDI, or an older LRM −۰٫۵)
  // or that an editor adds: invisible, no meaning.
  '\u200E': '',
  '\u200F': '',
  '\u061C': '',
  '\u2066': '',
  '\u2067': '',
  '\u2068': '',
  '\u2069': '',
};
const MAPPED = /[۰-۹٠-٩٫٬−－﹣＋\u200E\u200F\u061C\u2066-\u2069]/g;

const SUPERSCRIPTS: Readonly<Record<string, string>> = {
  ...Object.fromEntries([...'⁰¹²³⁴⁵⁶⁷⁸⁹'].map((c, i) => [c, String(i)])),
  '⁻': '-',
  '⁺': '+',
};

// mantissa × 10^exponent, with ×, *, x or · and the exponent bare, in () or {}.
const TIMES_TEN = /^(.*?)(?:×|\*|x|X|·|⋅)10(?:\^|\*\*)(?:\(([+-]?\d+)\)|\{([+-]?\d+)\}|([+-]?\d+))$/;

/**
 * Reads an answer cell in the forms students type: `0.1234`, `-1.2e-3`,
 * `+.5`, `1.2×10^-3`, `1.2*10^-3`, `1.2·10⁻³`, a decimal comma (`0,34`),
 * Persian or Arabic-Indic digits with ٫ and ٬ (and direction marks), the minus sign `−`, spaces
 * around the number, its sign or its ×10^. Blank is missing; anything else
 * is invalid, with the text kept.
 */
export function parseStudentNumber(cell: string): StudentNumber {
  const text = cell.trim();
  if (text === '') return MISSING;
  if (text.length <= MAX_LENGTH && PLAIN.test(text)) return finite(new D(text), text, cell);
  if (text.length > MAX_LENGTH) return invalid(cell, 'longer than 80 characters');

  // Trimmed again: a space may sit inside the invisible marks around the number.
  let normal = text.replace(MAPPED, (c) => CHARACTER_MAP[c]!).trim();
  // Superscript exponents (10⁻³) become 10^-3.
  normal = normal.replace(/[⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺]+/g, (run) => `^${[...run].map((c) => SUPERSCRIPTS[c]).join('')}`);
  normal = normal.replace(/\^\^/g, '^');
  // Spaces around a sign or the ×10^ part carry no meaning; elsewhere they may group digits.
  normal = normal.replace(/\s*([×*xX·⋅^eE])\s*/g, '$1').replace(/^([+-])\s+/, '$1');
  normal = normal.replace(/(\d)\s+(?=\d{3}(?!\d))/g, '$1');
  if (/\s/.test(normal)) return invalid(cell, 'spaces inside the number');

  let exponent = '';
  const scaled = TIMES_TEN.exec(normal);
  if (scaled) {
    normal = scaled[1]!;
    exponent = `e${scaled[2] ?? scaled[3] ?? scaled[4]}`;
    if (/e/i.test(normal)) return invalid(cell, 'two exponents');
  } else {
    const e = /^(.*?)(e[+-]?\d+)$/i.exec(normal);
    if (e) [normal, exponent] = [e[1]!, e[2]!];
  }

  const mantissa = withDecimalPoint(normal);
  if (mantissa === null) return invalid(cell, 'ambiguous or misplaced separators');
  const plain = `${mantissa}${exponent}`;
  if (!PLAIN.test(plain)) return invalid(cell, 'not a number');
  return finite(new D(plain), plain, cell);
}

/**
 * The mantissa with `.` as its decimal point and no grouping: one comma
 * alone is a decimal comma (0,34); with both marks the last one is the
 * decimal point and the other must group digits by three (1,234.5 or 1.234,5).
 */
function withDecimalPoint(text: string): string | null {
  const commas = (text.match(/,/g) ?? []).length;
  const points = (text.match(/\./g) ?? []).length;
  if (commas === 0) return text;
  if (points === 0 && commas === 1) return text.replace(',', '.');
  const decimalMark = text.lastIndexOf(',') > text.lastIndexOf('.') ? ',' : '.';
  const groupMark = decimalMark === ',' ? '.' : ',';
  const [whole, fraction, ...rest] = text.split(decimalMark) as [string, string, ...string[]];
  if (rest.length > 0 || !new RegExp(`^[+-]?\\d{1,3}(\\${groupMark}\\d{3})+$`).test(whole)) return null;
  return `${whole.split(groupMark).join('')}.${fraction}`;
}

function finite(value: D, plain: string, cell: string): StudentNumber {
  return value.isFinite() ? { kind: 'number', value, plain } : invalid(cell, 'too large or too small');
}

function invalid(cell: string, reason: InvalidReason): StudentNumber {
  return { kind: 'invalid', raw: cell.trim(), reason };
}
