// A worker thread's entry when sigmax runs from src/ (tests, benches: node --import tsx):
// worker threads do not inherit tsx's loader, so the TypeScript worker that
// workerPool named is loaded through tsx's API.
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

const worker = await tsImport(workerData.source, import.meta.url);
export default worker.default;
