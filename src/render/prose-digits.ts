// Numbers in the prose of a Markdown document printed with Persian digits
// (the bank's `digits: persian`), as the Persian course notes print them:
// ۰–۹, ٫ as the decimal separator, ٪ for percent. Formulas ($…$, $$…$$) keep
// Latin digits for MathJax; code spans (CSV columns, typed examples), list
// markers and text kept as typed (ids, names, titles) are left alone.
import { isolatedLtr } from '../text/bidi-isolates.js';
import { FIELD_MARK_PATTERN } from './markdown/field-marks.js';

const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';
const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const ARABIC_DECIMAL_SEPARATOR = '٫';
const ARABIC_PERCENT = '٪';

// Private-use marks around text that must keep its characters; removed once the digits are converted.
const KEEP_OPEN = '\uE000';
const KEEP_CLOSE = '\uE001';

/** Marks an identifier, a name or a title so its digits stay as typed (a student id 12345, a sheet id 1234-5678); empty stays empty for {{#if}}. */
export function keepAsTyped(text: string): string {
  return text === '' ? '' : `${KEEP_OPEN}${text}${KEEP_CLOSE}`;
}

const KEEP_MARKS = new RegExp(`[${KEEP_OPEN}${KEEP_CLOSE}]`, 'g');

/** The text without its kept-as-typed marks (what a template compares, what a reader sees). */
export function withoutKeepMarks(text: string): string {
  return text.replace(KEEP_MARKS, '');
}

// Spans whose digits stay: display math, inline math, code, an ordered-list marker (Markdown reads only 0–9 there), kept text,
// an answer box (its field is named as the CSV column: q1.dw[1]).
const UNCHANGED = new RegExp(
  [
    String.raw`\$\$[\s\S]*?\$\$`,
    String.raw`\$[^$]+\$`,
    '`[^`\\n]*`',
    String.raw`^[ \t]*\d+[.)](?=[ \t])`,
    `${KEEP_OPEN}[^${KEEP_CLOSE}]*${KEEP_CLOSE}`,
    FIELD_MARK_PATTERN,
  ].join('|'),
  'gm',
);

// A number as the renderer prints it in prose: optional sign, digits, decimals, a power of ten (plainNumber's × 10⁻³²), percent.
// Not part of a Latin word or id (s001, 26B5, week1); a Persian word may follow (۲تایی).
const PROSE_NUMBER = /(?<![A-Za-z0-9_.])([−-])?(\d+(?:\.\d+)?)(?: × 10([⁻⁺]?)([⁰¹²³⁴⁵⁶⁷⁸⁹]+))?(%)?(?![A-Za-z0-9_])/g;

/** Latin digits 0–9 as Persian ۰–۹ (nothing else changed): a page number, a count. */
export const persianDigits = (latin: string) => latin.replace(/\d/g, (d) => PERSIAN_DIGITS[Number(d)]!);

/** One number in Persian form: 12 → ۱۲, 0.34 → ۰٫۳۴; −0.5 → LRI−۰٫۵PDI, 3.49 × 10⁻³² → LRI۳٫۴۹ × ۱۰^−۳۲PDI, 1% → LRI۱٪PDI. */
function persianNumber(sign: string | undefined, digits: string, exponentSign: string, exponent: string | undefined, percent: string | undefined): string {
  const mantissa = persianDigits(digits).replace('.', ARABIC_DECIMAL_SEPARATOR);
  let number = `${sign ?? ''}${mantissa}`;
  if (exponent !== undefined) {
    const power = persianDigits([...exponent].map((c) => String(SUPERSCRIPT_DIGITS.indexOf(c))).join(''));
    number += ` × ۱۰^${exponentSign === '⁻' ? '−' : ''}${power}`;
  }
  if (percent) number += ARABIC_PERCENT;
  // A number with a sign, a power of ten or a percent sign is isolated left to right: it then reads
  // whole inside Persian text (a mark before the minus left "۱ × ۱۰^−۶" to the neighbours' rules),
  // in a browser as in the PDF.
  return number === mantissa ? number : isolatedLtr(number);
}

/** Prose outside formulas and code: numbers in Persian form, and the comma of a list of numbers as the Persian comma (۱، ۲). */
function persianProse(text: string): string {
  const converted = text.replace(PROSE_NUMBER, (_, sign, digits, exponentSign, exponent, percent) =>
    persianNumber(sign, digits, exponentSign ?? '', exponent, percent),
  );
  return converted.replace(/(?<=[۰-۹٪]\u2069?), (?=\u2066?[−-]?[۰-۹])/g, '، ');
}

/** The Markdown with its prose numbers in Persian digits; the kept-as-typed marks are removed. */
export function withPersianDigits(markdown: string): string {
  let result = '';
  let last = 0;
  for (const match of markdown.matchAll(UNCHANGED)) {
    result += persianProse(markdown.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  result += persianProse(markdown.slice(last));
  return withoutKeepMarks(result);
}
