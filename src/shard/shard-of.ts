import { createHash } from 'node:crypto';

/**
 * The shard (1…count) a student belongs to: the first 48 bits of SHA-256 of
 * their id (UTF-8), big-endian, modulo count, plus one. It depends on the id
 * alone, never on the roster's order, so a student added to the roster moves
 * no one else to another shard.
 */
export function shardOf(student: string, count: number): number {
  const digest = createHash('sha256').update(student, 'utf8').digest();
  return (digest.readUIntBE(0, 6) % count) + 1;
}

/** A test of whether a student belongs to shard `index` of `count`. */
export const belongsTo =
  ({ index, count }: { index: number; count: number }) =>
  (student: string): boolean =>
    count === 1 || shardOf(student, count) === index;
