// A small class graded for real (variants, submissions, the grader), for the report tests.
import { answerText } from '../../src/engine/decimal.js';
import type { Locale } from '../../src/bank/bank.js';
import { type Graded, answerRows, grade, keyAnswers, longCsv, variant } from '../grade/fixtures.js';

const GIVEN = { x: ['0.5', '-1'], w: ['0.2', '0.4'], b: '0.1', y: '1', lr: '0.1' };

/** What a student hands in: the key with some parts changed ('' blank, null: no row). */
export type Answers = Record<string, string | null>;

/** One sigmoid-bce-step problem (q1) for each student, graded; students with no answers entry hand in nothing. */
export async function gradedClass(
  students: Record<string, Answers | 'nothing'>,
  options: { locale?: Locale; persianDigits?: boolean; workers?: number } = {},
): Promise<Graded & { partIds: string[] }> {
  const records = Object.keys(students).map((student) => {
    const { record } = variant({ student, family: 'sigmoid-bce-step', given: GIVEN, locale: options.locale ?? 'en' });
    if (options.persianDigits) record.digits = 'persian';
    return record;
  });
  const key = keyAnswers(variant({ family: 'sigmoid-bce-step', given: GIVEN }).solution);
  const rows = Object.entries(students).flatMap(([student, answers]) => {
    if (answers === 'nothing') return [];
    const handed = Object.entries({ ...key, ...answers }).filter(([, a]) => a !== null) as [string, string][];
    return answerRows(Object.fromEntries(handed), student);
  });
  const graded = await grade(records, longCsv(rows), options.workers ? { workers: options.workers } : {});
  return { ...graded, partIds: Object.keys(key) };
}

/** The key's value of a part, times a factor: a wrong answer that no misconception explains. */
export function off(part: string, factor = '1.5'): string {
  const key = variant({ family: 'sigmoid-bce-step', given: GIVEN }).solution;
  return answerText(key.value(part).times(factor));
}
