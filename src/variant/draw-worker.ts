// A worker thread that draws one chunk of students (see parallel-draw.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { type Locale, loadBank } from '../bank/bank.js';
import { InputError } from '../bank/errors.js';
import type { Student } from '../bank/roster.js';
import { drawChunk } from './draw-chunk.js';

const { bankFile, seed, locale, students } = workerData as { bankFile: string; seed: string; locale: Locale; students: Student[] };
const port = parentPort!;
try {
  // The file is read again here: what the command line overrode is passed along.
  const bank = { ...loadBank(bankFile), seed, locale };
  const chunk = drawChunk(bank, students, (done) => {
    if (done % 25 === 0 || done === students.length) port.postMessage({ kind: 'progress', done });
  });
  port.postMessage({ kind: 'done', chunk });
} catch (error) {
  if (error instanceof InputError) port.postMessage({ kind: 'input-error', problems: error.problems });
  else throw error;
}
