import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { numberedStudents } from '../../src/bank/roster.js';
import { belongsTo, shardOf } from '../../src/shard/shard-of.js';

describe('shardOf', () => {
  it('is SHA-256 of the id, its first 48 bits mod n, plus one', () => {
    const ids = ['s001', 'دانشجو۱', '-ab', 'a'.repeat(120)];
    for (const id of ids) {
      const first48 = BigInt(`0x${createHash('sha256').update(id).digest('hex').slice(0, 12)}`);
      for (const n of [1, 2, 7, 1000]) expect(shardOf(id, n)).toBe(Number(first48 % BigInt(n)) + 1);
    }
  });

  it('moves no student when others are added to the roster or it is reordered', () => {
    const before = numberedStudents(500).map((s) => s.id);
    const after = [...numberedStudents(800).map((s) => s.id)].reverse();
    const placed = new Map(before.map((id) => [id, shardOf(id, 7)]));
    for (const id of after) if (placed.has(id)) expect(shardOf(id, 7)).toBe(placed.get(id));
  });

  it('spreads a class evenly: 7,000 students in 7 shards, each within 10 % of 1,000', () => {
    const sizes = Array.from({ length: 7 }, () => 0);
    for (const { id } of numberedStudents(7000)) sizes[shardOf(id, 7) - 1]!++;
    for (const size of sizes) expect(Math.abs(size - 1000)).toBeLessThan(100);
  });

  it('puts each student in exactly one shard', () => {
    const ids = numberedStudents(200).map((s) => s.id);
    const tests = [1, 2, 3].map((index) => belongsTo({ index, count: 3 }));
    for (const id of ids) expect(tests.filter((owns) => owns(id))).toHaveLength(1);
  });
});
