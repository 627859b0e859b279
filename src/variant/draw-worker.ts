// A drawing worker thread's task (piscina loads this file by name, see parallel-draw.ts):
// draws one piece of students.
import { type Bank, type Digits, type Locale, loadBank } from '../bank/bank.js';
import type { Student } from '../bank/roster.js';
import { type DrawnChunk, drawChunk } from './draw-chunk.js';

/**
 * A piece of students to draw. A bank holds functions, which cannot be sent
 * to a thread: the worker reads the file again, with what the command line
 * overrode passed along.
 */
export interface DrawTask {
  bankFile: string;
  seed: string;
  locale: Locale;
  digits: Digits;
  students: Student[];
}

/** The bank as last read, for the next piece of the same bank. */
let loaded: { key: string; bank: Bank } | null = null;

function bankFor({ bankFile, seed, locale, digits }: DrawTask): Bank {
  const key = JSON.stringify([bankFile, seed, locale, digits]);
  if (loaded?.key !== key) loaded = { key, bank: { ...loadBank(bankFile), seed, locale, digits } };
  return loaded.bank;
}

/** A bad bank throws its InputError, which reaches the main thread with its problems (see InputError.revived). */
export default function drawInWorker(task: DrawTask): DrawnChunk {
  return drawChunk(bankFor(task), task.students, () => {});
}
