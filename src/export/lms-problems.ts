// The drawn variants regrouped as an LMS holds them: per problem, every
// student's variant with its sheet id (printed in the question, so a response
// traces back to its variant) and its parts' answers.
import { byStudent } from '../render/render-set.js';
import { sheetIdOf } from '../render/sheet-context.js';
import type { VariantRecord } from '../variant/record.js';
import { type PartAnswer, partAnswers } from './part-answers.js';

export interface LmsVariant {
  record: VariantRecord;
  /** The id printed on the student's sheet and key (sheetIdOf over all the student's problems). */
  sheetId: string;
  parts: PartAnswer[];
}

export interface LmsProblem {
  id: string;
  /** Position in the bank, 1-based (Problem 1, 2, ...). */
  number: number;
  title: string;
  variants: LmsVariant[];
}

/** Per problem, in bank order, each student's variant in roster order. */
export function lmsProblems(problems: readonly { id: string; title: string | undefined }[], records: readonly VariantRecord[]): LmsProblem[] {
  const grouped = problems.map((problem, at) => ({ id: problem.id, number: at + 1, title: problem.title ?? problem.id, variants: [] as LmsVariant[] }));
  const byId = new Map(grouped.map((problem) => [problem.id, problem]));
  for (const { records: own } of byStudent(records)) {
    const sheetId = sheetIdOf(own);
    for (const record of own) byId.get(record.problem)!.variants.push({ record, sheetId, parts: partAnswers(record) });
  }
  return grouped;
}

/**
 * One warning per (problem, part) whose interval an LMS cannot hold as the
 * grader means it (a width of 0, a margin lost in floats), naming the
 * students whose variants it concerns.
 */
export function intervalWarnings(problems: readonly LmsProblem[]): string[] {
  const warnings: string[] = [];
  for (const problem of problems) {
    const byPart = new Map<string, { reason: string; students: string[] }>();
    for (const { record, parts } of problem.variants) {
      for (const part of parts) {
        if (!part.key.problem) continue;
        const known = byPart.get(part.id) ?? { reason: part.key.problem, students: [] };
        known.students.push(record.student);
        byPart.set(part.id, known);
      }
    }
    for (const [partId, { reason, students }] of byPart) {
      const shown = students.length > 5 ? `${students.slice(0, 5).join(', ')}, …` : students.join(', ');
      warnings.push(`${problem.id}.${partId}: ${reason} (${students.length} variant(s): ${shown}); it is exported as it is, and sigmax grade applies the tolerance as the bank sets it`);
    }
  }
  return warnings;
}
