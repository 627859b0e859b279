import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../cli/run-cli.js';

describe('sigmax grade', () => {
  it('grades the answer sheet generate wrote, prints both counts and exits 0', () => {
    const dir = tempDir();
    const generated = runCli(['generate', '--count', '2', '--format', 'json', '--out', dir]);
    expect(generated.status, generated.stderr).toBe(0);
    const sheet = readFileSync(join(dir, 'answer-sheet.csv'), 'utf8').replace(/\ns001,/, '\ns001,0.5');
    writeFileSync(join(dir, 'answers.csv'), `${sheet}s999,1\n`);
    const run = runCli(['grade', '--variants', join(dir, 'variants.jsonl'), '--submissions', join(dir, 'answers.csv'), '--out', join(dir, 'grades')]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/answers\.csv: 3 rows read \(wide layout\): 2 graded, 1 rejected/);
    expect(run.stdout).toContain('graded 2 student(s), 6 variant(s)');
    expect(readFileSync(join(dir, 'grades', 'grades.csv'), 'utf8').split('\n')[0]).toBe('\uFEFFstudent,q1,q2,q3,total,max');
    // A BOM first, so Excel reads them as UTF-8; the answer sheet was read back, BOM and all, above.
    const firstLine = (file: string) => readFileSync(join(dir, file), 'utf8').split('\n')[0]!;
    expect(firstLine('answer-sheet.csv')).toMatch(/^\uFEFFstudent,q1\.z,/);
    expect(firstLine('grades/details.csv')).toBe('\uFEFFstudent,problem,part,submitted,expected,score,max,verdict,feedback');
    expect(firstLine('grades/rejected.csv')).toBe('\uFEFFline,student,problem,part,answer,reason');
    // s002's row is as generate wrote it, blank: no submission, an empty score.
    expect(run.stdout).toContain('1 student(s) with no submission: score left empty in grades.csv, listed in report.md');
    expect(readFileSync(join(dir, 'grades', 'grades.csv'), 'utf8')).toMatch(/\ns002,,,,,\d+\n/);
    const asZero = runCli(['grade', '--variants', join(dir, 'variants.jsonl'), '--submissions', join(dir, 'answers.csv'), '--out', join(dir, 'zero'), '--missing-as-zero']);
    expect(asZero.status, asZero.stderr).toBe(0);
    expect(asZero.stdout).toContain('1 student(s) with no submission: scored 0 (--missing-as-zero)');
    expect(readFileSync(join(dir, 'zero', 'grades.csv'), 'utf8')).toMatch(/\ns002,0,0,0,0,\d+\n/);
  });

  it('exits 1 naming file, line and field for an invalid variants file or an unreadable submissions file', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'variants.jsonl'), '{"schema":"sigmax.variant/1","student":"s1"}\n');
    writeFileSync(join(dir, 'answers.csv'), 'student,problem,part,answer\n');
    const bad = runCli(['grade', '--variants', join(dir, 'variants.jsonl'), '--submissions', join(dir, 'answers.csv'), '--out', join(dir, 'o')]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain(`${join(dir, 'variants.jsonl')}:1: problem: expected a problem id, got nothing`);
    expect(bad.stderr).toContain(':1: family: expected a known family');
    const missing = runCli(['grade', '--variants', join(dir, 'nope.jsonl'), '--submissions', join(dir, 'answers.csv'), '--out', join(dir, 'o')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('nope.jsonl: cannot read the file: no such file');
    writeFileSync(join(dir, 'variants.jsonl'), readFileSync(join(ROOT, 'test/families/golden/default.jsonl'), 'utf8'));
    const noAnswers = runCli(['grade', '--variants', join(dir, 'variants.jsonl'), '--submissions', join(dir, 'gone.csv'), '--out', join(dir, 'o')]);
    expect(noAnswers.status).toBe(1);
    expect(noAnswers.stderr).toContain('gone.csv: cannot read the file: no such file');
  });

  it('grades with --workers N exactly as with one thread', () => {
    const dir = tempDir();
    expect(runCli(['generate', '--count', '40', '--format', 'json', '--out', dir]).status).toBe(0);
    const sheet = readFileSync(join(dir, 'answer-sheet.csv'), 'utf8');
    // Every fourth student answers 0.5 everywhere (wrong, rejected as text or right by chance), the rest leave blanks.
    const answered = sheet.replace(/\n(s0\d[048]),([^\n]*)/g, (_, id: string, cells: string) => `\n${id},${cells.split(',').map(() => '0.5').join(',')}`);
    writeFileSync(join(dir, 'answers.csv'), answered);
    const args = (out: string, workers: string) =>
      ['grade', '--variants', join(dir, 'variants.jsonl'), '--submissions', join(dir, 'answers.csv'), '--out', join(dir, out), '--workers', workers];
    const [one, two] = [runCli(args('one', '1')), runCli(args('two', '2'))];
    expect(one.status, one.stderr).toBe(0);
    expect(two.status, two.stderr).toBe(0);
    expect(two.stdout).toBe(one.stdout.replaceAll(join(dir, 'one'), join(dir, 'two')));
    for (const file of ['details.csv', 'grades.csv', 'rejected.csv', 'report.md', 'feedback/s004.md', 'feedback/s040.md']) {
      expect(readFileSync(join(dir, 'two', file), 'utf8'), file).toBe(readFileSync(join(dir, 'one', file), 'utf8'));
    }
    expect(readFileSync(join(dir, 'one', 'details.csv'), 'utf8')).toContain(',0.5,');
  });

  it('exits 2 for bad usage', () => {
    expect(runCli(['grade', '--variants', 'v.jsonl', '--submissions', 's.csv']).status).toBe(2);
    for (const workers of ['1.5', '-1']) {
      const bad = runCli(['grade', '--variants', 'v', '--submissions', 's', '--out', 'o', '--workers', workers]);
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain(`--workers: expected a whole number ≥ 0, got ${workers}`);
    }
    const credit = runCli(['grade', '--variants', 'v', '--submissions', 's', '--out', 'o', '--ecf-credit', '2']);
    expect(credit.status).toBe(2);
    expect(credit.stderr).toContain('--ecf-credit: expected a number from 0 to 1, got "2"');
  });
});
