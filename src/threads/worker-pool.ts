// Worker threads for drawing, rendering and grading: one way to start them,
// through piscina, whether sigmax runs from dist/ (compiled JavaScript) or
// from src/ (tests and benches, TypeScript under tsx).
import type { ResourceLimits } from 'node:worker_threads';
import { Piscina } from 'piscina';

/** From src/ this module is TypeScript, and so is every worker beside it. */
const fromSource = import.meta.url.endsWith('.ts');

/**
 * Exactly `threads` worker threads running the default export of `worker`
 * (the compiled module's URL: `new URL('./x-worker.js', import.meta.url)`),
 * one task at a time each. They start at once, so they load their modules
 * while the caller does other work.
 */
export function workerPool<Task, Result>(
  worker: URL,
  threads: number,
  options: { resourceLimits?: ResourceLimits } = {},
): Piscina<Task, Result> {
  return new Piscina<Task, Result>({
    // Worker threads do not inherit tsx's loader: from src/ a small entry loads the TypeScript through tsx's API.
    filename: fromSource ? new URL('./worker-from-source.mjs', import.meta.url).href : worker.href,
    ...(fromSource && { workerData: { source: worker.href.replace(/\.js$/, '.ts') } }),
    minThreads: threads,
    maxThreads: threads,
    ...options,
  });
}
