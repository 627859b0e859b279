// A grading worker: grades a contiguous run of students (their lines of
// variants.jsonl, with the answers the main thread routed to them), writing
// its part of details.csv to a file of its own and its feedback files into the
// shared temporary folder; sends back the tally, grades rows and file count.
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { once } from 'node:events';
import { parentPort } from 'node:worker_threads';
import { InputError } from '../bank/errors.js';
import { D } from '../engine/decimal.js';
import { gradePass } from './grade-pass.js';
import { WRITE_CHUNK, feedbackPath } from './output-folder.js';
import { keyedVariants } from './keyed-variants.js';
import type { WorkerInput, WorkerMessage } from './parallel-grade.js';

// Started early (while the main thread reads the submissions), it is given its input once that is known.
const [input] = (await once(parentPort!, 'message')) as [WorkerInput];
const send = (message: WorkerMessage) => parentPort!.postMessage(message);
/** Progress is said every this many students, not every one. */
const PROGRESS_EVERY = 100;
try {
  const fd = openSync(input.detailsPart, 'w');
  let buffered = '';
  let done = 0;
  let feedbackFiles = 0;
  const counts = new Map(input.variantsOf);
  const result = await gradePass(
    keyedVariants(input.variantsFile, withAnswers(input)),
    (student) => counts.get(student) ?? 0,
    input.problems,
    {
      ...(input.credits.ecf !== undefined && { ecf: new D(input.credits.ecf) }),
      ...(input.credits.misconception !== undefined && { misconception: new D(input.credits.misconception) }),
    },
    input.locale,
    {
      writeDetails(text) {
        buffered += text;
        if (buffered.length > WRITE_CHUNK) {
          writeSync(fd, buffered);
          buffered = '';
        }
      },
      // Written here, not sent to the main thread: the strings it receives land in its old
      // generation, and half a class's feedback (~60 MB on the bench) took its heap over 300 MB.
      writeFeedback(student, markdown) {
        const path = feedbackPath(input.feedbackFolder, student);
        if (!path.ok) return path.refused;
        writeFileSync(path.path, markdown);
        feedbackFiles++;
        return null;
      },
      onStudent() {
        if (++done % PROGRESS_EVERY === 0) send({ kind: 'progress', done });
      },
    },
    input.rules,
  );
  writeSync(fd, buffered);
  closeSync(fd);
  send({
    kind: 'done',
    done,
    feedbackFiles,
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
