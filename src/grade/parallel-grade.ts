import { rmSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { Locale } from '../bank/bank.js';
import { InputError } from '../bank/errors.js';
import type { CreditOverrides } from './grade-variant.js';
import type { PassResult } from './grade-pass.js';
import type { GradeOutputs } from './output-folder.js';
import { GradeTally, type TallyData } from './report.js';
import type { VariantIndex } from './variant-index.js';

/** Old-generation heap of a grading worker: its live data is a few megabytes plus its students' answers. */
const WORKER_HEAP_MB = 128;
/**
 * Young generation of a grading worker. V8's default (3 × 16 MB semi-spaces) is resident
 * memory per isolate; 8 MB keeps two workers' peak RSS ~100 MB lower for about the same CPU.
 */
const WORKER_YOUNG_MB = 8;

/** What a grading worker is given: its students' variants (by line) with their answers. */
export interface WorkerInput {
  variantsFile: string;
  variants: { line: number; student: string; problem: string; shape: number }[];
  /** The part ids of each shape of problem, which `shape` above points into. */
  shapes: string[][];
  /** Each variant's submitted answers (null: none), as one JSON text: one string is cloned at memcpy speed. */
  answers: string;
  variantsOf: [string, number][];
  problems: readonly string[];
  credits: { ecf?: string | undefined; misconception?: string | undefined };
  /** The language of the feedback. */
  locale: Locale;
  detailsPart: string;
}

export type WorkerMessage =
  | { kind: 'progress'; done: number }
  | { kind: 'feedback'; files: [string, string][] }
  | { kind: 'done'; done: number; tally: TallyData; gradeRows: [string, string][]; notes: string[] }
  | { kind: 'input-error'; problems: InputError['problems'] };

/**
 * The second pass spread over worker threads: the students, in order of
 * first appearance, are cut into contiguous runs of about equal size, one
 * per worker; their parts of details.csv are joined in that order, so the
 * output is the same as from one thread.
 */
export async function gradeInWorkers(
  index: VariantIndex,
  credits: CreditOverrides,
  locale: Locale,
  outputs: GradeOutputs,
  workers: number,
  onStudent: (done: number) => void,
): Promise<PassResult> {
  const runs = studentRuns(index, workers);
  const parts = runs.map((_, k) => `${outputs.details.path}.part-${k}`);
  const done = runs.map(() => 0);
  const running: Worker[] = [];
  const shapes: string[][] = [];
  const shapeIndex = new Map<readonly string[], number>();
  const shapeOf = (ids: readonly string[]) => {
    let at = shapeIndex.get(ids);
    if (at === undefined) shapeIndex.set(ids, (at = shapes.push([...ids]) - 1));
    return at;
  };
  try {
    const results = await Promise.all(
      runs.map((students, k) => {
        const variants = index.order.filter((slot) => students.has(slot.student));
        const input: WorkerInput = {
          variantsFile: index.file,
          variants: variants.map(({ line, student, problem, parts }) => ({ line, student, problem, shape: shapeOf(parts.ids) })),
          shapes,
          answers: JSON.stringify(variants.map((slot) => (slot.submitted ? Array.from(slot.submitted, (a) => a ?? null) : null))),
          variantsOf: [...students].map((student) => [student, index.students.get(student)!.size]),
          problems: index.problems,
          credits: { ecf: credits.ecf?.toString(), misconception: credits.misconception?.toString() },
          locale,
          detailsPart: parts[k]!,
        };
        // Cloned into the worker: the main thread's copy can go.
        for (const slot of variants) [slot.submitted, slot.submittedLine] = [undefined, undefined];
        return runWorker(input, running, {
          progress(n) {
            done[k] = n;
            onStudent(done.reduce((a, b) => a + b, 0));
          },
          feedback(files) {
            for (const [student, markdown] of files) outputs.writeFeedback(student, markdown);
          },
        });
      }),
    );
    const merged: PassResult = { tally: new GradeTally(), gradeRows: new Map(), notes: [] };
    results.forEach((result, k) => {
      merged.tally.merge(result.tally);
      for (const [student, row] of result.gradeRows) merged.gradeRows.set(student, row);
      merged.notes.push(...result.notes);
      outputs.details.append(parts[k]!);
      done[k] = result.done;
    });
    onStudent(done.reduce((a, b) => a + b, 0));
    return merged;
  } finally {
    await Promise.all(running.map((worker) => worker.terminate()));
    for (const part of parts) rmSync(part, { force: true });
  }
}

/** Students in order of first appearance, cut into `count` runs of about as many variants each. */
function studentRuns(index: VariantIndex, count: number): Set<string>[] {
  const runs: Set<string>[] = [new Set()];
  const target = index.order.length / count;
  let variants = 0;
  for (const [student, problems] of index.students) {
    if (variants >= target * runs.length && runs.length < count) runs.push(new Set());
    runs[runs.length - 1]!.add(student);
    variants += problems.size;
  }
  return runs;
}

function runWorker(
  input: WorkerInput,
  running: Worker[],
  on: { progress(done: number): void; feedback(files: [string, string][]): void },
): Promise<Extract<WorkerMessage, { kind: 'done' }>> {
  // Run from source (tests, benches) the worker is TypeScript: load it through tsx.
  const fromSource = import.meta.url.endsWith('.ts');
  const script = new URL(`./grade-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url).href;
  // A bounded heap: V8 otherwise lets a busy worker's garbage grow by hundreds of megabytes.
  const resourceLimits = { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_MB };
  const worker = fromSource
    ? new Worker(`import('tsx/esm/api').then((tsx) => tsx.tsImport(${JSON.stringify(script)}, ${JSON.stringify(script)}))`, {
        eval: true,
        workerData: input,
        resourceLimits,
      })
    : new Worker(new URL(script), { workerData: input, resourceLimits });
  running.push(worker);
  return new Promise((resolve, reject) => {
    let finished = false;
    worker.on('message', (message: WorkerMessage) => {
      try {
        if (message.kind === 'progress') on.progress(message.done);
        else if (message.kind === 'feedback') on.feedback(message.files);
        else if (message.kind === 'done') [finished] = [true, resolve(message)];
        else reject(new InputError(message.problems));
      } catch (error) {
        reject(error);
      }
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (!finished) reject(new Error(`grading worker stopped (exit code ${code}) before it finished`));
    });
  });
}
