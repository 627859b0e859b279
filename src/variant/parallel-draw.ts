import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Bank } from '../bank/bank.js';
import { InputError } from '../bank/errors.js';
import type { Student } from '../bank/roster.js';
import { type DrawnChunk, drawChunk } from './draw-chunk.js';

/** Below this many students a worker costs more to start than it saves. */
const STUDENTS_PER_WORKER = 400;

/**
 * Draws every student's variants, spread over the cores in contiguous
 * chunks; the chunks are joined in roster order, so the output is the same
 * for any number of workers.
 */
export async function drawAll(
  bank: Bank,
  students: readonly Student[],
  onProgress: (done: number) => void,
  workers = availableParallelism(),
): Promise<DrawnChunk> {
  const count = Math.max(1, Math.min(workers, Math.floor(students.length / STUDENTS_PER_WORKER)));
  if (count === 1) return drawChunk(bank, students, onProgress);
  const size = Math.ceil(students.length / count);
  const chunks = Array.from({ length: count }, (_, i) => students.slice(i * size, (i + 1) * size));
  const done = chunks.map(() => 0);
  const results = await Promise.all(
    chunks.map((chunk, i) =>
      runWorker(bank, chunk, (n) => {
        done[i] = n;
        onProgress(done.reduce((a, b) => a + b, 0));
      }),
    ),
  );
  return {
    text: results.map((r) => r.text).join(''),
    parts: Object.assign({}, ...results.map((r) => r.parts)) as DrawnChunk['parts'],
    warnings: [...new Set(results.flatMap((r) => r.warnings))],
  };
}

function runWorker(bank: Bank, students: readonly Student[], onProgress: (done: number) => void): Promise<DrawnChunk> {
  const workerData = { bankFile: bank.file, seed: bank.seed, locale: bank.locale, students };
  // Run from source (tests, benches) the worker is TypeScript: load it through tsx.
  const fromSource = import.meta.url.endsWith('.ts');
  const script = new URL(`./draw-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url).href;
  const worker = fromSource
    ? new Worker(`import('tsx/esm/api').then((tsx) => tsx.tsImport(${JSON.stringify(script)}, ${JSON.stringify(script)}))`, {
        eval: true,
        workerData,
      })
    : new Worker(new URL(script), { workerData });
  return new Promise((resolve, reject) => {
    worker.on('message', (message: { kind: string; done?: number; chunk?: DrawnChunk; problems?: InputError['problems'] }) => {
      if (message.kind === 'progress') onProgress(message.done!);
      else if (message.kind === 'done') resolve(message.chunk!);
      else if (message.kind === 'input-error') reject(new InputError(message.problems!));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (code !== 0) reject(new Error(`variant worker stopped with exit code ${code}`));
    });
  });
}
