// Rendering spread over the cores: the main thread and a pool of worker
// threads take documents from one queue. Each document is laid out on its
// own, so the bytes do not depend on which thread made it or in what order.
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { type RenderJob, type RenderResult, runRenderJob } from './render-job.js';

export interface Renderer {
  /** Threads that render, the main thread included. */
  readonly threads: number;
  /** Renders every job, in any order; results come back in the jobs' order. */
  renderAll(jobs: readonly RenderJob[], onDone: () => void): Promise<RenderResult[]>;
  close(): Promise<void>;
}

export const defaultThreads = (): number => availableParallelism();

/** Jobs queued ahead per worker, so a worker never waits for the busy main thread to hand it the next. */
const AHEAD_PER_WORKER = 2;

/**
 * `threads` rendering threads: this one plus threads − 1 workers, started at
 * once so they load MathJax and the fonts while the caller draws the variants.
 */
export function createRenderer(threads: number): Renderer {
  const workers = Math.max(0, threads - 1);
  // From dist/ the worker is compiled JavaScript; from src/ (tests) it is TypeScript loaded through tsx.
  const fromSource = import.meta.url.endsWith('.ts');
  const pool =
    workers === 0
      ? null
      : new Piscina<RenderJob, RenderResult>({
          filename: new URL(fromSource ? './render-worker-from-source.mjs' : './render-worker.js', import.meta.url).href,
          minThreads: workers,
          maxThreads: workers,
          idleTimeout: 1000,
        });
  return {
    threads: workers + 1,
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
      const loops = [loop(runRenderJob)];
      if (pool) for (let k = 0; k < workers * AHEAD_PER_WORKER; k++) loops.push(loop((job) => pool.run(job)));
      await Promise.all(loops);
      return results;
    },
    close: async () => {
      await pool?.destroy();
    },
  };
}
