import { join } from 'node:path';
import type { Bank } from '../bank/bank.js';
import type { StudentList } from '../bank/roster.js';
import { AtomicFile } from '../io/atomic-file.js';
import { answerSheetHeader, answerSheetRows } from './answer-sheet.js';
import { drawInOrder } from './parallel-draw.js';
import type { VariantRecord } from './record.js';

/** The files writeVariants writes into --out. */
export const VARIANT_FILES = ['variants.jsonl', 'answer-sheet.csv'] as const;

export interface GenerateResult {
  /** Every record, in order; empty when not kept (`keepRecords: false`). */
  variants: VariantRecord[];
  /** Part ids per problem, in order (the same for every student). */
  parts: { id: string; partIds: string[] }[];
  warnings: string[];
  files: string[];
}

/**
 * Draws and solves every (student, problem), writing variants.jsonl (the
 * record grading reads) and the blank wide answer-sheet.csv as the students are
 * drawn, each under a temporary name renamed into place at the end. Only what
 * the caller keeps (`keepRecords`, for the documents) grows with the class.
 */
export async function writeVariants(
  bank: Bank,
  students: StudentList,
  outDir: string,
  onProgress: (done: number) => void = () => {},
  workers?: number,
  { keepRecords = true }: { keepRecords?: boolean } = {},
): Promise<GenerateResult> {
  const [variantsPath, sheetPath] = VARIANT_FILES.map((file) => join(outDir, file)) as [string, string];
  const variantsFile = new AtomicFile(variantsPath);
  const sheetFile = new AtomicFile(sheetPath);
  const variants: VariantRecord[] = [];
  const warnings = new Set<string>();
  let parts: GenerateResult['parts'] | null = null;
  let columns = 0;
  // The sheet's columns are known once the first piece is drawn (every student has the same parts).
  const startSheet = (drawnParts: Record<string, string[]>) => {
    parts = bank.problems.map((problem) => ({ id: problem.id, partIds: drawnParts[problem.id] ?? [] }));
    const header = answerSheetHeader(parts);
    sheetFile.write(header.text);
    columns = header.columns;
  };
  try {
    await drawInOrder(
      bank,
      students,
      ({ students: piece, chunk }) => {
        if (!parts) startSheet(chunk.parts);
        variantsFile.write(chunk.text);
        sheetFile.write(answerSheetRows(piece, columns));
        for (const warning of chunk.warnings) warnings.add(warning);
        if (keepRecords) for (const line of chunk.text.split('\n')) if (line !== '') variants.push(JSON.parse(line) as VariantRecord);
      },
      onProgress,
      workers,
    );
    if (!parts) startSheet({});
    variantsFile.commit();
    sheetFile.commit();
  } catch (error) {
    variantsFile.abort();
    sheetFile.abort();
    throw error;
  }
  return { variants, parts: parts!, warnings: [...warnings], files: [variantsPath, sheetPath] };
}
