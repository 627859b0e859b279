import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Bank } from '../bank/bank.js';
import { InputError } from '../bank/errors.js';
import type { Student } from '../bank/roster.js';
import { type DrawnChunk, drawChunk } from './draw-chunk.js';
import type { VariantRecord } from './record.js';
import type { DrawRequest, WorkerMessage } from './draw-worker.js';

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
  const pieces: Student[][] = [];
  for (let start = 0; start < students.length; start += STUDENTS_PER_PIECE) {
    pieces.push(students.slice(start, start + STUDENTS_PER_PIECE));
  }
  const drawn: DrawnChunk[] = [];
  const records: VariantRecord[][] = [];
  let next = 0;
  let done = 0;
  const team = Array.from({ length: count }, () =>
    startWorker(bank, {
      nextPiece: () => (next < pieces.length ? { index: next, students: pieces[next++]! } : null),
      // Read back on arrival: the main thread would otherwise wait for the last piece to start.
      onDrawn: (index, chunk) => {
        drawn[index] = chunk;
        records[index] = recordsOf(chunk.text);
      },
      onProgress: (students) => onProgress((done += students)),
    }),
  );
  try {
    await Promise.all(team.map((member) => member.finished));
  } catch (error) {
    await Promise.allSettled(team.map((member) => member.worker.terminate()));
    throw error;
  }
  return {
    text: drawn.map((chunk) => chunk.text).join(''),
    variants: records.flat(),
    parts: Object.assign({}, ...drawn.map((chunk) => chunk.parts)) as DrawnChunk['parts'],
    warnings: [...new Set(drawn.flatMap((chunk) => chunk.warnings))],
  };
}

function recordsOf(text: string): VariantRecord[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as VariantRecord);
}

interface Errand {
  /** The next piece to draw, or null when there is none left. */
  nextPiece(): { index: number; students: Student[] } | null;
  onDrawn(index: number, chunk: DrawnChunk): void;
  /** Called with the number of students just drawn. */
  onProgress(students: number): void;
}

/** A worker that draws pieces until none are left, then exits. */
function startWorker(bank: Bank, errand: Errand): { worker: Worker; finished: Promise<void> } {
  const workerData = { bankFile: bank.file, seed: bank.seed, locale: bank.locale, digits: bank.digits };
  // Run from source (tests, benches) the worker is TypeScript: load it through tsx.
  const fromSource = import.meta.url.endsWith('.ts');
  const script = new URL(`./draw-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url).href;
  const worker = fromSource
    ? new Worker(`import('tsx/esm/api').then((tsx) => tsx.tsImport(${JSON.stringify(script)}, ${JSON.stringify(script)}))`, {
        eval: true,
        workerData,
      })
    : new Worker(new URL(script), { workerData });
  const sendNext = () => {
    const piece = errand.nextPiece();
    const request: DrawRequest = piece ? { kind: 'draw', ...piece } : { kind: 'stop' };
    worker.postMessage(request);
  };
  const finished = new Promise<void>((resolve, reject) => {
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'progress') errand.onProgress(message.students);
      else if (message.kind === 'drawn') {
        errand.onDrawn(message.index, message.chunk);
        sendNext();
      } else reject(new InputError(message.problems));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`variant worker stopped with exit code ${code}`));
    });
  });
  sendNext();
  return { worker, finished };
}
