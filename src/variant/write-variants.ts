import { join } from 'node:path';
import type { Bank } from '../bank/bank.js';
import type { Student } from '../bank/roster.js';
import { AtomicFile, writeFileAtomic } from '../io/atomic-file.js';
import { answerSheetCsv } from './answer-sheet.js';
import { drawVariant } from './draw-variant.js';
import { type VariantRecord, variantLine } from './record.js';

export interface GenerateResult {
  /** Records only: the solved graphs are dropped as we go to keep memory flat. */
  variants: VariantRecord[];
  /** Part ids per problem, in order (the same for every student). */
  parts: { id: string; partIds: string[] }[];
  warnings: string[];
  files: string[];
}

/**
 * Draws and solves every (student, problem), writing variants.jsonl (the
 * record grading reads) and the blank wide answer-sheet.csv.
 */
export function writeVariants(
  bank: Bank,
  students: readonly Student[],
  outDir: string,
  onProgress: (done: number) => void = () => {},
): GenerateResult {
  const variantsPath = join(outDir, 'variants.jsonl');
  const sheetPath = join(outDir, 'answer-sheet.csv');
  const file = new AtomicFile(variantsPath);
  const variants: VariantRecord[] = [];
  const parts = new Map<string, string[]>();
  const warnings = new Set<string>();
  try {
    let buffered = '';
    students.forEach((student, i) => {
      for (const problem of bank.problems) {
        const drawn = drawVariant(bank, problem, student);
        if (drawn.warning) warnings.add(drawn.warning);
        variants.push(drawn.record);
        if (!parts.has(problem.id)) parts.set(problem.id, drawn.solution.partIds);
        buffered += variantLine(drawn.record);
      }
      if (buffered.length > 1 << 20) {
        file.write(buffered);
        buffered = '';
      }
      onProgress(i + 1);
    });
    file.write(buffered);
    file.commit();
  } catch (error) {
    file.abort();
    throw error;
  }
  const partList = bank.problems.map((problem) => ({ id: problem.id, partIds: parts.get(problem.id) ?? [] }));
  writeFileAtomic(sheetPath, answerSheetCsv(students, partList));
  return { variants, parts: partList, warnings: [...warnings], files: [variantsPath, sheetPath] };
}
