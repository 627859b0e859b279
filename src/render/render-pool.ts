// Rendering spread over the cores: a pool of worker threads takes documents
// from one queue (with one thread, the main thread renders them itself). The
// workers start at once and load MathJax and the fonts while the main thread
// draws the variants. Each document is laid out on its own, so the bytes do
// not depend on which thread made it or in what order.
import { availableParallelism } from 'node:os';
import { InputError } from '../bank/errors.js';
import { workerPool } from '../threads/worker-pool.js';
import type { RenderJob, RenderResult } from './render-job.js';

export interface Renderer {
  /** Threads that render. */
  readonly threads: number;
  /** Renders every job, in any order; results come back in the jobs' order. */
  renderAll(jobs: readonly RenderJob[], onDone: () => void): Promise<RenderResult[]>;
  close(): Promise<void>;
}

/**
 * Student-problems (a sheet and a key each) worth a thread of their own: a
 * worker costs about a second of start-up (pdfkit, MathJax, fonts, first
 * formulas), one student-problem a few milliseconds. Measured: 50 × 1 renders
 * fastest in one thread, 200 × 3 on two.
 */
const WORK_PER_THREAD = 150;

/** Rendering threads for a set: one per core, as far as the work pays for their start-up. */
export function defaultThreads(students: number, problems: number): number {
  return Math.max(1, Math.min(availableParallelism(), Math.floor((students * problems) / WORK_PER_THREAD)));
}

/** Jobs queued ahead per worker, so a worker never waits for the main thread to hand it the next. */
const AHEAD_PER_WORKER = 2;

/** `threads` rendering threads: workers when more than one, else this thread. */
export function createRenderer(threads: number): Renderer {
  const workers = threads > 1 ? threads : 0;
  const pool = workers === 0 ? null : workerPool<RenderJob, RenderResult>(new URL('./render-worker.js', import.meta.url), workers);
  return {
    threads: Math.max(1, workers),
    async renderAll(jobs, onDone) {
      const results: RenderResult[] = new Array(jobs.length);
      let next = 0;
      const take = () => (next < jobs.length ? next++ : null);
      const loop = async (render: (job: RenderJob) => Promise<RenderResult>) => {
        for (let i = take(); i !== null; i = take()) {
          results[i] = await render(jobs[i]!);
          onDone();
        }
      };
      // Loaded here, not above: with a pool the main thread never needs pdfkit or MathJax.
      const loops = pool
        ? Array.from({ length: workers * AHEAD_PER_WORKER }, () =>
            loop((job) =>
              pool.run(job).catch((error: unknown) => {
                throw InputError.revived(error); // a template's file:line, from a worker
              }),
            ),
          )
        : [loop((await import('./render-job.js')).runRenderJob)];
      await Promise.all(loops);
      return results;
    },
    close: async () => {
      await pool?.destroy();
    },
  };
}
