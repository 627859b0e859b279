// What an LMS needs of each part of a variant, in part order (the answer
// sheet's and the cloze's): the key and its margin as written, the part's
// points, and the catalogued wrong answers that lie outside the key's interval.
import { pointsPerPart } from '../bank/part-points.js';
import { toleranceFor } from '../tolerance/tolerance.js';
import { D } from '../engine/decimal.js';
import { familyNamed } from '../families/index.js';
import { type MisconceptionId, type PartValue, misconceptionsFor } from '../families/misconception.js';
import { answerAt, partIdsOf } from '../families/solution.js';
import type { VariantRecord } from '../variant/record.js';
import { absoluteTolerance } from './absolute-tolerance.js';
import { type LmsAnswer, lmsAnswer } from './lms-number.js';

/** One wrong value, with every catalogued method that gives it (update-sign and error-sign can agree). */
export interface WrongAnswer {
  answer: LmsAnswer;
  misconceptions: MisconceptionId[];
}

export interface PartAnswer {
  id: string;
  key: LmsAnswer;
  points: D;
  wrong: WrongAnswer[];
}

/** Two wrong methods whose answers agree to this many digits give one LMS answer. */
const SAME_DIGITS = 20;

export function partAnswers(record: VariantRecord): PartAnswer[] {
  const ids = partIdsOf(record.answers);
  const keys = new Map(ids.map((id) => [id, new D(answerAt(record.answers, id)!)]));
  const keyValue: PartValue = (id) => {
    const key = keys.get(id);
    if (!key) throw new Error(`${record.problem}: no part "${id}"`);
    return key;
  };
  const catalogue = familyNamed(record.family)?.misconceptions;
  const points = pointsPerPart(record.points, ids, record.part_points);
  return ids.map((id, at) => {
    const tolerance = toleranceFor(record.tolerance, id, record.bands);
    const key = keyValue(id);
    const margin = absoluteTolerance(key, tolerance);
    const wrong = new Map<string, WrongAnswer>();
    for (const entry of misconceptionsFor(catalogue, id)) {
      const value = entry.answer(id, record.given, keyValue);
      // A wrong method that lands inside the key's interval cannot be told from the key: the LMS never reaches it.
      if (value === null || !value.isFinite() || value.minus(key).abs().lte(margin)) continue;
      const same = value.toSignificantDigits(SAME_DIGITS).toString();
      const known = wrong.get(same);
      if (known) known.misconceptions.push(entry.id);
      else wrong.set(same, { answer: lmsAnswer(value, absoluteTolerance(value, tolerance)), misconceptions: [entry.id] });
    }
    return { id, key: lmsAnswer(key, margin), points: points[at]!, wrong: [...wrong.values()] };
  });
}
