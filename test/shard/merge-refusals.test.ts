// merge refuses shards that do not make one whole run, naming the shard, and
// writes nothing then.
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../cli/run-cli.js';
import { runShards, sigmax, tempDir } from './shard-fixture.js';

describe('sigmax merge refuses', () => {
  const dir = tempDir();
  const bank = join(dir, 'bank.yaml');
  const shardsDir = join(dir, 'a');
  const shard = (i: number, n = 3, root = shardsDir) => join(root, `shard-${i}-of-${n}`);
  const generate = (out: string, spec: string, count = '12') => ({
    args: ['generate', '--bank', bank, '--count', count, '--format', 'json,md', '--out', out, '--shard', spec],
  });

  /** A merge that must fail: its exit code and message, and that it wrote nothing. */
  async function refusedMerge(folders: string[], status = 1): Promise<string> {
    const out = join(dir, `out-${Math.random().toString(36).slice(2)}`);
    const run = await sigmax(['merge', '--out', out, ...folders]);
    expect(run.status, run.stdout + run.stderr).toBe(status);
    expect(existsSync(out), 'merge wrote into --out').toBe(false);
    return run.stderr;
  }

  beforeAll(async () => {
    writeFileSync(bank, readFileSync(join(ROOT, 'problem-banks/default.yaml')));
    await runShards([1, 2, 3].map((i) => generate(shardsDir, `${i}/3`)));
  });

  it('a missing shard, naming it and the ones found', async () => {
    const stderr = await refusedMerge([shard(1), shard(3)]);
    expect(stderr).toContain('generate shard 2/3 is missing: no folder given holds it (found 1/3, 3/3)');
  });

  it('a shard given twice', async () => {
    const copy = join(dir, 'copy');
    cpSync(shard(2), shard(2, 3, copy), { recursive: true });
    const stderr = await refusedMerge([shardsDir, copy]);
    expect(stderr).toContain(`generate shard 2/3 is given more than once: ${shard(2)} and ${shard(2, 3, copy)}`);
  });

  it('a foreign shard: of another number of shards, another roster, or a changed bank', async () => {
    const other = join(dir, 'other');
    writeFileSync(join(dir, 'bank2.yaml'), readFileSync(bank, 'utf8').replace('lr: 0.1', 'lr: 0.2'));
    await runShards([
      generate(other, '2/4'),
      generate(join(dir, 'roster'), '2/3', '13'),
      { args: ['generate', '--bank', join(dir, 'bank2.yaml'), '--count', '12', '--format', 'json,md', '--out', join(dir, 'changed'), '--shard', '2/3'] },
    ]);
    const fourths = await refusedMerge([shard(1), shard(2, 4, other), shard(3)]);
    expect(fourths).toContain(`generate shard 2/4 (${shard(2, 4, other)}) is not of the run of generate shard 1/3 (${shard(1)}): it is one of 4 shards, not 3`);
    expect(fourths).toContain('generate shard 2/3 is missing');
    const roster = await refusedMerge([shard(1), shard(2, 3, join(dir, 'roster')), shard(3)]);
    expect(roster).toMatch(/generate shard 2\/3 \(.*roster.*\) is not of the run of .*: it was made from another roster \(or --count\)/);
    const changed = await refusedMerge([shard(1), shard(2, 3, join(dir, 'changed')), shard(3)]);
    expect(changed).toMatch(/generate shard 2\/3 \(.*changed.*\) is not of the run of .*: it was made from another bank/);
  });

  it('a piece or a document changed after its shard wrote it', async () => {
    const edited = join(dir, 'edited');
    cpSync(shardsDir, edited, { recursive: true });
    const variants = join(shard(1, 3, edited), 'variants.jsonl');
    writeFileSync(variants, readFileSync(variants, 'utf8').replace('"points":8', '"points":9'));
    expect(await refusedMerge([edited])).toContain(`${variants}: generate shard 1/3 (${shard(1, 3, edited)}): changed since the shard wrote it`);
    cpSync(join(shard(1), 'variants.jsonl'), variants);
    const key = join(shard(3, 3, edited), 'keys', readFileSync(join(shard(3, 3, edited), 'students.generate.jsonl'), 'utf8').match(/"id":"([^"]+)"/)![1] + '.md');
    writeFileSync(key, `${readFileSync(key, 'utf8')}\nan extra line\n`);
    expect(await refusedMerge([edited])).toContain(`${key}: generate shard 3/3 (${shard(3, 3, edited)}): changed since the shard wrote it`);
  });

  it('a folder that holds no shard, and no folder at all (exit 2)', async () => {
    mkdirSync(join(dir, 'empty'));
    expect(await refusedMerge([join(dir, 'empty')])).toContain('holds no sigmax shard');
    expect(await refusedMerge([], 2)).toContain('name at least one SHARD_DIR');
  });

  it('an --out holding files no run recorded (exit 2), as generate does', async () => {
    const out = join(dir, 'taken');
    mkdirSync(join(out, 'keys'), { recursive: true });
    writeFileSync(join(out, 'keys', 'mine.md'), 'my notes');
    const run = await sigmax(['merge', '--out', out, shardsDir]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/holds 1 file\(s\) where generate writes .*keys\/mine\.md/);
    expect(existsSync(join(out, 'variants.jsonl'))).toBe(false);
  });

  it('an --out inside a shard folder, whose pieces it would overwrite (exit 2)', async () => {
    const run = await sigmax(['merge', '--out', join(shard(2), 'merged'), shardsDir]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`is inside generate shard 2/3 (${shard(2)}): choose a folder outside the shards`);
  });

  it('--workers above 1 for a grading shard (exit 2): the shards are the parallel work', async () => {
    const run = await sigmax(['grade', '--variants', 'v.jsonl', '--submissions', 's.csv', '--out', dir, '--shard', '1/2', '--workers', '2']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--workers: a grading shard grades in one thread; run more shards instead');
  });

  it('grade shards of another submissions file', async () => {
    const single = join(dir, 'single');
    const generated = await sigmax(['generate', '--bank', bank, '--count', '12', '--format', 'json', '--out', single]);
    expect(generated.status, generated.stderr).toBe(0);
    const sheet = join(single, 'answer-sheet.csv');
    const other = join(dir, 'other-answers.csv');
    writeFileSync(other, readFileSync(sheet, 'utf8').replace(/\ns001,/, '\ns001,0.5'));
    const grade = (submissions: string, out: string, spec: string) => ({
      args: ['grade', '--variants', join(single, 'variants.jsonl'), '--submissions', submissions, '--out', out, '--shard', spec],
    });
    await runShards([grade(sheet, join(dir, 'g1'), '1/2'), grade(other, join(dir, 'g2'), '2/2')]);
    const stderr = await refusedMerge([join(dir, 'g1'), join(dir, 'g2')]);
    expect(stderr).toMatch(/grade shard \d\/2 \(.*\) is not of the run of grade shard \d\/2 \(.*\): it was made from another submissions file/);
  });
});
