// A drawing worker thread's task (piscina loads this file by name, see parallel-draw.ts):
// draws one piece of students.
import { type Bank, type Locale, loadBank } from '../bank/bank.js';
import { InputError } from '../bank/errors.js';
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
  students: Student[];
}

/** A bad bank is the user's to fix: it comes back as its problems (an Error sent between threads loses them). */
export type DrawOutcome = { kind: 'drawn'; chunk: DrawnChunk } | { kind: 'input-error'; problems: InputError['problems'] };

/** The bank as last read, for the next piece of the same bank. */
let loaded: { task: Omit<DrawTask, 'students'>; bank: Bank } | null = null;

function bankFor({ bankFile, seed, locale }: DrawTask): Bank {
  const same = loaded && loaded.task.bankFile === bankFile && loaded.task.seed === seed && loaded.task.locale === locale;
  if (!same) loaded = { task: { bankFile, seed, locale }, bank: { ...loadBank(bankFile), seed, locale } };
  return loaded!.bank;
}

export default function drawInWorker(task: DrawTask): DrawOutcome {
  try {
    return { kind: 'drawn', chunk: drawChunk(bankFor(task), task.students, () => {}) };
  } catch (error) {
    if (error instanceof InputError) return { kind: 'input-error', problems: error.problems };
    throw error;
  }
}
