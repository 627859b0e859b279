import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerText } from '../../src/engine/decimal.js';
import { D } from '../../src/engine/decimal.js';
import { gradeClass } from '../../src/grade/grade-class.js';
import { GradeTally } from '../../src/grade/report.js';
import { variantLine } from '../../src/variant/record.js';
import { tempDir, variant } from './fixtures.js';

// 30 students × 2 problems, answers of every kind, graded by one thread and by workers.
const records = Array.from({ length: 30 }, (_, i) => [
  variant({
    student: `s${i}`,
    problem: 'q1',
    family: 'sigmoid-bce-step',
    given: { x: ['1.5', String(i % 5)], w: ['0.8', '0.4'], b: '-0.2', y: String(i % 2), lr: '0.5' },
  }),
  variant({
    student: `s${i}`,
    problem: 'q2',
    family: 'softmax-ce-step',
    given: { x: ['1', '-2'], y: i % 2 ? ['0', '1'] : ['1', '0'], W: [['0.5', '-0.3'], ['0.2', String(i / 10)]], b: ['0.1', '-0.2'], lr: '0.5' },
  }),
]).flat();
const rows = records.flatMap(({ record, solution }, k) =>
  solution.partIds.map((part, p) => {
    const key = solution.value(part);
    const answer = [answerText(key), key.times('1.5').toString(), '', 'x', key.neg().toString()][(k + p) % 5]!;
    return `${record.student},${record.problem},${part},${answer}\n`;
  }),
);

function setUp() {
  const dir = tempDir();
  writeFileSync(join(dir, 'variants.jsonl'), records.map((v) => variantLine(v.record)).join(''));
  writeFileSync(join(dir, 'submissions.csv'), `student,problem,part,answer\n${rows.join('')}s99,q1,z,1\n`);
  return { dir, options: { variants: join(dir, 'variants.jsonl'), submissions: join(dir, 'submissions.csv') } };
}

describe('grading on several threads', () => {
  it('writes exactly what one thread writes, with 2, 3 or 4 threads', async () => {
    const { dir, options } = setUp();
    const one = await gradeClass({ ...options, out: join(dir, 'one'), workers: 1 });
    for (const workers of [2, 3, 4]) {
      const out = join(dir, `threads-${workers}`);
      const several = await gradeClass({ ...options, out, workers });
      expect(several).toEqual({ ...one, files: one.files.map((file) => file.replace(join(dir, 'one'), out)) });
      expect(several).toMatchObject({ rowsRejected: 1, feedbackFiles: 30 });
      for (const file of ['details.csv', 'grades.csv', 'rejected.csv', 'report.md', ...readdirSync(join(dir, 'one', 'feedback')).map((f) => `feedback/${f}`)]) {
        expect(readFileSync(join(out, file), 'utf8'), `${workers} threads: ${file}`).toBe(readFileSync(join(dir, 'one', file), 'utf8'));
      }
      expect(readdirSync(join(out, 'feedback'))).toHaveLength(30);
    }
  });

  it("counts every student in its progress, the workers' included, never going back", async () => {
    // 250 students: the worker's share passes 100, where it reports its count.
    const dir = tempDir();
    const many = Array.from({ length: 250 }, (_, i) =>
      variant({ student: `p${i}`, family: 'sigmoid-bce-step', given: { x: ['1.5', String(i % 7)], w: ['0.8', '0.4'], b: '-0.2', y: '1', lr: '0.5' } }),
    );
    writeFileSync(join(dir, 'variants.jsonl'), many.map((v) => variantLine(v.record)).join(''));
    writeFileSync(join(dir, 'submissions.csv'), 'student,problem,part,answer\np0,q1,z,1\n');
    const seen: [number, number][] = [];
    const options = { variants: join(dir, 'variants.jsonl'), submissions: join(dir, 'submissions.csv'), workers: 2 };
    await gradeClass({ ...options, out: join(dir, 'out'), onStudent: (done, total) => seen.push([done, total]) });
    const counts = seen.map(([done]) => done);
    expect(counts.at(-1)).toBe(250);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(new Set(seen.map(([, total]) => total))).toEqual(new Set([250]));
    // The main thread grades fewer than half: a count above it came with a worker's.
    expect(counts.some((done, k) => k > 0 && done - counts[k - 1]! >= 100)).toBe(true);
  });

  it('grades a variants file ordered by problem (no place to cut between whole students) as one thread does', async () => {
    const { dir, options } = setUp();
    const byProblem = [...records].sort((a, b) => a.record.problem.localeCompare(b.record.problem));
    writeFileSync(options.variants, byProblem.map((v) => variantLine(v.record)).join(''));
    await gradeClass({ ...options, out: join(dir, 'one'), workers: 1 });
    await gradeClass({ ...options, out: join(dir, 'two'), workers: 2 });
    for (const file of ['details.csv', 'grades.csv', 'rejected.csv', 'report.md', 'feedback/s3.md']) {
      expect(readFileSync(join(dir, 'two', file), 'utf8'), file).toBe(readFileSync(join(dir, 'one', file), 'utf8'));
    }
  });

  it("sums a problem's scores in grading order when a thread's tally is merged in (floats: order matters)", () => {
    const fractions = [0.1, 0.7, 0.3, 0.9, 0.6];
    const one = new GradeTally();
    const [first, second] = [new GradeTally(), new GradeTally()];
    fractions.forEach((f, i) => {
      one.addVariant('q1', new D(f), new D(1));
      (i < 2 ? first : second).addVariant('q1', new D(f), new D(1));
    });
    first.merge(second.toData());
    expect(first.problemScores.get('q1')).toEqual(one.problemScores.get('q1'));
    // Adding the two partial sums instead would be off in the last bit.
    expect(one.problemScores.get('q1')!.earned).not.toBe(0.1 + 0.7 + (0.3 + 0.9 + 0.6));
  });

  it('interrupted, leaves no grades.csv and no worker files behind', async () => {
    const { dir, options } = setUp();
    const out = join(dir, 'out');
    const run = gradeClass({
      ...options,
      out,
      workers: 2,
      onStudent: () => {
        throw new Error('interrupted');
      },
    });
    await expect(run).rejects.toThrow('interrupted');
    expect(existsSync(join(out, 'grades.csv'))).toBe(false);
    expect(readdirSync(out)).toEqual([]);
  });
});
