// A worker thread that draws the pieces of students it is sent, one at a time (see parallel-draw.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { type Digits, type Locale, loadBank } from '../bank/bank.js';
import { InputError } from '../bank/errors.js';
import type { Student } from '../bank/roster.js';
import { type DrawnChunk, drawChunk } from './draw-chunk.js';

/** What the main thread sends: a piece to draw, or that there is none left. */
export type DrawRequest = { kind: 'draw'; index: number; students: Student[] } | { kind: 'stop' };
/** What a worker sends back. */
export type WorkerMessage =
  | { kind: 'progress'; students: number }
  | { kind: 'drawn'; index: number; chunk: DrawnChunk }
  | { kind: 'input-error'; problems: InputError['problems'] };

const port = parentPort;
if (port) {
  const { bankFile, seed, locale, digits } = workerData as { bankFile: string; seed: string; locale: Locale; digits: Digits };
  const send = (message: WorkerMessage) => port.postMessage(message);
  try {
    // The file is read again here: what the command line overrode is passed along.
    const bank = { ...loadBank(bankFile), seed, locale, digits };
    port.on('message', (request: DrawRequest) => {
      if (request.kind === 'stop') return port.close();
      let reported = 0;
      try {
        const chunk = drawChunk(bank, request.students, (done) => {
          if (done % 25 === 0 || done === request.students.length) {
            send({ kind: 'progress', students: done - reported });
            reported = done;
          }
        });
        send({ kind: 'drawn', index: request.index, chunk });
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        send({ kind: 'input-error', problems: error.problems });
        port.close();
      }
    });
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    send({ kind: 'input-error', problems: error.problems });
    port.close();
  }
}
