// The worker thread's entry (piscina loads it by file name): one job per call.
import { type RenderJob, type RenderResult, runRenderJob, warmUp } from './render-job.js';

// Load MathJax and the fonts now, while the main thread is still drawing variants.
await warmUp();

export default function renderInWorker(job: RenderJob): Promise<RenderResult> {
  return runRenderJob(job);
}
