import { FAMILIES, familyNamed } from '../families/index.js';
import type { Family, GivenValue, Params } from '../families/types.js';
import { type Credit, DEFAULT_CREDIT } from './credit.js';
import { didYouMean } from './did-you-mean.js';
import { ProblemList } from './errors.js';
import { readParams, readPins, type Report } from './params.js';
import { type PartPoints, PartPointsError, namedPoints } from './part-points.js';
import { DEFAULT_TOLERANCE, type ProblemTolerance, type Tolerance } from '../tolerance/tolerance.js';
import { MAX_CARRIED_FIGURES, MIN_CARRIED_FIGURES } from '../tolerance/carried-rounding.js';
import type { SiteFields } from '../text/front-matter.js';
import { readSite } from './site.js';
import { type FieldPath, type Plain, YamlSource, fieldName } from './yaml-source.js';

export const LOCALES = ['en', 'fa', 'ro'] as const;
export type Locale = (typeof LOCALES)[number];
/** Locales written right to left: their Markdown says `dir: rtl`, their PDF is laid out right to left. */
export const RTL_LOCALES: ReadonlySet<string> = new Set<Locale>(['fa']);
/** How numbers in prose are printed: Latin digits, or Persian ۰–۹ with ٫ (formulas keep Latin digits). */
export const DIGITS = ['latin', 'persian'] as const;
export type Digits = (typeof DIGITS)[number];
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;
const DEFAULT_POINTS = 10;
const DEFAULT_SIGFIGS = 4;

export interface Problem {
  id: string;
  family: Family;
  title: string | undefined;
  params: Params;
  /** Given values the bank fixes; the rest are drawn. */
  pins: Readonly<Record<string, GivenValue>>;
  points: number;
  /** Points of named parts; the other parts share the rest equally (undefined: all share equally). */
  partPoints: PartPoints | undefined;
  /** Credit for ecf and misconception answers, when the bank sets it (undefined: the grader's defaults). */
  credit: Credit | undefined;
  tolerance: ProblemTolerance;
  /** Significant figures a sheet asks students to round to. */
  sigfigs: number;
  /** Where the problem stands, for messages about it. */
  line: number | undefined;
}

export interface Bank {
  file: string;
  id: string;
  title: string;
  seed: string;
  locale: Locale;
  digits: Digits;
  /** Front matter for a course site (`site:`), when the bank sets it. */
  site: SiteFields | undefined;
  problems: Problem[];
}

const BANK_KEYS = ['id', 'title', 'seed', 'locale', 'digits', 'site', 'defaults', 'problems'];
const DEFAULTS_KEYS = ['tolerance', 'points', 'sigfigs', 'credit'];
const PROBLEM_KEYS = ['id', 'family', 'params', 'given', 'points', 'part_points', 'credit', 'tolerance', 'title', 'sigfigs'];

/** Reads and checks a bank; every problem found is reported at once, as file:line: field: message. */
export function loadBank(file: string): Bank {
  const source = YamlSource.read(file);
  const problems = new ProblemList();
  const report: Report = (path, message) =>
    problems.add({ file, line: source.lineOf(path), field: fieldName(path) || undefined }, message);

  const root = source.root;
  if (!isMapping(root)) {
    report([], 'expected a mapping with id, title, seed and problems');
    problems.throwIfAny();
    throw new Error('unreachable');
  }
  unknownKeys(root, BANK_KEYS, [], report);
  const id = text(root.id, ['id'], report, { pattern: ID_PATTERN, required: true }) ?? 'set';
  const seed = text(root.seed, ['seed'], report, { required: true }) ?? '';
  const title = text(root.title, ['title'], report) ?? id;
  const locale = (text(root.locale, ['locale'], report, { choices: LOCALES }) ?? 'en') as Locale;
  const digits = (text(root.digits, ['digits'], report, { choices: DIGITS }) ?? 'latin') as Digits;
  const site = readSite(root.site, ['site'], report);

  const defaults = isMapping(root.defaults) ? root.defaults : {};
  if (root.defaults !== undefined && !isMapping(root.defaults)) report(['defaults'], 'expected a mapping');
  unknownKeys(defaults, DEFAULTS_KEYS, ['defaults'], report);
  const bankTolerance = readTolerance(defaults.tolerance, ['defaults', 'tolerance'], report);
  const bankPoints = positiveNumber(defaults.points, ['defaults', 'points'], report) ?? DEFAULT_POINTS;
  const bankSigfigs = wholeNumber(defaults.sigfigs, ['defaults', 'sigfigs'], report, 1, 12);
  const defaultTolerance = toleranceDefault(report);
  const bankCredit = readCredit(defaults.credit, ['defaults', 'credit'], report, undefined);

  const list = Array.isArray(root.problems) ? root.problems : [];
  if (!Array.isArray(root.problems) || list.length === 0) report(['problems'], 'expected a list of at least one problem');
  const seen = new Set<string>();
  const read: Problem[] = [];
  list.forEach((raw, index) => {
    const path: FieldPath = ['problems', index];
    if (!isMapping(raw)) return report(path, 'expected a mapping with id, family and params');
    unknownKeys(raw, PROBLEM_KEYS, path, report);
    const problemId = text(raw.id, [...path, 'id'], report, { pattern: ID_PATTERN, required: true });
    if (problemId && seen.has(problemId)) report([...path, 'id'], `duplicate problem id "${problemId}"`);
    if (problemId) seen.add(problemId);
    const familyName = text(raw.family, [...path, 'family'], report, { required: true });
    const family = familyName ? familyNamed(familyName) : undefined;
    if (familyName && !family) {
      report(
        [...path, 'family'],
        `unknown family "${familyName}"${didYouMean(familyName, FAMILIES.keys())}; expected one of ${[...FAMILIES.keys()].join(', ')}`,
      );
    }
    if (!family || !problemId) return;
    const pinned = { raw: raw.given, path: [...path, 'given'], placeOf: (at: FieldPath) => `${file}:${source.lineOf(at) ?? '?'}` };
    const params = readParams(family, raw.params, [...path, 'params'], report, pinned);
    const points = positiveNumber(raw.points, [...path, 'points'], report) ?? bankPoints;
    const ownSigfigs = wholeNumber(raw.sigfigs, [...path, 'sigfigs'], report, 1, 12);
    const tolerance =
      readTolerance(raw.tolerance, [...path, 'tolerance'], report) ??
      bankTolerance ??
      defaultTolerance(ownSigfigs === undefined ? bankSigfigs : ownSigfigs, ownSigfigs === undefined ? ['defaults', 'sigfigs'] : [...path, 'sigfigs']);
    read.push({
      id: problemId,
      family,
      title: text(raw.title, [...path, 'title'], report),
      params,
      pins: readPins(family, params, raw.given, [...path, 'given'], report),
      points,
      partPoints: readPartPoints(raw.part_points, points, [...path, 'part_points'], report),
      credit: readCredit(raw.credit, [...path, 'credit'], report, bankCredit),
      tolerance,
      sigfigs: ownSigfigs ?? bankSigfigs ?? DEFAULT_SIGFIGS,
      line: source.lineOf(path),
    });
  });
  problems.throwIfAny();
  return { file, id, title, seed, locale, digits, site, problems: read };
}

type Mapping = { [key: string]: Plain };
const isMapping = (value: Plain | undefined): value is Mapping =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function unknownKeys(map: Mapping, allowed: readonly string[], path: FieldPath, report: Report) {
  for (const key of Object.keys(map)) {
    if (!allowed.includes(key)) report([...path, key], `unknown field${didYouMean(key, allowed)}; expected one of ${allowed.join(', ')}`);
  }
}

function text(
  value: Plain | undefined,
  path: FieldPath,
  report: Report,
  rules: { pattern?: RegExp; choices?: readonly string[]; required?: boolean } = {},
): string | undefined {
  if (value === undefined || value === null) {
    if (rules.required) report(path, 'missing (required)');
    return undefined;
  }
  if (typeof value !== 'string') return void report(path, `expected text, got ${JSON.stringify(value)}`);
  if (rules.pattern && !rules.pattern.test(value)) {
    return void report(path, `expected letters, digits, _ or - (at most 40), got "${value}"`);
  }
  if (rules.choices && !rules.choices.includes(value)) {
    return void report(path, `expected ${rules.choices.join('|')}, got "${value}"`);
  }
  return value;
}

function positiveNumber(value: Plain | undefined, path: FieldPath, report: Report): number | undefined {
  if (value === undefined || value === null) return undefined;
  const n = typeof value === 'string' ? Number(value) : NaN;
  if (!(n > 0) || !Number.isFinite(n)) return void report(path, `expected a positive number, got ${JSON.stringify(value)}`);
  return n;
}

function wholeNumber(value: Plain | undefined, path: FieldPath, report: Report, min: number, max: number) {
  if (value === undefined || value === null) return undefined;
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(n >= min && n <= max)) {
    return void report(path, `expected a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return n;
}

/** Part ids or answers to points ≥ 0; whether the keys name parts is checked once the problem is solved. */
function readPartPoints(value: Plain | undefined, total: number, path: FieldPath, report: Report): PartPoints | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isMapping(value)) return void report(path, 'expected a mapping from part id or answer (dw[1], dw, steps[2]) to points');
  const read: Record<string, number> = {};
  for (const [key, raw] of Object.entries(value)) {
    const n = typeof raw === 'string' ? Number(raw) : NaN;
    if (!(n >= 0) || !Number.isFinite(n)) report([...path, key], `expected points ≥ 0, got ${JSON.stringify(raw)}`);
    else read[key] = n;
  }
  try {
    namedPoints(total, read);
  } catch (error) {
    if (!(error instanceof PartPointsError)) throw error;
    report(path, error.message);
  }
  return read;
}

/** { ecf, misconception } as shares of a part's points (0–1); an unset one is taken from the fallback. */
function readCredit(value: Plain | undefined, path: FieldPath, report: Report, fallback: Credit | undefined): Credit | undefined {
  if (value === undefined || value === null) return fallback;
  if (!isMapping(value)) return void report(path, 'expected { ecf, misconception }, each a share from 0 to 1');
  unknownKeys(value, ['ecf', 'misconception'], path, report);
  const share = (key: keyof Credit) => {
    const raw = value[key];
    if (raw === undefined) return (fallback ?? DEFAULT_CREDIT)[key];
    const n = typeof raw === 'string' ? Number(raw) : NaN;
    if (!(n >= 0 && n <= 1)) report([...path, key], `expected a share from 0 to 1, got ${JSON.stringify(raw)}`);
    return n >= 0 && n <= 1 ? n : DEFAULT_CREDIT[key];
  };
  return { ecf: share('ecf'), misconception: share('misconception') };
}

/**
 * The tolerance of a problem that sets none, in a bank that sets none: the
 * contract's {rel: 0.01, abs: 1e-8}, unless the bank says how many significant
 * figures its sheets ask for — then the rounding a student is told to carry,
 * { carried_rounding: sigfigs }. Said once per field when that cannot be.
 */
function toleranceDefault(report: Report): (sigfigs: number | undefined, at: FieldPath) => Tolerance {
  const reported = new Set<string>();
  return (sigfigs, at) => {
    if (sigfigs === undefined) return DEFAULT_TOLERANCE;
    if (sigfigs < MIN_CARRIED_FIGURES && !reported.has(fieldName(at))) {
      reported.add(fieldName(at));
      report(
        at,
        `with no tolerance, ${sigfigs} significant figure asks for the default { carried_rounding: ${sigfigs} }, which needs at least ` +
          `${MIN_CARRIED_FIGURES}; set a tolerance, e.g. { sigfigs: ${sigfigs} }`,
      );
    }
    return { carried_rounding: Math.max(sigfigs, MIN_CARRIED_FIGURES) };
  };
}

/** The keys that choose a tolerance rule, and the options that go with one. */
const RULE_FIELDS: Readonly<Record<string, string>> = {
  rel: 'rel',
  abs: 'rel',
  sigfigs: 'sigfigs',
  carried_rounding: 'carried_rounding',
  prairielearn_sigfig: 'prairielearn_sigfig',
  webwork_digits: 'webwork_digits',
  truncation: 'webwork_digits',
  extra_digits: 'webwork_digits',
  stack_numsigfigs: 'stack_numsigfigs',
};
const RULES_EXPECTED =
  '{ rel, abs }, { sigfigs }, { carried_rounding }, { prairielearn_sigfig }, { webwork_digits, truncation, extra_digits } or { stack_numsigfigs }';

function readTolerance(value: Plain | undefined, path: FieldPath, report: Report): ProblemTolerance | undefined {
  if (value === undefined || value === null) return undefined;
  const one = (raw: Plain | undefined, at: FieldPath, extraKeys: readonly string[] = []): Tolerance | undefined => {
    if (!isMapping(raw)) return void report(at, `expected one of ${RULES_EXPECTED}`);
    unknownKeys(raw, [...Object.keys(RULE_FIELDS), ...extraKeys], at, report);
    const stray = raw.webwork_digits === undefined && ['truncation', 'extra_digits'].find((key) => raw[key] !== undefined);
    if (stray) return void report([...at, stray], 'goes only with webwork_digits');
    const rules = [...new Set(Object.keys(raw).flatMap((key) => (RULE_FIELDS[key] ? [RULE_FIELDS[key]] : [])))];
    if (rules.length > 1) {
      const named = (rule: string) => (rule === 'rel' ? 'rel/abs' : rule);
      return void report(at, `give one rule, not ${rules.map(named).join(' and ')}`);
    }
    const figures = (key: string, min = 1, max = 15) => wholeNumber(raw[key], [...at, key], report, min, max);
    switch (rules[0]) {
      case 'sigfigs': {
        const sigfigs = figures('sigfigs');
        return sigfigs === undefined ? undefined : { sigfigs };
      }
      case 'carried_rounding': {
        const carried = figures('carried_rounding', MIN_CARRIED_FIGURES, MAX_CARRIED_FIGURES);
        return carried === undefined ? undefined : { carried_rounding: carried };
      }
      case 'prairielearn_sigfig': {
        const digits = figures('prairielearn_sigfig');
        return digits === undefined ? undefined : { prairielearn_sigfig: digits };
      }
      case 'stack_numsigfigs': {
        const digits = figures('stack_numsigfigs');
        return digits === undefined ? undefined : { stack_numsigfigs: digits };
      }
      case 'webwork_digits': {
        const digits = figures('webwork_digits');
        // WeBWorK's defaults: tolTruncation 1, tolExtraDigits 1.
        const extra = raw.extra_digits === undefined ? 1 : figures('extra_digits', 0, 5);
        const truncation = raw.truncation ?? true;
        if (typeof truncation !== 'boolean') report([...at, 'truncation'], `expected true or false, got ${JSON.stringify(truncation)}`);
        if (digits === undefined || extra === undefined || typeof truncation !== 'boolean') return undefined;
        return { webwork_digits: digits, truncation, extra_digits: extra };
      }
    }
    const number = (key: 'rel' | 'abs', fallback: number) => {
      const v = raw[key];
      if (v === undefined) return fallback;
      const n = typeof v === 'string' ? Number(v) : NaN;
      if (!(n >= 0)) report([...at, key], `expected a number ≥ 0, got ${JSON.stringify(v)}`);
      return n >= 0 ? n : fallback;
    };
    const rel = number('rel', 'rel' in DEFAULT_TOLERANCE ? DEFAULT_TOLERANCE.rel : 0);
    const abs = number('abs', 'abs' in DEFAULT_TOLERANCE ? DEFAULT_TOLERANCE.abs : 0);
    return { rel, abs };
  };
  const base = one(value, path, ['parts']);
  if (!base) return undefined;
  if (isMapping(value) && value.parts !== undefined) {
    if (!isMapping(value.parts)) report([...path, 'parts'], 'expected a mapping from part id to tolerance');
    else {
      const parts: Record<string, Tolerance> = {};
      for (const [partId, raw] of Object.entries(value.parts)) {
        const t = one(raw, [...path, 'parts', partId]);
        if (t) parts[partId] = t;
      }
      return { ...base, parts };
    }
  }
  return base;
}
