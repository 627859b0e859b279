// Grading shards in this process, on a long-layout submissions file: every row
// is graded or rejected by exactly one shard, and the merge gives the unsharded files.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBank } from '../../src/bank/bank.js';
import { numberedStudents } from '../../src/bank/roster.js';
import { gradeClass } from '../../src/grade/grade-class.js';
import { gradeShard } from '../../src/shard/grade-shard.js';
import { mergeShards } from '../../src/shard/merge.js';
import { writeVariants } from '../../src/variant/write-variants.js';
import { ROOT } from '../cli/run-cli.js';
import { longCsv } from '../grade/fixtures.js';
import { tempDir } from './shard-fixture.js';

describe('grading shards on a long-layout file', () => {
  it('grade or reject each row in exactly one shard, and merge into the unsharded files', async () => {
    const dir = tempDir();
    const bank = loadBank(join(ROOT, 'problem-banks/default.yaml'));
    const drawn = await writeVariants(bank, numberedStudents(12), dir, () => {}, 1);
    const rows: [string, string, string, string][] = [];
    drawn.variants.forEach((record, k) => {
      if (record.student === 's004') return; // no submission
      const z = (record.answers as { z?: unknown }).z;
      rows.push([record.student, record.problem, 'loss', k % 3 === 0 ? '0.5' : String((record.answers as { loss?: string }).loss ?? '1')]);
      if (typeof z === 'string') rows.push([record.student, record.problem, 'z', z]);
    });
    rows.splice(3, 0, ['s002', 'q1', 'loss', '9'], ['s005', 'q1', 'nope', '1'], ['s006', 'q9', 'z', '1'], ['ghost', 'q1', 'z', '1'], ['', '', '', '']);
    const submissions = join(dir, 'answers.csv');
    writeFileSync(submissions, `${longCsv(rows)}s007,q1,loss,"1.0\n`);
    const variants = join(dir, 'variants.jsonl');

    const single = await gradeClass({ variants, submissions, out: join(dir, 'single') });
    const shards = await Promise.all([1, 2, 3].map((index) => gradeShard({ variants, submissions, out: join(dir, 'shards') }, { index, count: 3, source: 'test' })));
    const reasons = readFileSync(join(dir, 'single', 'rejected.csv'), 'utf8');
    for (const reason of ['duplicate (first on line', 'unknown part', 'unknown problem', 'unknown student', 'empty row', 'not valid CSV']) expect(reasons).toContain(reason);
    // Each shard reads every row; each row is graded or rejected by one shard alone.
    for (const { summary } of shards) {
      expect(summary.rowsGraded + summary.rowsRejected + summary.rowsElsewhere).toBe(single.rowsRead);
    }
    expect(shards.reduce((sum, { summary }) => sum + summary.rowsGraded, 0)).toBe(single.rowsGraded);
    expect(shards.reduce((sum, { summary }) => sum + summary.rowsRejected, 0)).toBe(single.rowsRejected);

    await mergeShards([join(dir, 'shards')], join(dir, 'merged'), false);
    for (const file of ['details.csv', 'grades.csv', 'rejected.csv', 'report.md', 'feedback/s001.md', 'feedback/s012.md', '.sigmax-grade.json']) {
      expect(readFileSync(join(dir, 'merged', file), 'utf8'), file).toBe(readFileSync(join(dir, 'single', file), 'utf8'));
    }
  });
});
