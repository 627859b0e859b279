// With PDFs: each shard's sheets and keys, and the class key rendered by the
// merge, are the bytes of the unsharded run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectSameFolder, runShards, sigmax, tempDir } from './shard-fixture.js';

describe('sharded generate with PDFs', () => {
  it('merges two shards of a tiny class into the unsharded PDFs, class key included', async () => {
    const dir = tempDir();
    const args = (out: string) => ['generate', '--count', '3', '--format', 'pdf,json', '--out', out];
    await runShards([{ args: args(join(dir, 'single')) }, ...[1, 2].map((i) => ({ args: [...args(join(dir, 'shards')), '--shard', `${i}/2`] }))]);
    const merged = await sigmax(['merge', '--out', join(dir, 'merged'), join(dir, 'shards')]);
    expect(merged.status, merged.stderr).toBe(0);
    expect(merged.stdout).toContain(`${join(dir, 'merged', 'key.pdf')}`);
    expectSameFolder(join(dir, 'merged'), join(dir, 'single'));
    expect(readFileSync(join(dir, 'merged', 'key.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  }, 60_000);
});
