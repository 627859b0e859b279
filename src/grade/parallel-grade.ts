import { rmSync } from 'node:fs';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { Piscina } from 'piscina';
import type { Locale } from '../bank/bank.js';
import { InputError } from '../bank/errors.js';
import { workerPool } from '../threads/worker-pool.js';
import { type KeyCheckData, mergeKeyChecks } from './check-keys.js';
import type { CreditOverrides } from './grade-variant.js';
import type { PassResult, PassRules } from './grade-pass.js';
import type { GradeOutputs } from './output-folder.js';
import { GradeTally, type TallyData } from './report.js';
import type { VariantIndex, VariantSlot } from './variant-index.js';

/** Old-generation heap of a grading worker: its live data is a few megabytes plus its students' answers. */
const WORKER_HEAP_MB = 128;
/**
 * Young generation of a grading worker. V8's default (3 × 16 MB semi-spaces) is resident
 * memory per isolate; 8 MB keeps the peak RSS lower (at 24 MB the worker spends ~14 % of
 * its time in GC instead of ~19 %, but two threads are then further over 300 MB).
 */
const WORKER_YOUNG_MB = 8;
/**
 * The main thread's share of the variants against a worker's: it also reads the workers'
 * messages and joins their parts of details.csv (0.9 finished the two together on the bench).
 */
const MAIN_SHARE = 0.9;

/** What a grading worker is given: its students' variants (by line) with their answers. */
export interface GradeTask {
  variantsFile: string;
  variants: { line: number; student: string; problem: string; shape: number }[];
  /** The part ids of each shape of problem, which `shape` above points into. */
  shapes: string[][];
  /** Each variant's submitted answers (null: none), as one JSON text: one string is cloned at memcpy speed. */
  answers: string;
  variantsOf: [string, number][];
  problems: readonly string[];
  credits: { ecf?: string | undefined; misconception?: string | undefined };
  rules: PassRules;
  /** The language of the feedback. */
  locale: Locale;
  detailsPart: string;
  /** The temporary feedback folder, which the worker writes its students' files into. */
  feedbackFolder: string;
  /** Where the worker says how many students it has graded so far. */
  progress: MessagePort;
}

/** What a grading worker gives back: its tally, grades rows and notes, and how many files it wrote. */
export interface GradedRun {
  done: number;
  feedbackFiles: number;
  tally: TallyData;
  gradeRows: [string, string][];
  notes: string[];
  keys: KeyCheckData;
}

export type GradingPool = Piscina<GradeTask, GradedRun>;

/**
 * `count` grading threads besides the main one, started before there is work
 * for them: they load their modules while the main thread reads the submissions.
 */
export function gradingPool(count: number): GradingPool {
  // A bounded heap: V8 otherwise lets a busy worker's garbage grow by hundreds of megabytes.
  const resourceLimits = { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_MB };
  return workerPool<GradeTask, GradedRun>(new URL('./grade-worker.js', import.meta.url), count, { resourceLimits });
}

/**
 * The second pass spread over threads: variants.jsonl is cut, in file order,
 * into contiguous runs of whole students; the main thread grades the first
 * run (through `gradeHere`, writing details.csv as it goes), each worker one
 * of the others into a file of its own, appended in order afterwards. So
 * details.csv, the tally and the notes come out as one thread makes them.
 */
export async function gradeInThreads(
  index: VariantIndex,
  credits: CreditOverrides,
  rules: PassRules,
  locale: Locale,
  outputs: GradeOutputs,
  pool: GradingPool,
  onStudent: (done: number) => void,
  gradeHere: (variants: readonly VariantSlot[], onStudent: () => void) => Promise<PassResult>,
): Promise<PassResult> {
  const runs = variantRuns(index, pool.maxThreads);
  const parts = runs.map((_, k) => `${outputs.details.path}.part-${k}`);
  const done = runs.map(() => 0);
  const report = () => onStudent(done.reduce((a, b) => a + b, 0));
  const shapes: string[][] = [];
  const shapeIndex = new Map<readonly string[], number>();
  const shapeOf = (ids: readonly string[]) => {
    let at = shapeIndex.get(ids);
    if (at === undefined) shapeIndex.set(ids, (at = shapes.push([...ids]) - 1));
    return at;
  };
  try {
    const inWorkers = runs.slice(1).map((variants, w) => {
      const k = w + 1;
      const students = [...new Set(variants.map((slot) => slot.student))];
      const progress = new MessageChannel();
      const input: GradeTask = {
        variantsFile: index.file,
        variants: variants.map(({ line, student, problem, parts }) => ({ line, student, problem, shape: shapeOf(parts.ids) })),
        shapes,
        answers: JSON.stringify(variants.map((slot) => (slot.submitted ? Array.from(slot.submitted, (a) => a ?? null) : null))),
        variantsOf: students.map((student) => [student, index.students.get(student)!.size]),
        problems: index.problems,
        credits: { ecf: credits.ecf?.toString(), misconception: credits.misconception?.toString() },
        rules,
        locale,
        detailsPart: parts[k]!,
        feedbackFolder: outputs.feedbackFolder,
        progress: progress.port2,
      };
      // Cloned into the worker: the main thread's copy can go.
      for (const slot of variants) [slot.submitted, slot.submittedLine] = [undefined, undefined];
      return runInWorker(pool, input, progress.port1, (n) => {
        done[k] = n;
        report();
      });
    });
    // A worker that fails while this thread grades must not go unhandled; it is awaited below.
    for (const running of inWorkers) running.catch(() => {});
    const mine = await gradeHere(runs[0]!, () => {
      done[0]!++;
      report();
    });
    const results = await Promise.all(inWorkers);
    const merged: PassResult = {
      tally: mine.tally,
      gradeRows: mine.gradeRows,
      notes: mine.notes,
      keys: mergeKeyChecks([mine.keys, ...results.map((result) => result.keys)]),
    };
    results.forEach((result, w) => {
      merged.tally.merge(result.tally);
      for (const [student, row] of result.gradeRows) merged.gradeRows.set(student, row);
      merged.notes.push(...result.notes);
      outputs.details.append(parts[w + 1]!);
      outputs.countFeedback(result.feedbackFiles);
      done[w + 1] = result.done;
    });
    report();
    return merged;
  } finally {
    // Stopped before their files are removed: a running worker could make its file again.
    await pool.destroy();
    for (const part of parts) rmSync(part, { force: true });
  }
}

/**
 * The variants in file order cut into at most `workers + 1` contiguous runs, the first (the
 * main thread's) MAIN_SHARE of the others' size. A cut falls only where every student
 * before it has all their variants before it: a student is graded by one thread. A file
 * with no such place (variants ordered by problem, say) is one run.
 */
function variantRuns(index: VariantIndex, workers: number): VariantSlot[][] {
  const { order } = index;
  const size = order.length / (MAIN_SHARE + workers);
  const runs: VariantSlot[][] = [[]];
  const left = new Map<string, number>();
  let open = 0;
  let end = MAIN_SHARE * size;
  order.forEach((slot, at) => {
    if (open === 0 && at >= end && runs.length <= workers) {
      runs.push([]);
      end += size;
    }
    runs[runs.length - 1]!.push(slot);
    let remaining = left.get(slot.student);
    if (remaining === undefined) {
      remaining = index.students.get(slot.student)!.size;
      open++;
    }
    left.set(slot.student, --remaining);
    if (remaining === 0) open--;
  });
  return runs;
}

/** Runs one run of students in a worker, passing on its progress until it is done. */
async function runInWorker(
  pool: GradingPool,
  input: GradeTask,
  progress: MessagePort,
  onProgress: (done: number) => void,
): Promise<GradedRun> {
  let finished = false;
  const running = pool.run(input, { transferList: [input.progress] }).catch((error: unknown) => {
    throw InputError.revived(error); // a bad input file's file:line, from a worker
  });
  // Awaited below; left behind only when the progress callback failed (the caller then destroys the pool).
  running.catch(() => {});
  // The progress callback may throw (an interrupted run): that fails the run.
  const progressFailed = new Promise<never>((_, reject) => {
    progress.on('message', (done: number) => {
      // A count can arrive after the result (it comes on another channel): the result's count is the last word.
      if (finished) return;
      try {
        onProgress(done);
      } catch (error) {
        reject(error);
      }
    });
  });
  try {
    return await Promise.race([running, progressFailed]);
  } finally {
    finished = true;
    progress.close();
  }
}
