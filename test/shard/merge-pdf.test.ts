// With PDFs: each shard's sheets and keys, and the class key rendered by the
// merge, are the bytes of the unsharded run.
import { readFileSync, readdirSync } from 'node:fs';
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

  it('cuts the class key of a large class into the volumes of the unsharded run', async () => {
    const dir = tempDir();
    // Test-only: a budget of about two students' lines (4.6 kB each), so five students make three volumes.
    const env = { SIGMAX_CLASS_KEY_VOLUME_BYTES: '10000' };
    const args = (out: string) => ['generate', '--count', '5', '--format', 'pdf,md,json', '--out', out];
    await runShards([{ args: args(join(dir, 'single')), env }, ...[1, 2, 3].map((i) => ({ args: [...args(join(dir, 'shards')), '--shard', `${i}/3`], env }))]);
    const merged = await sigmax(['merge', '--out', join(dir, 'merged'), join(dir, 'shards')], env);
    expect(merged.status, merged.stderr).toBe(0);
    const volumes = readdirSync(join(dir, 'merged')).filter((file) => /^key.*\.pdf$/.test(file));
    expect(volumes.length).toBeGreaterThanOrEqual(2);
    expect(volumes).toEqual(volumes.map((_, at) => `key-${at + 1}-of-${volumes.length}.pdf`));
    expectSameFolder(join(dir, 'merged'), join(dir, 'single'));
  }, 120_000);
});
