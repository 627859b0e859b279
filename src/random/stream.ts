import { createHash } from 'node:crypto';
import seedrandom from 'seedrandom';

/** A stream of uniform numbers in [0, 1); used only to choose, never as a value. */
export type Rng = () => number;

/**
 * The seed of one student's variant of one problem. It depends on these four
 * names only, so roster order, other students and other problems never
 * change anyone's numbers. Hashing a JSON array keeps the parts apart.
 */
export function variantSeed(courseSeed: string, setId: string, problemId: string, studentId: string): string {
  const key = JSON.stringify(['sigmax/1', courseSeed, setId, problemId, studentId]);
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}

export function streamFor(seed: string): Rng {
  return seedrandom(seed);
}
