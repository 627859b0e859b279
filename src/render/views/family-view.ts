import { type AnswerJson, answerAt } from '../../families/solution.js';
import type { VariantRecord } from '../../variant/record.js';

/**
 * What a family adds to its templates' context beyond the record's givens
 * and answers: values a worked solution shows on the way (optional — a new
 * family's templates can use given and answers alone).
 */
export interface FamilyView {
  work(record: VariantRecord): Record<string, unknown>;
  /** Maps the k-th prediction of step t to its sample number, for labels such as ŷ₃⁽²⁾. */
  sampleOf?(record: VariantRecord): (step: number, k: number) => number;
}

export function stringAt(answers: AnswerJson, id: string): string {
  const value = answerAt(answers, id);
  if (value === undefined) throw new Error(`answers have no part "${id}"`);
  return value;
}
