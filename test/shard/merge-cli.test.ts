// Shards run as separate processes, as a batch engine runs them, then merged:
// the merged folder must hold exactly the bytes one unsharded run writes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectSameFolder, filesUnder, runShards, sigmax, tempDir, writeRoster, writeSubmissions } from './shard-fixture.js';

const BANK = 'problem-banks/default.yaml';
const STUDENTS = 30;

/** How each engine tells shard i (1-based) of n, as it sets its variables. */
const ENGINES: Record<string, (i: number, n: number) => Record<string, string>> = {
  kubernetes: (i, n) => ({ JOB_COMPLETION_INDEX: String(i - 1), SIGMAX_SHARDS: String(n) }),
  // sbatch --array=1-n: ids from 1.
  slurm: (i, n) => ({ SLURM_ARRAY_TASK_ID: String(i), SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_MAX: String(n), SLURM_ARRAY_TASK_COUNT: String(n), SLURM_ARRAY_TASK_STEP: '1' }),
  // sbatch --array=0-(4n-4):4: ids 0, 4, 8, …
  'slurm with a step': (i, n) => ({ SLURM_ARRAY_TASK_ID: String(4 * (i - 1)), SLURM_ARRAY_TASK_MIN: '0', SLURM_ARRAY_TASK_MAX: String(4 * (n - 1)), SLURM_ARRAY_TASK_COUNT: String(n), SLURM_ARRAY_TASK_STEP: '4' }),
  'aws batch': (i, n) => ({ AWS_BATCH_JOB_ARRAY_INDEX: String(i - 1), AWS_BATCH_JOB_ARRAY_SIZE: String(n) }),
  gitlab: (i, n) => ({ CI_NODE_INDEX: String(i), CI_NODE_TOTAL: String(n) }),
};

const shardsOf = (n: number) => Array.from({ length: n }, (_, k) => k + 1);

describe('sharded generate and grade, merged', () => {
  const dir = tempDir();
  let roster = '';
  let submissions = '';
  const single = join(dir, 'single');
  const generateArgs = (out: string) => ['generate', '--bank', BANK, '--roster', roster, '--format', 'json,md', '--out', out];
  const gradeArgs = (out: string) => ['grade', '--variants', join(single, 'variants.jsonl'), '--submissions', submissions, '--out', out];

  beforeAll(async () => {
    roster = writeRoster(dir, STUDENTS);
    const generated = await sigmax(generateArgs(single));
    expect(generated.status, generated.stderr).toBe(0);
    submissions = writeSubmissions(dir, join(single, 'variants.jsonl'));
    const graded = await sigmax(gradeArgs(join(dir, 'graded')));
    expect(graded.status, graded.stderr).toBe(0);
  });

  it('has a class whose report shows rejected rows, no-submission students and a misconception', () => {
    const rejected = readFileSync(join(dir, 'graded', 'rejected.csv'), 'utf8');
    for (const reason of ['unknown student', 'duplicate (first on line', 'empty row', 'not valid CSV']) expect(rejected).toContain(reason);
    const report = readFileSync(join(dir, 'graded', 'report.md'), 'utf8');
    expect(report).toContain('update-sign');
    expect(report).toMatch(/no submission/i);
  });

  /** The merged folder holds generate's and grade's unsharded files, byte for byte. */
  const expectBothRuns = (out: string) => {
    const graded = join(dir, 'graded');
    expect(filesUnder(out)).toEqual([...filesUnder(single), ...filesUnder(graded)].sort());
    expectSameFolder(out, single, filesUnder(single));
    expectSameFolder(out, graded, filesUnder(graded));
  };

  for (const n of [1, 3, 7]) {
    it(`generate and grade --shard i/${n}, each in ${n} process(es), merge into the unsharded bytes`, async () => {
      const [gen, graded] = [join(dir, `gen-flag-${n}`), join(dir, `grade-flag-${n}`)];
      const runs = await runShards([
        ...shardsOf(n).map((i) => ({ args: [...generateArgs(gen), '--shard', `${i}/${n}`] })),
        ...shardsOf(n).map((i) => ({ args: [...gradeArgs(graded), '--shard', `${i}/${n}`] })),
      ]);
      expect(runs[0]!.stderr).toContain(`sigmax: shard 1/${n} (from --shard 1/${n})`);
      // Each student is in exactly one shard.
      const counts = shardsOf(n).map((i) => readFileSync(join(gen, `shard-${i}-of-${n}`, 'students.generate.jsonl'), 'utf8').split('\n').filter(Boolean).length);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(STUDENTS);
      // generate's --out holds its shard folders; grade's shard folders are given one by one.
      const out = join(dir, `merged-flag-${n}`);
      const merged = await sigmax(['merge', '--out', out, gen, ...shardsOf(n).map((i) => join(graded, `shard-${i}-of-${n}`))]);
      expect(merged.status, merged.stderr).toBe(0);
      expect(merged.stdout).toContain(`merged ${n} generate shard(s)`);
      expect(merged.stdout).toMatch(new RegExp(`merged ${n} grade shard\\(s\\) → \\d+ rows read \\(wide layout\\): \\d+ graded, \\d+ rejected`));
      expectBothRuns(out);
    }, 300_000);
  }

  // One command per engine (the shard is chosen the same way for both), two shards each.
  const ENGINE_RUNS: [string, 'generate' | 'grade'][] = [
    ['kubernetes', 'generate'],
    ['slurm', 'grade'],
    ['slurm with a step', 'generate'],
    ['aws batch', 'grade'],
    ['gitlab', 'generate'],
  ];
  for (const [engine, command] of ENGINE_RUNS) {
    it(`${command} takes the shard from ${engine}'s variables`, async () => {
      const shards = join(dir, `${command}-${engine}`);
      const args = command === 'generate' ? generateArgs(shards) : gradeArgs(shards);
      const runs = await runShards([1, 2].map((i) => ({ args, env: ENGINES[engine]!(i, 2) })));
      expect(runs[1]!.stderr).toMatch(new RegExp(`sigmax: shard 2/2 \\(from ${engine.split(' ')[0]}`, 'i'));
      const out = join(dir, `merged-${command}-${engine}`);
      const merged = await sigmax(['merge', '--out', out, shards]);
      expect(merged.status, merged.stderr).toBe(0);
      expectSameFolder(out, command === 'generate' ? single : join(dir, 'graded'));
    });
  }
});
