// Sharded grading of what comes back from an LMS rather than a spreadsheet:
// a Moodle zip of filled PDF sheets and a Moodle quiz responses report, with
// the gradebook files, and the key check. Each shard reads the whole input
// (which sheet or attempt of a student counts is decided over all of it) and
// grades and rejects for its own students; merged, the folder must be the
// unsharded run's, byte for byte.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { D } from '../../src/engine/decimal.js';
import { type GeneratedClass, fillWithPdfLib, generateClass, zipOf } from '../grade/sheet-fixtures.js';
import { type ExportedClass, clozeSummary, exportClass, moodleCsv, reportHeader } from '../grade/moodle-report.js';
import { expectSameFolder, runShards, sigmax, tempDir, writeRoster, writeSubmissions } from './shard-fixture.js';

const shardsOf = (n: number) => Array.from({ length: n }, (_, k) => k + 1);

/** Grades `args` unsharded into `single` and as `n` shard processes merged into `merged`; returns both runs' output. */
async function gradeBothWays(dir: string, args: readonly string[], n: number) {
  const single = join(dir, 'single');
  const whole = await sigmax(['grade', ...args, '--out', single]);
  expect(whole.status, whole.stderr).toBe(0);
  const shards = join(dir, 'shards');
  const runs = await runShards(shardsOf(n).map((i) => ({ args: ['grade', ...args, '--out', shards, '--shard', `${i}/${n}`] })));
  const merged = join(dir, 'merged');
  const merge = await sigmax(['merge', '--out', merged, shards]);
  expect(merge.status, merge.stderr).toBe(0);
  return { single, merged, whole, runs, merge };
}

describe('sharded grading of filled PDF sheets in a Moodle zip', () => {
  let cls: GeneratedClass;
  const dir = tempDir();
  let zip = '';

  beforeAll(async () => {
    cls = generateClass();
    // Each student's keys, one answer of each off by half (a wrong part in every sheet).
    const answers = (student: string) => {
      const keys = cls.keys(student);
      const [first] = keys.keys();
      keys.set(first!, new D(keys.get(first!)!).times(1.5).toString());
      return keys;
    };
    const time = (hour: number) => new Date(Date.UTC(2026, 2, 1, hour));
    zip = join(dir, 'submissions.zip');
    writeFileSync(
      zip,
      zipOf({
        'Alice Smith_101_assignsubmission_file_/sheet.pdf': await fillWithPdfLib(cls.sheet('s001'), answers('s001')),
        // Bob hands in twice: the later upload is graded, the earlier rejected (in Bob's shard).
        'Bob Jones_102_assignsubmission_file_/draft.pdf': [await fillWithPdfLib(cls.sheet('s002'), new Map()), time(9)],
        'Bob Jones_102_assignsubmission_file_/final.pdf': [await fillWithPdfLib(cls.sheet('s002'), answers('s002')), time(11)],
        'Bob Jones_102_assignsubmission_file_/notes.txt': new TextEncoder().encode('my working'),
        // Carla's sheet handed in under Dan's name: graded for Carla, flagged as possible copying.
        'Dan Brown_104_assignsubmission_file_/week1.pdf': await fillWithPdfLib(cls.sheet('s003'), answers('s003')),
        'Dan Brown_104_assignsubmission_file_/broken.pdf': new TextEncoder().encode('%PDF-1.7\nnot really'),
        '__MACOSX/._sheet.pdf': new TextEncoder().encode('resource fork'),
      }),
    );
  }, 120_000);

  it('3 shard processes merge into the unsharded grades, details, rejected files, report, gradebooks and class report', async () => {
    const args = ['--variants', cls.variants, '--submissions', zip, '--gradebook', 'moodle,canvas'];
    const { single, merged, runs, merge } = await gradeBothWays(dir, args, 3);
    // The unsharded run has every case in it, so the comparison below covers them.
    const rejected = readFileSync(join(single, 'rejected.csv'), 'utf8');
    expect(rejected).toContain("s002's sheet again");
    expect(rejected).toContain('notes.txt');
    expect(rejected).toContain('broken.pdf');
    const report = readFileSync(join(single, 'report.md'), 'utf8');
    expect(report).toContain('possible copying');
    expect(report).toContain('handed in 2 sheets');
    expect(report).toMatch(/no submission/i);
    // Every shard read all six files (the __MACOSX one is skipped); together they took each once.
    const taken = runs.map((run) => /: 6 files read \(filled PDF sheets\): (\d+) graded, (\d+) rejected, (\d+) left to other shards/.exec(run.stdout));
    expect(taken.every(Boolean), runs.map((run) => run.stdout).join('\n')).toBe(true);
    expect(taken.reduce((sum, m) => sum + Number(m![1]) + Number(m![2]), 0)).toBe(6);
    for (const m of taken) expect(Number(m![1]) + Number(m![2]) + Number(m![3])).toBe(6);
    expect(merge.stdout).toMatch(/6 files read \(filled PDF sheets\): 3 graded, 3 rejected/);
    expectSameFolder(merged, single);
  }, 300_000);
});

/** A student's attempt at the responses report's two questions: their answers, and whose variant each question drew. */
interface Attempt {
  student: string;
  names: [string, string, string, string];
  state?: string;
  q1: string[];
  q2: string[];
  drew?: string;
}

describe('sharded grading of a Moodle quiz responses report', () => {
  let c: ExportedClass;
  const dir = tempDir();
  let report = '';

  beforeAll(async () => {
    c = await exportClass();
    const keys = (student: string, problem: string) => c.solution(student, problem).partIds.map((id) => c.solution(student, problem).value(id).toSignificantDigits(8).toString());
    const ones = (problem: string) => c.solution('s001', problem).partIds.map(() => '1');
    const row = (a: Attempt) => {
      const q1Owner = a.drew ?? a.student;
      return [
        a.names[0], a.names[1], a.names[2], a.names[3], a.state ?? 'Finished',
        '3 March 2025  10:02 AM', '3 March 2025  10:41 AM', '39 mins 5 secs', '6.50',
        c.questionCell(q1Owner, 'q1'), clozeSummary(a.q1), clozeSummary(keys(q1Owner, 'q1')),
        c.questionCell(a.student, 'q2'), clozeSummary(a.q2), clozeSummary(keys(a.student, 'q2')),
      ];
    };
    const ana: Attempt['names'] = ['Pop', 'Ana', '1001', 'ana@uni.example'];
    const rows = [
      reportHeader(2),
      // Ana's first attempt is rejected (an earlier one), her last graded.
      row({ student: 's001', names: ana, q1: ones('q1'), q2: ones('q2') }),
      row({ student: 's001', names: ana, q1: keys('s001', 'q1'), q2: keys('s001', 'q2') }),
      row({ student: 's002', names: ['Ion', 'Bogdan', '1002', 'bogdan@uni.example'], state: 'In progress', q1: keys('s002', 'q1'), q2: keys('s002', 'q2') }),
      // Carla's random question drew Elena's variant of q1.
      row({ student: 's003', names: ['Dinu', 'Carla', '1003', 'carla@uni.example'], drew: 's005', q1: keys('s005', 'q1'), q2: keys('s003', 'q2') }),
      row({ student: 's004', names: ['Mihai', 'Dan', '1004', 'dan@uni.example'], q1: ones('q1'), q2: keys('s004', 'q2') }),
      // Someone the variants do not know.
      row({ student: 's005', names: ['Nobody', 'Here', '9999', 'nobody@uni.example'], q1: ones('q1'), q2: ones('q2') }),
    ];
    // The stranger's questions name no variant of theirs: give their row a sheet id of no one.
    rows[6]![9] = rows[6]![9]!.replace(/[0-9a-f]{8}/, 'deadbeef');
    rows[6]![12] = rows[6]![12]!.replace(/[0-9a-f]{8}/, 'deadbeef');
    report = join(dir, 'responses.csv');
    writeFileSync(report, moodleCsv(rows));
  }, 120_000);

  it('3 shard processes merge into the unsharded files, gradebooks and report notes included', async () => {
    const args = ['--variants', c.variantsFile, '--submissions', report, '--gradebook', 'moodle,canvas'];
    const { single, merged } = await gradeBothWays(dir, args, 3);
    const rejected = readFileSync(join(single, 'rejected.csv'), 'utf8');
    expect(rejected.split('\n').filter(Boolean).length, rejected).toBeGreaterThanOrEqual(4);
    const notes = readFileSync(join(single, 'report.md'), 'utf8');
    expect(notes).toContain('students found by the report');
    expect(readFileSync(join(single, 'gradebook-moodle.csv'), 'utf8')).toContain('1001');
    expectSameFolder(merged, single);
  }, 300_000);
});

describe('the key check in sharded grading', () => {
  const dir = tempDir();
  let variants = '';
  let submissions = '';
  let tampered = '';
  let tamperedStudent = '';

  beforeAll(async () => {
    const roster = writeRoster(dir, 12);
    const generated = await sigmax(['generate', '--roster', roster, '--format', 'json', '--out', join(dir, 'class')]);
    expect(generated.status, generated.stderr).toBe(0);
    variants = join(dir, 'class', 'variants.jsonl');
    submissions = writeSubmissions(dir, variants);
    // One key edited by hand: a z off by one.
    const lines = readFileSync(variants, 'utf8').split('\n');
    const at = lines.findIndex((line) => line.includes('"family":"sigmoid-bce-step"'));
    const record = JSON.parse(lines[at]!) as { student: string; answers: { z: string } };
    tamperedStudent = record.student;
    record.answers.z = new D(record.answers.z).plus(1).toString();
    lines[at] = JSON.stringify(record);
    tampered = join(dir, 'tampered.jsonl');
    writeFileSync(tampered, lines.join('\n'));
  }, 120_000);

  it("refuses in the shard of the student whose key was edited, so merge finds that shard missing", async () => {
    const out = join(dir, 'refused');
    const runs = await Promise.all([1, 2].map((i) => sigmax(['grade', '--variants', tampered, '--submissions', submissions, '--out', out, '--shard', `${i}/2`])));
    const failed = runs.filter((run) => run.status !== 0);
    expect(failed, runs.map((run) => run.stderr).join('\n')).toHaveLength(1);
    expect(failed[0]!.stderr).toContain(tampered);
    const merge = await sigmax(['merge', '--out', join(dir, 'refused-merge'), out]);
    expect(merge.status).not.toBe(0);
    expect(merge.stderr).toMatch(/grade shard [12]\/2 is missing/);
    expect(tamperedStudent).not.toBe('');
  }, 300_000);

  it('--trust-keys grades the edited file in shards as in one run, the note included', async () => {
    const args = ['--variants', tampered, '--submissions', submissions, '--trust-keys'];
    const { single, merged } = await gradeBothWays(join(dir, 'trusted'), args, 2);
    expect(readFileSync(join(single, 'report.md'), 'utf8')).toContain('--trust-keys');
    expectSameFolder(merged, single);
  }, 300_000);

  it('with the keys checked, shards of the untouched file merge into the one run', async () => {
    const args = ['--variants', variants, '--submissions', submissions];
    const { single, merged } = await gradeBothWays(join(dir, 'checked'), args, 2);
    expectSameFolder(merged, single);
  }, 300_000);
});
