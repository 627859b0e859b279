// A shard may hold no student at all (a small class, or many shards): its
// pieces are empty, and the merge must still give the unsharded bytes.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectSameFolder, runShards, sigmax, tempDir } from './shard-fixture.js';

describe('a shard with no students', () => {
  it('merges, for generate and for grade, into the unsharded files', async () => {
    const dir = tempDir();
    const generate = (out: string) => ['generate', '--count', '1', '--format', 'json,md', '--out', out];
    const single = join(dir, 'single');
    expect((await sigmax(generate(single))).status).toBe(0);
    const answers = join(dir, 'answers.csv');
    writeFileSync(answers, 'student,q1.z\ns001,0.5\nnobody,1\n');
    const grade = (out: string) => ['grade', '--variants', join(single, 'variants.jsonl'), '--submissions', answers, '--out', out];
    const graded = join(dir, 'graded');
    const whole = await sigmax(grade(graded));
    expect(whole.status, whole.stderr).toBe(0);

    const [genShards, gradeShards] = [join(dir, 'gen-shards'), join(dir, 'grade-shards')];
    const runs = await runShards([1, 2].flatMap((i) => [{ args: [...generate(genShards), '--shard', `${i}/2`] }, { args: [...grade(gradeShards), '--shard', `${i}/2`] }]));
    // One student: one of the two shards is empty.
    expect(runs.filter((run) => run.stdout.includes('0 student(s)'))).toHaveLength(2);
    for (const [shards, expected] of [[genShards, single], [gradeShards, graded]] as const) {
      const merged = join(dir, `merged-${expected === single ? 'generate' : 'grade'}`);
      const merge = await sigmax(['merge', '--out', merged, shards]);
      expect(merge.status, merge.stderr).toBe(0);
      expectSameFolder(merged, expected);
    }
  }, 300_000);
});
