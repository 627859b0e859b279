import type { Credit } from '../bank/credit.js';
import { InputError } from '../bank/errors.js';
import { type PartPoints, pointsPerPart } from '../bank/part-points.js';
import type { Bands, ProblemTolerance } from '../tolerance/tolerance.js';
import { D } from '../engine/decimal.js';
import { familyNamed } from '../families/index.js';
import type { AnswerJson } from '../families/solution.js';
import type { Given } from '../families/types.js';
import { points } from './feedback.js';
import { jsonLines } from './json-lines.js';
import { type KeyedVariant, type PartList, isObject } from './variant-index.js';

/** Part lists, tolerances, points and credits shared by the variants of one pass (one object per distinct value). */
interface SharedShapes {
  byIds: Map<readonly string[], PartList>;
  tolerances: Map<string, ProblemTolerance>;
  points: Map<PartList, Map<string, { shares: D[]; shareTexts: string[]; equalShares: boolean }>>;
  credits: Map<string, KeyedVariant['credit']>;
  sites: Map<string, KeyedVariant['site']>;
}

const sharedShapes = (): SharedShapes => ({
  byIds: new Map(),
  tolerances: new Map(),
  points: new Map(),
  credits: new Map(),
  sites: new Map(),
});

/** Each part's points (the first pass checked that the part points fit), worked out once per distinct setting. */
function partShares(shapes: SharedShapes, parts: PartList, record: Record<string, unknown>) {
  const partPoints = record.part_points as PartPoints | undefined;
  const key = `${record.points as number}\n${partPoints ? JSON.stringify(partPoints) : ''}`;
  let byPoints = shapes.points.get(parts);
  if (!byPoints) shapes.points.set(parts, (byPoints = new Map()));
  let found = byPoints.get(key);
  if (!found) {
    const shares = pointsPerPart(record.points as number, parts.ids, partPoints);
    byPoints.set(key, (found = { shares, shareTexts: shares.map(points), equalShares: partPoints === undefined }));
  }
  return found;
}

/** The bank's credit for ecf and misconception answers, as decimals; undefined when the record sets none. */
function creditOf(shapes: SharedShapes, record: Record<string, unknown>): KeyedVariant['credit'] {
  if (record.credit === undefined) return undefined;
  const text = JSON.stringify(record.credit);
  if (!shapes.credits.has(text)) {
    const { ecf, misconception } = record.credit as Credit;
    shapes.credits.set(text, { ecf: new D(ecf), misconception: new D(misconception) });
  }
  return shapes.credits.get(text);
}

/** The bank's front matter for a course site, one object per distinct setting; undefined when the record sets none. */
function siteOf(shapes: SharedShapes, record: Record<string, unknown>): KeyedVariant['site'] {
  if (record.site === undefined) return undefined;
  const text = JSON.stringify(record.site);
  if (!shapes.sites.has(text)) shapes.sites.set(text, record.site as KeyedVariant['site']);
  return shapes.sites.get(text);
}

/**
 * Second pass: the variants on these lines of the file (checked by the first
 * pass), in file order, each with its record's numbers and the answers the
 * student submitted for it. A line that no longer names the same student
 * and problem means the file changed while it was graded: an error.
 */
export async function* keyedVariants(
  file: string,
  wanted: readonly WantedVariant[],
): AsyncGenerator<KeyedVariant> {
  const shapes = sharedShapes();
  let at = 0;
  for await (const { line, text } of jsonLines(file)) {
    const slot = wanted[at];
    if (!slot) break;
    if (slot.line !== line) continue;
    at++;
    const variant = keyedVariant(text, line, shapes, slot);
    if (!variant || variant.student !== slot.student || variant.problem !== slot.problem) {
      throw InputError.at({ file, line }, 'the file changed while it was being graded');
    }
    yield slot.answered === undefined ? variant : answeredInstead(variant, slot.answered, shapes, slot, file);
    // Graded: let its answers go, so memory shrinks as the class is graded.
    slot.submitted = undefined;
    slot.answered = undefined;
  }
  if (at !== wanted.length) throw InputError.at({ file }, 'the file changed while it was being graded');
}

/** A variant the second pass grades: where it is, whose it is, its part ids (from the first pass) and answers. */
export interface WantedVariant {
  line: number;
  student: string;
  problem: string;
  partIds: readonly string[];
  submitted: (string | undefined | null)[] | undefined;
  /** The record the student answered when it is another student's (a Moodle random question drew it): its line and text. */
  answered?: { line: number; text: string } | undefined;
}

/**
 * The student's variant graded against the numbers of the record they
 * answered instead (same problem, same parts): who, where and what they
 * submitted stay theirs; givens, keys, points and tolerance are the record's.
 */
function answeredInstead(
  own: KeyedVariant,
  answered: { line: number; text: string },
  shapes: SharedShapes,
  slot: WantedVariant,
  file: string,
): KeyedVariant {
  const theirs = keyedVariant(answered.text, answered.line, shapes, slot);
  if (!theirs || theirs.problem !== own.problem || theirs.family !== own.family) {
    throw InputError.at({ file, line: answered.line }, 'the file changed while it was being graded');
  }
  return { ...theirs, line: own.line, student: own.student, name: own.name, site: own.site };
}

/** A checked line of variants.jsonl as a variant to grade; null if it is not one after all. */
function keyedVariant(text: string, line: number, shapes: SharedShapes, wanted: WantedVariant): KeyedVariant | null {
  const record = JSON.parse(text) as Record<string, unknown>;
  const family = typeof record.family === 'string' ? familyNamed(record.family) : undefined;
  if (!family || !isObject(record.answers)) return null;
  // The part ids are known from the first pass: only the key texts are read again.
  const keys: string[] = [];
  flattenKeys(record.answers as AnswerJson, keys);
  if (keys.length !== wanted.partIds.length) return null;
  let parts = shapes.byIds.get(wanted.partIds);
  if (!parts) {
    const ids = wanted.partIds;
    shapes.byIds.set(ids, (parts = { ids, indexOf: new Map(ids.map((id, i) => [id, i])) }));
  }
  const { submitted } = wanted;
  // One object per distinct tolerance, so per-part tolerances are worked out once per class.
  const toleranceText = JSON.stringify(record.tolerance);
  let tolerance = shapes.tolerances.get(toleranceText);
  if (!tolerance) shapes.tolerances.set(toleranceText, (tolerance = record.tolerance as ProblemTolerance));
  return {
    line,
    student: record.student as string,
    problem: record.problem as string,
    family,
    parts,
    partIds: parts.ids,
    submitted,
    submittedLine: undefined,
    name: typeof record.name === 'string' ? record.name : '',
    given: record.given as Given,
    points: record.points as number,
    ...partShares(shapes, parts, record),
    credit: creditOf(shapes, record),
    tolerance,
    bands: isObject(record.bands) ? (record.bands as Bands) : undefined,
    sigfigs: typeof record.sigfigs === 'number' && record.sigfigs >= 1 ? Math.min(20, Math.floor(record.sigfigs)) : 4,
    keys,
    site: siteOf(shapes, record),
    catalogue: typeof record.catalogue === 'string' ? record.catalogue : undefined,
  };
}

/** The key texts alone, in answer order (the first pass has checked them). */
function flattenKeys(answers: AnswerJson, keys: string[]): void {
  if (typeof answers === 'string') keys.push(answers);
  else if (Array.isArray(answers)) for (const sub of answers) flattenKeys(sub, keys);
  else for (const sub of Object.values(answers)) flattenKeys(sub, keys);
}
