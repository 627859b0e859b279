// A grading worker: grades a contiguous run of students (their lines of
// variants.jsonl, with the answers the main thread routed to them), writing
// its part of details.csv to a file of its own and feedback files into the
// shared temporary folder; sends back the tally and grades rows.
import { closeSync, openSync, writeSync } from 'node:fs';
import { once } from 'node:events';
import { parentPort } from 'node:worker_threads';
import { InputError } from '../bank/errors.js';
import { D } from '../engine/decimal.js';
import { gradePass } from './grade-pass.js';
import { WRITE_CHUNK, feedbackRefusal } from './output-folder.js';
import { keyedVariants } from './keyed-variants.js';
import type { WorkerInput, WorkerMessage } from './parallel-grade.js';

// Started early (while the main thread reads the submissions), it is given its input once that is known.
const [input] = (await once(parentPort!, 'message')) as [WorkerInput];
const send = (message: WorkerMessage) => parentPort!.postMessage(message);
/** Progress is said every this many students, not every one. */
const PROGRESS_EVERY = 100;
/** Feedback files sent to the main thread at a time. */
const FEEDBACK_BATCH = 50;
/**
 * Batches sent and not yet taken by the main thread: beyond this the worker waits. Without
 * a bound, a worker running ahead queued its feedback (~5 KB a student) in the main thread.
 */
const BATCHES_IN_FLIGHT = 4;
let inFlight = 0;
let wake: (() => void) | null = null;
parentPort!.on('message', (message: { kind: string }) => {
  if (message.kind !== 'feedback-taken') return;
  inFlight--;
  wake?.();
  wake = null;
});

try {
  const fd = openSync(input.detailsPart, 'w');
  let buffered = '';
  let done = 0;
  const feedback: [string, string][] = [];
  const counts = new Map(input.variantsOf);
  const result = await gradePass(
    keyedVariants(input.variantsFile, withAnswers(input)),
    (student) => counts.get(student) ?? 0,
    input.problems,
    { ecf: new D(input.credits.ecf), misconception: new D(input.credits.misconception) },
    {
      writeDetails(text) {
        buffered += text;
        if (buffered.length > WRITE_CHUNK) {
          writeSync(fd, buffered);
          buffered = '';
        }
      },
      // The main thread writes the files: it is idle meanwhile, and two threads creating
      // files in one folder mostly wait for each other.
      writeFeedback(student, markdown) {
        const refused = feedbackRefusal(student);
        if (refused) return refused;
        feedback.push([student, markdown]);
        if (feedback.length >= FEEDBACK_BATCH) {
          send({ kind: 'feedback', files: feedback.splice(0) });
          inFlight++;
        }
        return null;
      },
      roomToWrite() {
        return inFlight < BATCHES_IN_FLIGHT ? null : new Promise<void>((resolve) => (wake = resolve));
      },
      onStudent() {
        if (++done % PROGRESS_EVERY === 0) send({ kind: 'progress', done });
      },
    },
  );
  writeSync(fd, buffered);
  closeSync(fd);
  send({ kind: 'feedback', files: feedback.splice(0) });
  send({
    kind: 'done',
    done,
    tally: result.tally.toData(),
    gradeRows: [...result.gradeRows],
    notes: result.notes,
  });
} catch (error) {
  // A bad input file is the user's to fix (exit 1); anything else is a bug, thrown as it is.
  if (error instanceof InputError) send({ kind: 'input-error', problems: error.problems });
  else throw error;
}

/** The variants to grade with the answers unpacked from their JSON text. */
function withAnswers(input: WorkerInput) {
  const answers = JSON.parse(input.answers) as ((string | null)[] | null)[];
  return input.variants.map(({ line, student, problem, shape }, k) => ({
    line,
    student,
    problem,
    partIds: input.shapes[shape]!,
    submitted: answers[k] ?? undefined,
  }));
}
