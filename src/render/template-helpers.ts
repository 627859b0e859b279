// Handlebars helpers the templates print numbers, vectors and matrices with.
// Inputs are the record's decimal strings; every helper returns TeX (or
// plain text, for tables) — never a JavaScript number.
import type { HelperOptions } from 'handlebars';
import { D } from '../engine/decimal.js';
import { displayNumber, plainNumber, texNumber } from './display-number.js';
import { partLabel } from './part-labels.js';
import { withoutKeepMarks } from './prose-digits.js';

type Hb = typeof import('handlebars');
type Value = string | readonly Value[];

const DEFAULT_SIGFIGS = 4;

/** Significant figures for this spot: `sigfigs=` on the call, else the nearest context that has them. */
function sigfigsAt(context: unknown, options: HelperOptions): number {
  const own = options.hash?.sigfigs;
  if (typeof own === 'number') return own;
  const here = (context as { sigfigs?: unknown } | null)?.sigfigs;
  if (typeof here === 'number') return here;
  const root = (options.data?.root as { sigfigs?: unknown } | undefined)?.sigfigs;
  return typeof root === 'number' ? root : DEFAULT_SIGFIGS;
}

function requireNumber(value: unknown, helper: string): string {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') throw new Error(`{{${helper}}}: expected a number from the record, got ${JSON.stringify(value)}`);
  return value;
}

function requireList(value: unknown, helper: string): readonly Value[] {
  if (!Array.isArray(value)) throw new Error(`{{${helper}}}: expected a vector or matrix, got ${JSON.stringify(value)}`);
  return value as readonly Value[];
}

export function registerHelpers(hb: Hb): void {
  /** An answer rounded to the problem's significant figures: {{num answers.z}}, {{num x paren=true}}. */
  hb.registerHelper('num', function (this: unknown, value: unknown, options: HelperOptions) {
    return texNumber(displayNumber(requireNumber(value, 'num'), sigfigsAt(this, options)), { paren: options.hash.paren === true });
  });
  /** A given exactly as drawn: {{exact given.b}}, {{exact given.b paren=true}}. */
  hb.registerHelper('exact', function (value: unknown, options: HelperOptions) {
    return texNumber(displayNumber(requireNumber(value, 'exact'), null), { paren: options.hash.paren === true });
  });
  /** "=" when the printed (rounded) value is the value, "\approx" when rounding changed it. */
  hb.registerHelper('approx', function (this: unknown, value: unknown, options: HelperOptions) {
    return displayNumber(requireNumber(value, 'approx'), sigfigsAt(this, options)).exact ? '=' : '\\approx';
  });
  /** Plain text for table cells (true minus, 3.49 × 10⁻³²); exact=true prints a given as drawn. */
  hb.registerHelper('plain', function (this: unknown, value: unknown, options: HelperOptions) {
    const sigfigs = options.hash.exact === true ? null : sigfigsAt(this, options);
    return plainNumber(displayNumber(requireNumber(value, 'plain'), sigfigs));
  });
  /** The negation of a decimal string, exactly (e^{-z} with z < 0 prints e^{0.67}). */
  hb.registerHelper('neg', (value: unknown) => {
    const negated = new D(requireNumber(value, 'neg')).neg();
    return negated.isZero() ? '0' : negated.toString();
  });

  const entry = (context: unknown, options: HelperOptions) => {
    const round = options.hash.round === true;
    const sigfigs = round ? sigfigsAt(context, options) : null;
    return (v: Value) => texNumber(displayNumber(requireNumber(v, 'vec'), sigfigs));
  };
  /** Column vector as pmatrix; round=true for answers. */
  hb.registerHelper('vec', function (this: unknown, value: unknown, options: HelperOptions) {
    const cells = requireList(value, 'vec').map(entry(this, options));
    return `\\begin{pmatrix} ${cells.join(' \\\\ ')} \\end{pmatrix}`;
  });
  /** Row vector as pmatrix (the transpose of a column), round=true for answers. */
  hb.registerHelper('rowvec', function (this: unknown, value: unknown, options: HelperOptions) {
    const cells = requireList(value, 'rowvec').map(entry(this, options));
    return `\\begin{pmatrix} ${cells.join(' & ')} \\end{pmatrix}`;
  });
  /** Matrix (rows of entries) as pmatrix; round=true for answers. */
  hb.registerHelper('mat', function (this: unknown, value: unknown, options: HelperOptions) {
    const format = entry(this, options);
    const rows = requireList(value, 'mat').map((row) => requireList(row, 'mat').map(format).join(' & '));
    return `\\begin{pmatrix} ${rows.join(' \\\\ ')} \\end{pmatrix}`;
  });
  /** Entry i (1-based, as printed) of a list: {{at given.x 2}}. */
  hb.registerHelper('at', (list: unknown, index: unknown) => requireList(list, 'at')[Number(index) - 1]);
  /** 1-based position from @index: w_{ {{inc @index}} }. */
  hb.registerHelper('inc', (index: unknown) => Number(index) + 1);
  /** A list joined for prose: {{join samples}} → 1, 2, 3. */
  hb.registerHelper('join', (list: unknown, options: HelperOptions) =>
    requireList(list, 'join').join(typeof options.hash.sep === 'string' ? options.hash.sep : ', '),
  );
  /** A list cut into rows of `size` for multi-column tables: {{#each (chunk parts 2)}}. */
  hb.registerHelper('chunk', (list: unknown, size: unknown) => {
    const items = requireList(list, 'chunk');
    const n = Math.max(1, Number(size) || 1);
    return Array.from({ length: Math.ceil(items.length / n) }, (_, i) => items.slice(i * n, i * n + n));
  });
  // An id or title marked to keep its digits (digits: persian) still equals its text.
  hb.registerHelper('eq', (a: unknown, b: unknown) => withoutKeepMarks(String(a)) === withoutKeepMarks(String(b)));
  hb.registerHelper('gt', (a: unknown, b: unknown) => Number(a) > Number(b));
  /** TeX symbol of a part id: {{partSymbol "dw[1]"}} → \partial L/\partial w_{1} (parts also carry it as `label`). */
  hb.registerHelper('partSymbol', (id: unknown) => partLabel(String(id)));
}
