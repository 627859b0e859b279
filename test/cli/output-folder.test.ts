import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gradeClass } from '../../src/grade/grade-class.js';
import { OutputFolderError } from '../../src/io/output-manifest.js';
import { variantLine } from '../../src/variant/record.js';
import { tempDir as gradeDir, variant } from '../grade/fixtures.js';
import { runCli, tempDir } from './run-cli.js';

const ls = (dir: string) => (existsSync(dir) ? readdirSync(dir).sort() : []);
// One small problem: what is tested is which files stay, not what they say.
const BANK = join(tempDir(), 'bank.yaml');
writeFileSync(BANK, 'id: w1\ntitle: W1\nseed: s\nproblems:\n  - id: q1\n    family: sigmoid-bce-step\n');
const generate = (out: string, ...args: string[]) => runCli(['generate', '--bank', BANK, '--format', 'md', '--out', out, ...args]);

describe('generate into an --out that holds an earlier run', () => {
  it('removes the sheets and keys of students no longer on the roster, and never a file it did not write', () => {
    const out = tempDir();
    expect(generate(out, '--count', '3').status).toBe(0);
    expect(ls(join(out, 'problems'))).toEqual(['s001.md', 's002.md', 's003.md']);
    // The instructor's own files, beside and among sigmax's.
    writeFileSync(join(out, 'notes.txt'), 'mine');
    writeFileSync(join(out, 'problems', 'README.txt'), 'mine');

    const again = generate(out, '--count', '2');
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain('2 file(s) of the earlier run removed (keys/s003.md, problems/s003.md)');
    expect(ls(join(out, 'problems'))).toEqual(['README.txt', 's001.md', 's002.md']);
    expect(ls(join(out, 'keys'))).toEqual(['s001.md', 's002.md']);
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('mine');

    // Without documents, none of the earlier ones stays beside the new variants.jsonl.
    expect(runCli(['generate', '--bank', BANK, '--format', 'json', '--count', '2', '--out', out]).status).toBe(0);
    expect(ls(out)).toEqual(['.sigmax-generate.json', 'answer-sheet.csv', 'notes.txt', 'problems', 'variants.jsonl']);
    expect(ls(join(out, 'problems'))).toEqual(['README.txt']);
  });

  it('refuses, naming them, files where it writes that no earlier run recorded; --force leaves them', () => {
    const out = tempDir();
    // Sheets from a sigmax that kept no record, or the instructor's.
    mkdirSync(join(out, 'problems'));
    writeFileSync(join(out, 'problems', 's009.md'), 'old');
    writeFileSync(join(out, 'key.pdf'), 'old');
    const refused = generate(out, '--count', '2');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(`${out} holds 2 file(s) where generate writes that this run does not write again`);
    expect(refused.stderr).toContain('(key.pdf, problems/s009.md)');
    expect(refused.stderr).toContain('--force');
    expect(ls(out)).toEqual(['key.pdf', 'problems']);

    const forced = generate(out, '--count', '2', '--force');
    expect(forced.status, forced.stderr).toBe(0);
    expect(forced.stderr).toContain(`warning: ${join(out, 'problems/s009.md')} left in place (--force)`);
    expect(readFileSync(join(out, 'problems', 's009.md'), 'utf8')).toBe('old');
    // Still not recorded as sigmax's: never removed by a later run either.
    expect(generate(out, '--count', '1', '--force').status).toBe(0);
    expect(ls(join(out, 'problems'))).toEqual(['s001.md', 's009.md']);
  });

  it('removes nothing a hand-edited record names outside its own places', () => {
    const out = join(tempDir(), 'out');
    expect(generate(out, '--count', '1').status).toBe(0);
    writeFileSync(join(out, 'notes.md'), 'mine');
    const record = JSON.parse(readFileSync(join(out, '.sigmax-generate.json'), 'utf8'));
    record.files.push('notes.md', '../outside.md', 'problems/../notes.md');
    writeFileSync(join(out, '.sigmax-generate.json'), JSON.stringify(record));
    writeFileSync(join(out, '..', 'outside.md'), 'theirs');
    expect(generate(out, '--count', '1').status).toBe(0);
    expect(readFileSync(join(out, 'notes.md'), 'utf8')).toBe('mine');
    expect(readFileSync(join(out, '..', 'outside.md'), 'utf8')).toBe('theirs');
  });
});

describe('grade into an --out that holds an earlier run', () => {
  const given = { x: ['1.5', '-0.5'], w: ['0.8', '0.4'], b: '-0.2', y: '0', lr: '0.5' };
  const setUp = (students: string[]) => {
    const dir = gradeDir();
    const records = students.map((student) => variant({ student, family: 'sigmoid-bce-step', given }).record);
    writeFileSync(join(dir, 'variants.jsonl'), records.map(variantLine).join(''));
    writeFileSync(join(dir, 'submissions.csv'), 'student,problem,part,answer\ns1,q1,z,0.8\n');
    return { variants: join(dir, 'variants.jsonl'), submissions: join(dir, 'submissions.csv'), out: join(dir, 'out'), dir };
  };

  it('removes the feedback of students no longer graded, and keeps the files others put in feedback/', async () => {
    const run = setUp(['s1', 's2', 's3']);
    await gradeClass(run);
    writeFileSync(join(run.out, 'feedback', 'notes.txt'), 'mine');
    mkdirSync(join(run.out, 'feedback', 'drafts'));
    writeFileSync(join(run.out, 'feedback', 'drafts', 's1.md'), 'mine');
    writeFileSync(run.variants, ['s1', 's2'].map((student) => variantLine(variant({ student, family: 'sigmoid-bce-step', given }).record)).join(''));
    await gradeClass(run);
    expect(ls(join(run.out, 'feedback'))).toEqual(['drafts', 'notes.txt', 's1.md', 's2.md']);
    expect(readFileSync(join(run.out, 'feedback', 'drafts', 's1.md'), 'utf8')).toBe('mine');
    expect(ls(run.out)).toEqual(['.sigmax-grade.json', 'details.csv', 'feedback', 'grades.csv', 'rejected.csv', 'report.md']);
  });

  it('refuses feedback files no earlier run recorded (exit 2), before writing anything; --force leaves them', async () => {
    const run = setUp(['s1']);
    mkdirSync(join(run.out, 'feedback'), { recursive: true });
    writeFileSync(join(run.out, 'feedback', 's7.md'), 'old');
    await expect(gradeClass(run)).rejects.toThrow(OutputFolderError);
    expect(ls(run.out)).toEqual(['feedback']);
    const cli = runCli(['grade', '--variants', run.variants, '--submissions', run.submissions, '--out', run.out]);
    expect(cli.status).toBe(2);
    expect(cli.stderr).toContain('holds 1 file(s) where grade writes that this run does not write again and no earlier run here recorded (feedback/s7.md)');

    const forced = await gradeClass({ ...run, force: true });
    expect(forced.notes).toContain(`${join(run.out, 'feedback/s7.md')} left in place (--force): no earlier grade run recorded it`);
    expect(ls(join(run.out, 'feedback'))).toEqual(['s1.md', 's7.md']);
  });
});
