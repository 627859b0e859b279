import { join } from 'node:path';
import type { Bank } from '../bank/bank.js';
import type { Student } from '../bank/roster.js';
import { writeFileAtomic } from '../io/atomic-file.js';
import { answerSheetCsv } from './answer-sheet.js';
import { drawAll } from './parallel-draw.js';
import type { VariantRecord } from './record.js';

/** The files writeVariants writes into --out. */
export const VARIANT_FILES = ['variants.jsonl', 'answer-sheet.csv'] as const;

export interface GenerateResult {
  variants: VariantRecord[];
  /** Part ids per problem, in order (the same for every student). */
  parts: { id: string; partIds: string[] }[];
  warnings: string[];
  files: string[];
}

/**
 * Draws and solves every (student, problem), writing variants.jsonl (the
 * record grading reads) and the blank wide answer-sheet.csv, each atomically.
 */
export async function writeVariants(
  bank: Bank,
  students: readonly Student[],
  outDir: string,
  onProgress: (done: number) => void = () => {},
  workers?: number,
): Promise<GenerateResult> {
  const [variantsPath, sheetPath] = VARIANT_FILES.map((file) => join(outDir, file)) as [string, string];
  const drawn = await drawAll(bank, students, onProgress, workers);
  writeFileAtomic(variantsPath, drawn.text);
  const parts = bank.problems.map((problem) => ({ id: problem.id, partIds: drawn.parts[problem.id] ?? [] }));
  writeFileAtomic(sheetPath, answerSheetCsv(students, parts));
  return { variants: drawn.variants, parts, warnings: drawn.warnings, files: [variantsPath, sheetPath] };
}
