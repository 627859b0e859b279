import type { Bank } from '../bank/bank.js';
import type { Student } from '../bank/roster.js';
import { drawVariant } from './draw-variant.js';
import { variantLine } from './record.js';

/** What drawing a run of students gives: their variants.jsonl lines, in order. */
export interface DrawnChunk {
  text: string;
  /** Part ids per problem id (the same for every student). */
  parts: Record<string, string[]>;
  warnings: string[];
}

/** Draws and solves every problem for these students, one after the other. */
export function drawChunk(bank: Bank, students: readonly Student[], onStudent: (done: number) => void): DrawnChunk {
  const lines: string[] = [];
  const parts: Record<string, string[]> = {};
  const warnings = new Set<string>();
  students.forEach((student, i) => {
    for (const problem of bank.problems) {
      const drawn = drawVariant(bank, problem, student);
      if (drawn.warning) warnings.add(drawn.warning);
      parts[problem.id] ??= drawn.solution.partIds;
      lines.push(variantLine(drawn.record));
    }
    onStudent(i + 1);
  });
  return { text: lines.join(''), parts, warnings: [...warnings] };
}
