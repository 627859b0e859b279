import { availableParallelism } from 'node:os';
import type { Bank } from '../bank/bank.js';
import { InputError } from '../bank/errors.js';
import type { Student, StudentList } from '../bank/roster.js';
import { workerPool } from '../threads/worker-pool.js';
import { type DrawnChunk, drawChunk } from './draw-chunk.js';
import type { DrawTask } from './draw-worker.js';

/** Below this many students a worker costs more to start than it saves. */
const STUDENTS_PER_WORKER = 400;
/**
 * Students per piece of work handed to a worker: small enough that the workers
 * finish together (even when another process slows one core) and that the
 * pieces already drawn are written while the rest are drawn; large enough
 * that the messages cost nothing beside the drawing.
 */
const STUDENTS_PER_PIECE = 200;
/** Pieces handed out ahead per worker: enough that none waits, few enough that memory stays flat however large the class. */
const PIECES_AHEAD_PER_WORKER = 3;

/** One piece of the class, drawn: its students and their variants.jsonl lines. */
export interface DrawnPiece {
  students: Student[];
  chunk: DrawnChunk;
}

/** The students in pieces of `size`, in order, taken from the list only as they are needed. */
function* piecesOf(students: Iterable<Student>, size: number): Generator<Student[]> {
  let piece: Student[] = [];
  for (const student of students) {
    piece.push(student);
    if (piece.length === size) {
      yield piece;
      piece = [];
    }
  }
  if (piece.length > 0) yield piece;
}

/**
 * Draws every student's variants in pieces, spread over the cores, and hands
 * each piece to `onPiece` in roster order as soon as it and those before it are
 * drawn; at most a few pieces per worker are held at once, so a class of any
 * size is drawn in the same memory. The output is the same for any number of workers.
 */
export async function drawInOrder(
  bank: Bank,
  students: StudentList,
  onPiece: (piece: DrawnPiece) => void | Promise<void>,
  onProgress: (done: number) => void,
  workers = availableParallelism(),
): Promise<void> {
  const count = Math.max(1, Math.min(workers, Math.floor(students.length / STUDENTS_PER_WORKER)));
  let done = 0;
  if (count === 1) {
    for (const piece of piecesOf(students, STUDENTS_PER_PIECE)) {
      const before = done;
      const chunk = drawChunk(bank, piece, (n) => onProgress(before + n));
      done += piece.length;
      await onPiece({ students: piece, chunk });
    }
    return;
  }
  const pool = workerPool<DrawTask, DrawnChunk>(new URL('./draw-worker.js', import.meta.url), count);
  const { file: bankFile, seed, locale, digits } = bank;
  const draw = (piece: Student[]) => {
    const drawn = pool.run({ bankFile, seed, locale, digits, students: piece }).then(
      (chunk) => {
        onProgress((done += piece.length));
        return { students: piece, chunk };
      },
      (error: unknown) => {
        throw InputError.revived(error); // a bad bank's file:line, from a worker
      },
    );
    // Awaited in order below; a piece that fails while an earlier one is awaited must not go unhandled.
    drawn.catch(() => {});
    return drawn;
  };
  try {
    const pieces = piecesOf(students, STUDENTS_PER_PIECE);
    const ahead: Promise<DrawnPiece>[] = [];
    const fill = () => {
      while (ahead.length < count * PIECES_AHEAD_PER_WORKER) {
        const next = pieces.next();
        if (next.done) return;
        ahead.push(draw(next.value));
      }
    };
    fill();
    while (ahead.length > 0) {
      const piece = await ahead.shift()!;
      fill();
      await onPiece(piece);
    }
  } finally {
    await pool.destroy();
  }
}
