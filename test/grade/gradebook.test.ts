import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gradeClass } from '../../src/grade/grade-class.js';
import type { VariantRecord } from '../../src/variant/record.js';
import { runCli } from '../cli/run-cli.js';
import { grade, keyAnswers, variant } from './fixtures.js';

// The sigmoid neuron of verdicts-sigmoid-step: 10 parts of 1 point; q2 the same problem again, worth 5.
const given = { x: ['1.5', '-0.5'], w: ['0.8', '0.4'], b: '-0.2', y: '0', lr: '0.5' };
type Identity = Partial<Pick<VariantRecord, 'idnumber' | 'email' | 'username'>>;

/** s1 answers everything right, s2 only z of q1, s3 nothing; each with the roster identity given. */
function classWith(identity: Record<string, Identity>, names: Record<string, string> = {}) {
  const records: VariantRecord[] = [];
  for (const student of ['s1', 's2', 's3']) {
    for (const [problem, points] of [['q1', 10], ['q2', 5]] as const) {
      const { record } = variant({ student, problem, points, family: 'sigmoid-bce-step', given });
      records.push({ ...record, name: names[student] ?? '', ...identity[student] });
    }
  }
  const key = keyAnswers(variant({ family: 'sigmoid-bce-step', given }).solution);
  const rows = ['student,problem,part,answer'];
  for (const problem of ['q1', 'q2']) for (const [part, answer] of Object.entries(key)) rows.push(`s1,${problem},${part},${answer}`);
  rows.push(`s2,q1,z,${key.z}`);
  return { records, csv: `${rows.join('\n')}\n` };
}

const IDENTITY: Record<string, Identity> = {
  s1: { idnumber: '1001', email: 'ana@uni.example', username: 'apop' },
  s2: { idnumber: '1002', email: 'bogdan@uni.example' },
  s3: { idnumber: '1003', username: 'cdinu' },
};
const NAMES = { s1: 'Ana Pop', s2: 'Ion, Bogdan', s3: '=Carla' };

describe('gradebook files', () => {
  it("writes Moodle's grade import: the ID number, a column per problem and the total, empty cells for no submission", async () => {
    const { records, csv } = classWith(IDENTITY, NAMES);
    const graded = await grade(records, csv, { gradebooks: ['moodle'] });
    expect(graded.read('gradebook-moodle.csv')).toBe(
      '\uFEFFID number,test-set q1,test-set q2,test-set total\n1001,10,5,15\n1002,1,0,1\n1003,,,\n',
    );
    expect(existsSync(join(graded.dir, 'out', 'gradebook-canvas.csv'))).toBe(false);
  });

  it("writes Canvas's gradebook CSV: the student columns, the assignment, a Points Possible row", async () => {
    const { records, csv } = classWith(IDENTITY, NAMES);
    const graded = await grade(records, csv, { gradebooks: ['canvas', 'moodle'] });
    expect(graded.read('gradebook-canvas.csv')).toBe(
      '\uFEFFStudent,ID,SIS User ID,SIS Login ID,Section,test-set\n' +
        'Points Possible,,,,,15\n' +
        'Ana Pop,,1001,apop,,15\n' +
        '"Ion, Bogdan",,1002,bogdan@uni.example,,1\n' +
        "'=Carla,,1003,cdinu,,\n",
    );
    expect(graded.summary.files.map((f) => f.split('/').at(-1))).toEqual(expect.arrayContaining(['gradebook-canvas.csv', 'gradebook-moodle.csv']));
  });

  it('scores a student with no submission 0 with --missing-as-zero', async () => {
    const { records, csv } = classWith(IDENTITY);
    const graded = await grade(records, csv, { gradebooks: ['moodle', 'canvas'], missingAsZero: true });
    expect(graded.read('gradebook-moodle.csv').split('\n')[3]).toBe('1003,0,0,0');
    expect(graded.read('gradebook-canvas.csv').split('\n')[4]).toBe('s3,,1003,cdinu,,0');
  });

  it('keys Moodle on the identity most students have, leaving out (and naming) those without it', async () => {
    const { records, csv } = classWith({ s1: { email: 'ana@uni.example' }, s2: { email: 'bogdan@uni.example', idnumber: '1002' }, s3: {} });
    const graded = await grade(records, csv, { gradebooks: ['moodle'] });
    expect(graded.read('gradebook-moodle.csv')).toBe(
      '\uFEFFEmail address,test-set q1,test-set q2,test-set total\nana@uni.example,10,5,15\nbogdan@uni.example,1,0,1\n',
    );
    expect(graded.summary.notes).toContain(
      'gradebook-moodle.csv: 1 student(s) without an email left out (Moodle stops an import at a row it cannot match): s3',
    );
  });

  it('names students by their sigmax id when the roster gave no identity, and says how to map it', async () => {
    const { records, csv } = classWith({});
    const graded = await grade(records, csv, { gradebooks: ['moodle', 'canvas'] });
    expect(graded.read('gradebook-moodle.csv').split('\n')[0]).toBe('\uFEFFstudent_id,test-set q1,test-set q2,test-set total');
    expect(graded.read('gradebook-canvas.csv').split('\n')[2]).toBe('s1,,s1,,,15');
    expect(graded.summary.notes.join('\n')).toMatch(/gradebook-moodle\.csv: .* column student_id: map it to the Moodle field it is/);
  });

  it('removes its gradebook files when a later run into the same --out writes none', async () => {
    const { records, csv } = classWith(IDENTITY);
    const graded = await grade(records, csv, { gradebooks: ['moodle', 'canvas'] });
    const out = join(graded.dir, 'out');
    await gradeClass({ variants: join(graded.dir, 'variants.jsonl'), submissions: join(graded.dir, 'submissions.csv'), out, gradebooks: ['canvas'] });
    expect([existsSync(join(out, 'gradebook-moodle.csv')), existsSync(join(out, 'gradebook-canvas.csv'))]).toEqual([false, true]);
    await gradeClass({ variants: join(graded.dir, 'variants.jsonl'), submissions: join(graded.dir, 'submissions.csv'), out });
    expect(existsSync(join(out, 'gradebook-canvas.csv'))).toBe(false);
    expect(existsSync(join(out, 'grades.csv'))).toBe(true);
  });

  it('refuses an unknown gradebook as bad usage', () => {
    const run = runCli(['grade', '--variants', 'v.jsonl', '--submissions', 's.csv', '--out', 'o', '--gradebook', 'moodle,blackboard']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--gradebook: expected a comma list of moodle, canvas, got "blackboard"');
  });
});
