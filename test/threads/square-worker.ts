// A worker for the workerPool tests: says which thread ran it.
import { threadId } from 'node:worker_threads';

export default function square(n: number): { square: number; threadId: number } {
  return { square: n * n, threadId };
}
