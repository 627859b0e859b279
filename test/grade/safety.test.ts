import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { gradeClass } from '../../src/grade/grade-class.js';
import { variantLine } from '../../src/variant/record.js';
import { ROOT } from '../cli/run-cli.js';
import { grade, tempDir, variant } from './fixtures.js';

const given = { x: ['1.5', '-0.5'], w: ['0.8', '0.4'], b: '-0.2', y: '0', lr: '0.5' };

describe('CSV formula injection', () => {
  it('neutralises student text that a spreadsheet would run, but not numbers', async () => {
    const records = [variant({ student: '=cmd', family: 'sigmoid-bce-step', given }).record];
    const csv = [
      'student,problem,part,answer',
      '=cmd,q1,z,"=HYPERLINK(""http://evil"",""x"")"',
      '=cmd,q1,yhat,@SUM(A1)',
      '=cmd,q1,loss,-1+2',
      '=cmd,q1,dz,+cmd|\' /C calc\'!A0',
      '=cmd,q1,db,-0.5',
      '=cmd,q1,b_new,+0.25',
      '+evil,q1,z,\tx',
      '=cmd,q1,dw[1],＝1+1',
      '=cmd,q1,dw[2],＠SUM(A1)',
      '=cmd,q1,w_new[1],－1+2',
      '=cmd,q1,w_new[2],＋cmd',
      '＝evil,q1,z,"\rx"',
    ].join('\n');
    const graded = await grade(records, csv);
    const submitted = (part: string) => graded.part(part, 'q1', "'=cmd").submitted;
    expect(submitted('z')).toBe(`'=HYPERLINK("http://evil","x")`);
    expect(submitted('yhat')).toBe("'@SUM(A1)");
    expect(submitted('loss')).toBe("'-1+2");
    expect(submitted('dz')).toBe("'+cmd|' /C calc'!A0");
    expect(submitted('db')).toBe('-0.5');
    expect(submitted('b_new')).toBe('+0.25');
    expect(graded.grades[0]!.student).toBe("'=cmd");
    expect(graded.rejected[0]).toMatchObject({ student: "'+evil", answer: "'\tx", reason: 'unknown student' });
    // Full-width = @ - +, which Excel reads as their ASCII forms, and a leading CR.
    expect(['dw[1]', 'dw[2]', 'w_new[1]', 'w_new[2]'].map(submitted)).toEqual(["'＝1+1", "'＠SUM(A1)", "'－1+2", "'＋cmd"]);
    expect(graded.rejected[1]).toMatchObject({ student: "'＝evil", answer: "'\rx", reason: 'unknown student' });
    // Every cell of every CSV written: nothing starts a formula.
    for (const file of ['details.csv', 'grades.csv', 'rejected.csv']) {
      const rows = parse(graded.read(file)) as string[][];
      for (const cell of rows.flat()) {
        const looksNumeric = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(cell);
        expect(/^[=+\-@\t\r＝＋－＠]/.test(cell.replace(/^\uFEFF/, '')) && !looksNumeric, `${file}: ${cell}`).toBe(false);
      }
    }
  });
});

describe('student ids that would escape the output folder', () => {
  it('grades them but writes no feedback file, with a clear message, and nothing outside --out', async () => {
    const records = ['../x', '/etc/x', 'ok'].map((student) => variant({ student, family: 'sigmoid-bce-step', given }).record);
    const graded = await grade(records, 'student,problem,part,answer\n../x,q1,z,0.8\n');
    expect(graded.part('z', 'q1', '../x').verdict).toBe('correct');
    expect(graded.grades.map((g) => g.student)).toEqual(['../x', '/etc/x', 'ok']);
    expect(graded.summary.notes).toContain('student id "../x" contains / or \\; no feedback file written for it');
    expect(graded.summary.notes).toContain('student id "/etc/x" contains / or \\; no feedback file written for it');
    expect(readdirSync(join(graded.dir, 'out', 'feedback'))).toEqual(['ok.md']);
    expect(readdirSync(graded.dir).sort()).toEqual(['out', 'submissions.csv', 'variants.jsonl']);
    expect(existsSync(join(graded.dir, 'out', 'x.md'))).toBe(false);
    expect(graded.read('report.md')).toContain('no feedback file written');
  });
});

describe('an interrupted run', () => {
  const records = ['s1', 's2', 's3'].map((student) => variant({ student, family: 'sigmoid-bce-step', given }).record);

  it('leaves no half-written grades.csv, and the previous outputs as they were', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'variants.jsonl'), records.map(variantLine).join(''));
    writeFileSync(join(dir, 'submissions.csv'), 'student,problem,part,answer\ns1,q1,z,0.8\n');
    const options = { variants: join(dir, 'variants.jsonl'), submissions: join(dir, 'submissions.csv'), out: join(dir, 'out') };
    await gradeClass(options);
    const before = Object.fromEntries(
      ['grades.csv', 'details.csv', 'report.md'].map((f) => [f, readFileSync(join(dir, 'out', f), 'utf8')]),
    );
    writeFileSync(join(dir, 'submissions.csv'), 'student,problem,part,answer\ns1,q1,z,0.9\ns2,q1,z,0.8\n');
    const interrupted = gradeClass({
      ...options,
      onStudent: (done) => {
        if (done === 2) throw new Error('interrupted');
      },
    });
    await expect(interrupted).rejects.toThrow('interrupted');
    for (const [file, content] of Object.entries(before)) expect(readFileSync(join(dir, 'out', file), 'utf8')).toBe(content);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['.sigmax-grade.json', 'details.csv', 'feedback', 'grades.csv', 'rejected.csv', 'report.md']);
    expect(readdirSync(join(dir, 'out', 'feedback')).sort()).toEqual(['s1.md', 's2.md', 's3.md']);
  });

  it('killed mid-run, leaves grades.csv absent or whole, never partial', async () => {
    const dir = tempDir();
    const many = Array.from({ length: 3000 }, (_, i) =>
      variant({ student: `s${i}`, family: 'sigmoid-bce-step', given: { ...given, b: String(i % 7) } }).record,
    );
    writeFileSync(join(dir, 'variants.jsonl'), many.map(variantLine).join(''));
    writeFileSync(join(dir, 'submissions.csv'), 'student,problem,part,answer\n' + many.map((r) => `${r.student},q1,z,1\n`).join(''));
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'grade', '--variants', join(dir, 'variants.jsonl'),
        '--submissions', join(dir, 'submissions.csv'), '--out', join(dir, 'out')],
      { cwd: ROOT, stdio: 'ignore' },
    );
    // Listen before killing: a child that already exited would never report it again.
    const exited = new Promise((r) => child.on('exit', r));
    // Kill it once it has started writing (the temporary feedback folder appears), or give up waiting.
    for (let i = 0; i < 400 && !existsSync(join(dir, 'out')); i++) await new Promise((r) => setTimeout(r, 25));
    await new Promise((r) => setTimeout(r, 150));
    child.kill('SIGKILL');
    await exited;
    const grades = join(dir, 'out', 'grades.csv');
    if (process.env.SIGMAX_DEBUG_KILL) console.log('grades.csv written before the kill:', existsSync(grades));
    if (existsSync(grades)) {
      const rows = parse(readFileSync(grades, 'utf8'), { columns: true }) as unknown[];
      expect(rows).toHaveLength(3000);
    }
    const leftovers = existsSync(join(dir, 'out')) ? readdirSync(join(dir, 'out')) : [];
    expect(leftovers.filter((f) => !f.includes('.tmp-')).every((f) => ['details.csv', 'grades.csv', 'rejected.csv', 'report.md', 'feedback', '.sigmax-grade.json'].includes(f))).toBe(true);
  });
});
