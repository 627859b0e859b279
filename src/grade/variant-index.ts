import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { InputError, ProblemList } from '../bank/errors.js';
import type { ProblemTolerance, Tolerance } from '../bank/tolerance.js';
import { familyNamed } from '../families/index.js';
import type { AnswerJson } from '../families/solution.js';
import type { Family, Given } from '../families/types.js';
import { VARIANT_SCHEMA } from '../variant/record.js';

/** The part ids of a problem shape, shared by every variant of that shape. */
export interface PartList {
  readonly ids: readonly string[];
  readonly indexOf: ReadonlyMap<string, number>;
}

/** One (student, problem) of variants.jsonl, with the answers the student submitted for it. */
export interface VariantSlot {
  readonly line: number;
  readonly student: string;
  readonly name: string;
  readonly problem: string;
  readonly family: Family;
  readonly given: Given;
  readonly points: number;
  readonly tolerance: ProblemTolerance;
  readonly sigfigs: number;
  /** Misconception catalogue the variant was checked against at generation (absent in older records). */
  readonly catalogue: string | undefined;
  readonly parts: PartList;
  /** The stored key of each part, in part order: exact decimal text. */
  readonly keys: readonly string[];
  /** What the student typed per part; undefined where no row gave one. */
  readonly submitted: (string | undefined)[];
  /** Submission line that gave each part (0: none yet), to name the first of duplicates. */
  readonly submittedLine: Int32Array;
}

export interface VariantIndex {
  readonly file: string;
  readonly set: string;
  /** Students in order of first appearance, each with their problems in file order. */
  readonly students: ReadonlyMap<string, ReadonlyMap<string, VariantSlot>>;
  /** Problem ids in order of first appearance. */
  readonly problems: readonly string[];
  /** Whether some variant of this problem has this part. */
  hasPart(problem: string, part: string): boolean;
  readonly variantCount: number;
}

/** Objects every variant of a shape shares, instead of one copy per line. */
interface SharedParts {
  parts: Map<string, PartList>;
  tolerances: Map<string, ProblemTolerance>;
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
/** Enough to fix a broken file; more only repeats the same mistake. */
const MAX_PROBLEMS = 20;

/** Reads variants.jsonl line by line; every bad line is reported as file:line: field: message. */
export async function loadVariants(file: string): Promise<VariantIndex> {
  const problems = new ProblemList();
  const students = new Map<string, Map<string, VariantSlot>>();
  const partsOfProblem = new Map<string, Set<string>>();
  const shared: SharedParts = { parts: new Map(), tolerances: new Map() };
  let set = '';
  let count = 0;
  let lineNumber = 0;
  try {
    const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
    for await (const raw of lines) {
      lineNumber++;
      const text = lineNumber === 1 ? raw.replace(/^\uFEFF/, '') : raw;
      if (text.trim() === '' || problems.count >= MAX_PROBLEMS) continue;
      const report = (field: string | undefined, message: string) =>
        problems.add({ file, line: lineNumber, field }, message);
      const read = readSlot(text, lineNumber, report, shared);
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
      let known = partsOfProblem.get(slot.problem);
      if (!known) partsOfProblem.set(slot.problem, (known = new Set()));
      for (const id of slot.parts.ids) known.add(id);
      set ||= read.set;
      count++;
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code) throw InputError.at({ file }, `cannot read the file (${code})`);
    throw error;
  }
  if (count === 0 && problems.count === 0) problems.add({ file }, 'no variants in the file; expected the variants.jsonl that generate wrote');
  problems.throwIfAny();
  return {
    file,
    set,
    students,
    problems: [...partsOfProblem.keys()],
    hasPart: (problem, part) => partsOfProblem.get(problem)?.has(part) ?? false,
    variantCount: count,
  };
}

function readSlot(
  text: string,
  line: number,
  report: (field: string | undefined, message: string) => void,
  shared: SharedParts,
): { slot: VariantSlot; set: string } | null {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    report(undefined, `not valid JSON (${(error as Error).message})`);
    return null;
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
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
  need('family', family !== undefined, 'a known family');
  need('points', typeof record.points === 'number' && record.points >= 0 && Number.isFinite(record.points), 'a number ≥ 0');
  need('tolerance', isProblemTolerance(record.tolerance), '{rel, abs} or {sigfigs}, optionally with parts');
  need('given', isObject(record.given), 'an object of given values');
  const ids: string[] = [];
  const keys: string[] = [];
  const flat = isObject(record.answers) && flattenAnswers(record.answers as AnswerJson, '', ids, keys);
  need('answers', flat === true && ids.length > 0, 'an object of decimal strings');
  if (!sound) return null;

  const signature = ids.join('\n');
  let parts = shared.parts.get(signature);
  if (!parts) shared.parts.set(signature, (parts = { ids, indexOf: new Map(ids.map((id, i) => [id, i])) }));
  // One object per distinct tolerance, so per-part tolerances are worked out once per class.
  const toleranceText = JSON.stringify(record.tolerance);
  let tolerance = shared.tolerances.get(toleranceText);
  if (!tolerance) shared.tolerances.set(toleranceText, (tolerance = record.tolerance as ProblemTolerance));
  const slot: VariantSlot = {
    line,
    student: record.student as string,
    name: typeof record.name === 'string' ? record.name : '',
    problem: record.problem as string,
    family: family!,
    given: record.given as Given,
    points: record.points as number,
    tolerance,
    sigfigs: typeof record.sigfigs === 'number' && record.sigfigs >= 1 ? Math.min(20, Math.floor(record.sigfigs)) : 4,
    catalogue: typeof record.catalogue === 'string' ? record.catalogue : undefined,
    parts,
    keys,
    submitted: new Array<string | undefined>(ids.length),
    submittedLine: new Int32Array(ids.length),
  };
  return { slot, set: typeof record.set === 'string' ? record.set : '' };
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

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function isTolerance(value: unknown): value is Tolerance {
  if (!isObject(value)) return false;
  if ('sigfigs' in value) return Number.isInteger(value.sigfigs) && (value.sigfigs as number) >= 1 && (value.sigfigs as number) <= 30;
  const ok = (x: unknown) => typeof x === 'number' && Number.isFinite(x) && x >= 0;
  return ok(value.rel) && ok(value.abs);
}

function isProblemTolerance(value: unknown): value is ProblemTolerance {
  if (!isTolerance(value)) return false;
  const parts = (value as { parts?: unknown }).parts;
  return parts === undefined || (isObject(parts) && Object.values(parts).every(isTolerance));
}
