// A worker thread that draws one chunk of students (see parallel-draw.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { loadBank } from '../bank/bank.js';
import { InputError } from '../bank/errors.js';
import type { Student } from '../bank/roster.js';
import { drawChunk } from './draw-chunk.js';

const { bankFile, seed, students } = workerData as { bankFile: string; seed: string; students: Student[] };
const port = parentPort!;
try {
  const bank = { ...loadBank(bankFile), seed };
  const chunk = drawChunk(bank, students, (done) => {
    if (done % 25 === 0 || done === students.length) port.postMessage({ kind: 'progress', done });
  });
  port.postMessage({ kind: 'done', chunk });
} catch (error) {
  if (error instanceof InputError) port.postMessage({ kind: 'input-error', problems: error.problems });
  else throw error;
}
