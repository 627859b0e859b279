// A grading worker thread's task (piscina loads this file by name, see
// parallel-grade.ts): grades a contiguous run of students (their lines of
// variants.jsonl, with the answers the main thread routed to them), writing
// its part of details.csv to a file of its own and its feedback files into the
// shared temporary folder; returns the tally, grades rows and file count.
import { closeSync, openSync, writeSync } from 'node:fs';
import { D } from '../engine/decimal.js';
import { gradePass } from './grade-pass.js';
import { FeedbackWriter, WRITE_CHUNK } from './output-folder.js';
import { keyedVariants } from './keyed-variants.js';
import type { GradeTask, GradedRun } from './parallel-grade.js';

/** Progress is said every this many students, not every one. */
const PROGRESS_EVERY = 100;

/** A bad input file throws its InputError, which reaches the main thread with its problems (see InputError.revived). */
export default async function gradeInWorker(input: GradeTask): Promise<GradedRun> {
  try {
    const fd = openSync(input.detailsPart, 'w');
    let buffered = '';
    let done = 0;
    // Written here, not sent to the main thread: the strings it receives land in its old
    // generation, and half a class's feedback (~60 MB on the bench) took its heap over 300 MB.
    const feedback = new FeedbackWriter(input.feedbackFolder);
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
        writeFeedback: (student, markdown) => feedback.write(student, markdown),
        roomToWrite: () => feedback.roomToWrite(),
        onStudent() {
          if (++done % PROGRESS_EVERY === 0) input.progress.postMessage(done);
        },
      },
      input.rules,
    );
    writeSync(fd, buffered);
    closeSync(fd);
    await feedback.settle();
    return {
      done,
      feedbackFiles: feedback.count,
      tally: result.tally.toData(),
      gradeRows: [...result.gradeRows],
      notes: result.notes,
      keys: result.keys,
    };
  } finally {
    input.progress.close();
  }
}

/** The variants to grade with the answers unpacked from their JSON text. */
function withAnswers(input: GradeTask) {
  const answers = JSON.parse(input.answers) as ((string | null)[] | null)[];
  return input.variants.map(({ line, student, problem, shape }, k) => ({
    line,
    student,
    problem,
    partIds: input.shapes[shape]!,
    submitted: answers[k] ?? undefined,
  }));
}
