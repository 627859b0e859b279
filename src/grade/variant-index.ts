import type { Credit } from '../bank/credit.js';
import { type Digits, LOCALES, type Locale } from '../bank/bank.js';
import { ProblemList } from '../bank/errors.js';
import { type PartPoints, PartPointsError, pointsPerPart } from '../bank/part-points.js';
import { type Bands, type ProblemTolerance, type Tolerance, RULE_KEYS, ruleFor } from '../tolerance/tolerance.js';
import { MAX_CARRIED_FIGURES, MIN_CARRIED_FIGURES } from '../tolerance/carried-rounding.js';
import { FAMILIES, familyNamed } from '../families/index.js';
import { didYouMean } from '../bank/did-you-mean.js';
import { cutText } from '../text/long-text.js';
import type { AnswerJson } from '../families/solution.js';
import type { Family, Given } from '../families/types.js';
import { VARIANT_SCHEMA } from '../variant/record.js';
import { D } from '../engine/decimal.js';
import { type SiteFields, siteFieldFault } from '../text/front-matter.js';
import { jsonLines } from './json-lines.js';

// variants.jsonl is read twice: once to index it (who has which problem and
// parts, checking every line) while the submissions are routed, and once to
// grade it line by line. Holding every key and given of a class of 20,000
// at once would cost more memory than the grading itself.

/** The part ids of a problem shape, shared by every variant of that shape. */
export interface PartList {
  readonly ids: readonly string[];
  readonly indexOf: ReadonlyMap<string, number>;
}

/** What the index keeps of one (student, problem): its place, its parts, what the student submitted. */
export interface VariantSlot {
  readonly line: number;
  readonly student: string;
  readonly problem: string;
  readonly family: Family;
  readonly parts: PartList;
  /** The same as parts.ids (what the second pass needs of it). */
  readonly partIds: readonly string[];
  /** What the student typed per part (undefined or null where no row gave one); made with the first row. */
  submitted: (string | null | undefined)[] | undefined;
  /** Submission line that gave each part (0: none), to name the first of duplicates. */
  submittedLine: Int32Array | undefined;
  /**
   * Set when the student answered another student's variant of this problem (a Moodle random
   * question drew it): that record's line, and its text once read. Graded against it.
   */
  answered?: { line: number; text: string } | undefined;
}

/** The numbers of a variant's record, read again for grading. */
export interface VariantNumbers {
  readonly name: string;
  readonly given: Given;
  readonly points: number;
  /** Points of each part, in part order, and as printed. */
  readonly shares: readonly D[];
  readonly shareTexts: readonly string[];
  /** Whether every part has the same share (no part points): grading then sums credits, not points. */
  readonly equalShares: boolean;
  /** The credit the bank set for ecf and misconception answers (undefined: not set). */
  readonly credit: { ecf: D; misconception: D } | undefined;
  readonly tolerance: ProblemTolerance;
  /** The carried-rounding band of each part whose tolerance is carried_rounding (undefined: none is). */
  readonly bands: Bands | undefined;
  readonly sigfigs: number;
  /** The stored key of each part, in part order: exact decimal text. */
  readonly keys: readonly string[];
  /** The bank's front matter for a course site (undefined: not set). */
  readonly site: SiteFields | undefined;
  /** The misconception catalogue the record was drawn against (undefined: none recorded, an older sigmax). */
  readonly catalogue: string | undefined;
}

export type KeyedVariant = VariantSlot & VariantNumbers;

export interface VariantIndex {
  readonly file: string;
  readonly set: string;
  /** Students in order of first appearance, each with their problems in file order. */
  readonly students: ReadonlyMap<string, ReadonlyMap<string, VariantSlot>>;
  /** Every variant in file order. */
  readonly order: readonly VariantSlot[];
  /** Problem ids in order of first appearance. */
  readonly problems: readonly string[];
  /** Whether some variant of this problem has this part. */
  hasPart(problem: string, part: string): boolean;
  /** Variants checked against another misconception catalogue than the one grading uses. */
  readonly catalogueNotes: readonly string[];
  /** The locales of the variants (`en` where a line has none), in order of first appearance, each with its first line. */
  readonly locales: ReadonlyMap<Locale, number>;
  /** The first line's front matter for a course site (the bank's `site`), for report.md. */
  readonly site: SiteFields | undefined;
  /** The digits of prose numbers the set printed (the first line's `digits`; latin where absent). */
  readonly digits: Digits;
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
/** Enough to fix a broken file; more only repeats the same mistake. */
const MAX_PROBLEMS = 20;

/** First pass: checks every line and indexes the variants; each bad line is reported as file:line: field: message. */
export async function loadVariants(file: string): Promise<VariantIndex> {
  const problems = new ProblemList();
  const students = new Map<string, Map<string, VariantSlot>>();
  const order: VariantSlot[] = [];
  const partsOfProblem = new Map<string, Set<string>>();
  const partLists = new Map<string, PartList>();
  const partPointsFaults = new Map<string, PartPointsError | null>();
  const catalogues = new Map<string, number>();
  const locales = new Map<Locale, number>();
  let set = '';
  let site: SiteFields | undefined;
  let first = true;
  let digits: Digits | undefined;
  for await (const { line, text } of jsonLines(file)) {
    if (problems.count >= MAX_PROBLEMS) break;
    const report = (field: string | undefined, message: string) => problems.add({ file, line, field }, message);
    const read = readSlot(text, line, report, partLists, partPointsFaults);
    if (!read) continue;
    const { slot } = read;
    let byProblem = students.get(slot.student);
    if (!byProblem) students.set(slot.student, (byProblem = new Map()));
    const earlier = byProblem.get(slot.problem);
    if (earlier) {
      report('problem', `duplicate variant of ${slot.student}/${slot.problem} (first on line ${earlier.line})`);
      continue;
    }
    byProblem.set(slot.problem, slot);
    order.push(slot);
    let known = partsOfProblem.get(slot.problem);
    if (!known) partsOfProblem.set(slot.problem, (known = new Set()));
    for (const id of slot.parts.ids) known.add(id);
    set ||= read.set;
    if (first) [site, first] = [read.site, false];
    digits ??= read.digits;
    if (!locales.has(read.locale)) locales.set(read.locale, line);
    const current = slot.family.misconceptions?.version;
    if (read.catalogue !== current) {
      const change =
        read.catalogue === undefined
          ? `carry no misconception catalogue version (written by an older sigmax; grading uses ${current})`
          : `were generated with misconception catalogue ${read.catalogue}; grading uses ${current ?? 'none'}`;
      catalogues.set(change, (catalogues.get(change) ?? 0) + 1);
    }
  }
  if (order.length === 0 && problems.count === 0) {
    problems.add({ file }, 'no variants in the file; expected the variants.jsonl that generate wrote');
  }
  problems.throwIfAny();
  return {
    file,
    set,
    students,
    order,
    problems: [...partsOfProblem.keys()],
    hasPart: (problem, part) => partsOfProblem.get(problem)?.has(part) ?? false,
    catalogueNotes: [...catalogues].map(([change, n]) => `${n} variant(s) ${change}`),
    locales,
    site,
    digits: digits ?? 'latin',
  };
}

function readSlot(
  text: string,
  line: number,
  report: (field: string | undefined, message: string) => void,
  partLists: Map<string, PartList>,
  partPointsFaults: Map<string, PartPointsError | null>,
): {
  slot: VariantSlot;
  set: string;
  catalogue: string | undefined;
  locale: Locale;
  site: SiteFields | undefined;
  digits: Digits;
} | null {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    report(undefined, `not valid JSON (${(error as Error).message})`);
    return null;
  }
  if (!isObject(record)) {
    report(undefined, 'expected one JSON object per line');
    return null;
  }
  let sound = true;
  const need = (field: string, ok: boolean, expected: string) => {
    if (ok) return;
    report(field, `expected ${expected}, got ${JSON.stringify(record[field]) ?? 'nothing'}`);
    sound = false;
  };
  need('schema', record.schema === VARIANT_SCHEMA, `"${VARIANT_SCHEMA}"`);
  need('student', typeof record.student === 'string' && record.student !== '', 'a student id');
  need('problem', typeof record.problem === 'string' && record.problem !== '', 'a problem id');
  const family = typeof record.family === 'string' ? familyNamed(record.family) : undefined;
  if (typeof record.family === 'string' && family === undefined) {
    // A name, but not one this sigmax knows: a typo, or a record of a newer sigmax.
    const known = [...FAMILIES.keys()];
    report(
      'family',
      `unknown family "${cutText(record.family)}"${didYouMean(record.family, known)}; this sigmax grades ${known.join(', ')} ` +
        '(a record written by a newer sigmax needs that version)',
    );
    sound = false;
  } else need('family', family !== undefined, 'a known family');
  need('points', typeof record.points === 'number' && record.points >= 0 && Number.isFinite(record.points), 'a number ≥ 0');
  need('tolerance', isProblemTolerance(record.tolerance), `one rule of ${RULE_KEYS.join(', ')}, optionally with parts`);
  need('given', isObject(record.given), 'an object of given values');
  need('credit', record.credit === undefined || isCredit(record.credit), '{ecf, misconception}, each a share from 0 to 1');
  need('part_points', record.part_points === undefined || isPartPoints(record.part_points), 'an object of points ≥ 0');
  need('site', record.site === undefined || isSite(record.site), 'an object of front matter keys (layout, permalink, …)');
  // Older files have no locale: their sheets were English.
  need('locale', record.locale === undefined || (LOCALES as readonly unknown[]).includes(record.locale), `one of ${LOCALES.join(', ')}`);
  const ids: string[] = [];
  const flat = isObject(record.answers) && flattenAnswers(record.answers as AnswerJson, '', ids, []);
  need('answers', flat === true && ids.length > 0, 'an object of decimal strings');
  if (!sound) return null;
  const missingBand = bandsFault(record.tolerance as ProblemTolerance, record.bands, ids);
  if (missingBand) {
    report('bands', missingBand);
    return null;
  }

  const signature = ids.join('\n');
  if (record.part_points !== undefined) {
    const fault = partPointsFault(record.points as number, ids, record.part_points as PartPoints, signature, partPointsFaults);
    if (fault) {
      report(fault.key === undefined ? 'part_points' : `part_points.${fault.key}`, fault.message);
      return null;
    }
  }
  let parts = partLists.get(signature);
  if (!parts) partLists.set(signature, (parts = { ids, indexOf: new Map(ids.map((id, i) => [id, i])) }));
  const slot: VariantSlot = {
    line,
    student: record.student as string,
    problem: record.problem as string,
    family: family!,
    parts,
    partIds: parts.ids,
    submitted: undefined,
    submittedLine: undefined,
  };
  return {
    slot,
    set: typeof record.set === 'string' ? record.set : '',
    catalogue: typeof record.catalogue === 'string' ? record.catalogue : undefined,
    locale: (record.locale as Locale | undefined) ?? 'en',
    site: record.site as SiteFields | undefined,
    digits: record.digits === 'persian' ? 'persian' : 'latin',
  };
}

/** Why a record's part points do not fit its parts (null: they do), worked out once per problem shape and setting. */
function partPointsFault(
  points: number,
  ids: readonly string[],
  partPoints: PartPoints,
  signature: string,
  known: Map<string, PartPointsError | null>,
): PartPointsError | null {
  const key = `${points}\n${JSON.stringify(partPoints)}\n${signature}`;
  let fault = known.get(key);
  if (fault === undefined) {
    try {
      pointsPerPart(points, ids, partPoints);
      fault = null;
    } catch (error) {
      if (!(error instanceof PartPointsError)) throw error;
      fault = error;
    }
    known.set(key, fault);
  }
  return fault;
}

/** Part ids and key texts in answer order; false when an answer is not a decimal string. */
function flattenAnswers(answers: AnswerJson, path: string, ids: string[], keys: string[]): boolean {
  if (typeof answers === 'string') {
    ids.push(path);
    keys.push(answers);
    return DECIMAL.test(answers);
  }
  if (Array.isArray(answers)) return answers.every((sub, i) => flattenAnswers(sub, `${path}[${i + 1}]`, ids, keys));
  if (!isObject(answers)) return false;
  return Object.entries(answers).every(([key, sub]) => flattenAnswers(sub, path ? `${path}.${key}` : key, ids, keys));
}

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const figures = (x: unknown, min = 1, max = 30) => Number.isInteger(x) && (x as number) >= min && (x as number) <= max;

function isTolerance(value: unknown): value is Tolerance {
  if (!isObject(value)) return false;
  if ('sigfigs' in value) return figures(value.sigfigs);
  if ('carried_rounding' in value) return figures(value.carried_rounding, MIN_CARRIED_FIGURES, MAX_CARRIED_FIGURES);
  if ('prairielearn_sigfig' in value) return figures(value.prairielearn_sigfig);
  if ('stack_numsigfigs' in value) return figures(value.stack_numsigfigs);
  if ('webwork_digits' in value) {
    return figures(value.webwork_digits) && typeof value.truncation === 'boolean' && Number.isInteger(value.extra_digits) && (value.extra_digits as number) >= 0;
  }
  const ok = (x: unknown) => typeof x === 'number' && Number.isFinite(x) && x >= 0;
  return ok(value.rel) && ok(value.abs);
}

/** A band as bandText writes it: a decimal ≥ 0 of at most 15 significant digits, in the range where a float holds them exactly. */
function isBand(text: unknown): boolean {
  if (typeof text !== 'string' || !DECIMAL.test(text)) return false;
  const band = new D(text);
  return band.isZero() || (!band.isNeg() && band.sd() <= 15 && band.gte('1e-300') && band.lte('1e300'));
}

/** Why a record's bands do not serve its carried_rounding parts (null: they do). */
function bandsFault(tolerance: ProblemTolerance, bands: unknown, ids: readonly string[]): string | null {
  const needing = ids.filter((id) => 'carried_rounding' in ruleFor(tolerance, id));
  if (needing.length === 0) return null;
  if (!isObject(bands)) return `expected the carried_rounding band of each part (${needing[0]}, ...), got ${JSON.stringify(bands) ?? 'nothing'}`;
  const bad = needing.find((id) => !isBand(bands[id]));
  if (bad === undefined) return null;
  const got = JSON.stringify(bands[bad]) ?? 'nothing';
  return `${bad}: expected a band (a decimal ≥ 0 of at most 15 significant digits, e.g. "0.00012"), got ${got}`;
}

function isCredit(value: unknown): value is Credit {
  const share = (x: unknown) => typeof x === 'number' && x >= 0 && x <= 1;
  return isObject(value) && share(value.ecf) && share(value.misconception);
}

function isPartPoints(value: unknown): value is PartPoints {
  return isObject(value) && Object.values(value).every((x) => typeof x === 'number' && Number.isFinite(x) && x >= 0);
}

function isSite(value: unknown): value is SiteFields {
  return isObject(value) && Object.entries(value).every(([key, field]) => siteFieldFault(key, field) === null);
}

function isProblemTolerance(value: unknown): value is ProblemTolerance {
  if (!isTolerance(value)) return false;
  const parts = (value as { parts?: unknown }).parts;
  return parts === undefined || (isObject(parts) && Object.values(parts).every(isTolerance));
}
