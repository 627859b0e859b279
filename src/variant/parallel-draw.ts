import { availableParallelism } from 'node:os';
import type { Bank } from '../bank/bank.js';
import { InputError } from '../bank/errors.js';
import type { Student } from '../bank/roster.js';
import { workerPool } from '../threads/worker-pool.js';
import { type DrawnChunk, drawChunk } from './draw-chunk.js';
import type { DrawTask } from './draw-worker.js';
import type { VariantRecord } from './record.js';

/** Below this many students a worker costs more to start than it saves. */
const STUDENTS_PER_WORKER = 400;
/**
 * Students per piece of work handed to a worker: small enough that the workers
 * finish together (even when another process slows one core) and that the
 * pieces already drawn are read back while the rest are drawn; large enough
 * that the messages cost nothing beside the drawing.
 */
const STUDENTS_PER_PIECE = 200;

/** Every student's variants: the variants.jsonl text and the records it holds. */
export interface DrawnSet extends DrawnChunk {
  variants: VariantRecord[];
}

/**
 * Draws every student's variants, spread over the cores in contiguous pieces
 * handed out as workers become free; the pieces are joined in roster order, so
 * the output is the same for any number of workers.
 */
export async function drawAll(
  bank: Bank,
  students: readonly Student[],
  onProgress: (done: number) => void,
  workers = availableParallelism(),
): Promise<DrawnSet> {
  const count = Math.max(1, Math.min(workers, Math.floor(students.length / STUDENTS_PER_WORKER)));
  if (count === 1) {
    const chunk = drawChunk(bank, students, onProgress);
    return { ...chunk, variants: recordsOf(chunk.text) };
  }
  const pool = workerPool<DrawTask, DrawnChunk>(new URL('./draw-worker.js', import.meta.url), count);
  let done = 0;
  const drawPiece = async (start: number) => {
    const piece = students.slice(start, start + STUDENTS_PER_PIECE);
    const { file: bankFile, seed, locale, digits } = bank;
    const chunk = await pool.run({ bankFile, seed, locale, digits, students: piece }).catch((error: unknown) => {
      throw InputError.revived(error); // a bad bank's file:line, from a worker
    });
    onProgress((done += piece.length));
    // Read back on arrival: the main thread would otherwise wait for the last piece to start.
    return { chunk, records: recordsOf(chunk.text) };
  };
  try {
    const starts = Array.from({ length: Math.ceil(students.length / STUDENTS_PER_PIECE) }, (_, k) => k * STUDENTS_PER_PIECE);
    const drawn = await Promise.all(starts.map(drawPiece));
    return {
      text: drawn.map(({ chunk }) => chunk.text).join(''),
      variants: drawn.flatMap(({ records }) => records),
      parts: Object.assign({}, ...drawn.map(({ chunk }) => chunk.parts)) as DrawnChunk['parts'],
      warnings: [...new Set(drawn.flatMap(({ chunk }) => chunk.warnings))],
    };
  } finally {
    await pool.destroy();
  }
}

function recordsOf(text: string): VariantRecord[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as VariantRecord);
}
