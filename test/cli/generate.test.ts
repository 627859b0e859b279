import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './run-cli.js';

const variantsOf = (dir: string) =>
  readFileSync(join(dir, 'variants.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { student: string; problem: string; given: unknown; answers: unknown });

describe('sigmax generate', () => {
  it('gives the same variants.jsonl from two separate processes', () => {
    const [a, b] = [tempDir(), tempDir()];
    for (const out of [a, b]) {
      const run = runCli(['generate', '--count', '4', '--format', 'json', '--out', out]);
      expect(run.status, run.stderr).toBe(0);
    }
    expect(readFileSync(join(a, 'variants.jsonl'), 'utf8')).toBe(readFileSync(join(b, 'variants.jsonl'), 'utf8'));
  });

  it('changes nobody’s numbers when the roster is reordered or grows, or the bank gains a problem', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.csv'), 'student_id,name\nana,Ana\nbo,Bo\ncy,Cy\n');
    writeFileSync(join(dir, 'b.csv'), 'student_id,name\ncy,Cy\nzed,Zed\nana,Ana\nbo,Bo\n');
    const bank = readFileSync('problem-banks/default.yaml', 'utf8');
    writeFileSync(join(dir, 'more.yaml'), `${bank}  - id: q9\n    family: sigmoid-bce-step\n`);
    const runs = [
      ['a', 'a.csv', 'problem-banks/default.yaml'],
      ['b', 'b.csv', join(dir, 'more.yaml')],
    ].map(([name, roster, bankFile]) => {
      const out = join(dir, name!);
      const run = runCli(['generate', '--bank', bankFile!, '--roster', join(dir, roster!), '--format', 'json', '--out', out]);
      expect(run.status, run.stderr).toBe(0);
      return variantsOf(out);
    });
    const key = (v: { student: string; problem: string }) => `${v.student}/${v.problem}`;
    const later = new Map(runs[1]!.map((v) => [key(v), v]));
    expect(runs[0]!.length).toBe(9);
    for (const v of runs[0]!) expect(later.get(key(v))).toEqual(v);
  });

  it('gives different students different numbers and honours --seed', () => {
    const [a, b] = [tempDir(), tempDir()];
    runCli(['generate', '--count', '2', '--format', 'json', '--out', a]);
    runCli(['generate', '--count', '2', '--format', 'json', '--out', b, '--seed', 'spring-2027']);
    const [first, second] = [variantsOf(a), variantsOf(b)];
    expect(first[0]!.given).not.toEqual(first[3]!.given);
    expect(first[0]!.given).not.toEqual(second[0]!.given);
  });

  it('writes a wide answer sheet with one column per part', () => {
    const out = tempDir();
    runCli(['generate', '--count', '3', '--format', 'json', '--out', out]);
    const text = readFileSync(join(out, 'answer-sheet.csv'), 'utf8');
    // A BOM first: Excel then reads the file as UTF-8 (a roster's Persian or Romanian names).
    expect(text.startsWith('\uFEFFstudent,')).toBe(true);
    const lines = text.slice(1).trim().split('\n');
    expect(lines[0]!.startsWith('student,q1.z,q1.yhat,q1.loss,q1.dz,q1.dw[1],q1.dw[2],q1.db,q1.w_new[1]')).toBe(true);
    expect(lines[0]).toContain('q2.steps[2].w_new[1]');
    expect(lines[0]).toContain('q3.dW[3][3]');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['s001', 's002', 's003']);
    expect(lines[1]!.split(',').slice(1).every((cell) => cell === '')).toBe(true);
  });

  it('refuses a roster id that would escape --out, naming the line, and writes nothing', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'r.csv'), 'student_id,name\nok,Fine\n../evil,Bad\n');
    const run = runCli(['generate', '--roster', join(dir, 'r.csv'), '--format', 'json', '--out', join(dir, 'out')]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('r.csv:3: student_id: student id "../evil"');
    expect(() => readFileSync(join(dir, 'out', 'variants.jsonl'))).toThrow();
  });

  it('exits 2 on bad usage', () => {
    expect(runCli(['generate', '--count', '0']).status).toBe(2);
    expect(runCli(['generate', '--format', 'pdf,docx']).status).toBe(2);
    expect(runCli(['frobnicate']).status).toBe(2);
  });
});

describe('drawing in parallel', () => {
  it('writes the same variants.jsonl and answer sheet with one worker, two or three', async () => {
    const { loadBank } = await import('../../src/bank/bank.js');
    const { numberedStudents } = await import('../../src/bank/roster.js');
    const { writeVariants } = await import('../../src/variant/write-variants.js');
    const bank = loadBank('problem-banks/week1-sigmoid-bce.yaml');
    // 1,250 students: three workers (see STUDENTS_PER_WORKER), pieces of 200 and a last short one.
    const students = numberedStudents(1250);
    const one = tempDir();
    const single = await writeVariants(bank, students, one, () => {}, 1);
    const text = readFileSync(join(one, 'variants.jsonl'), 'utf8');
    expect(text.split('\n').length).toBe(1250 * 3 + 1);
    for (const workers of [2, 3]) {
      const out = tempDir();
      const several = await writeVariants(bank, students, out, () => {}, workers);
      expect(readFileSync(join(out, 'variants.jsonl'), 'utf8'), `${workers} workers`).toBe(text);
      expect(readFileSync(join(out, 'answer-sheet.csv'), 'utf8')).toBe(readFileSync(join(one, 'answer-sheet.csv'), 'utf8'));
      expect(several.variants).toEqual(single.variants);
      expect(several.parts).toEqual(single.parts);
      expect(several.warnings).toEqual(single.warnings);
    }
  });

  it('counts every student in its progress, and reports a bank no worker can draw as an input error', async () => {
    const { loadBank } = await import('../../src/bank/bank.js');
    const { InputError } = await import('../../src/bank/errors.js');
    const { numberedStudents } = await import('../../src/bank/roster.js');
    const { writeVariants } = await import('../../src/variant/write-variants.js');
    const progress: number[] = [];
    const bank = loadBank('problem-banks/week1-sigmoid-bce.yaml');
    await writeVariants(bank, numberedStudents(830), tempDir(), (done) => progress.push(done), 2);
    expect(progress.at(-1)).toBe(830);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    // x pinned to zeros: every draw is degenerate.
    const dir = tempDir();
    const file = join(dir, 'bank.yaml');
    writeFileSync(file, 'id: z\ntitle: t\nseed: s\nproblems:\n  - id: q1\n    family: sigmoid-bce-step\n    given: { x: [0, 0] }\n');
    const failed = writeVariants(loadBank(file), numberedStudents(900), dir, () => {}, 2);
    await expect(failed).rejects.toBeInstanceOf(InputError);
    await expect(failed).rejects.toThrow('no sound variant in 200 draws');
  });
});

describe('the locale of each variant', () => {
  it('is the bank’s, or --locale’s', () => {
    const [bankLocale, overridden] = [tempDir(), tempDir()];
    expect(runCli(['generate', '--count', '2', '--format', 'json', '--out', bankLocale]).status).toBe(0);
    expect(runCli(['generate', '--count', '2', '--format', 'json', '--locale', 'fa', '--out', overridden]).status).toBe(0);
    const locales = (dir: string) => new Set(variantsOf(dir).map((v) => (v as { locale?: string }).locale));
    expect(locales(bankLocale)).toEqual(new Set(['en']));
    expect(locales(overridden)).toEqual(new Set(['fa']));
  });

  it('survives drawing in worker threads, which read the bank file again', async () => {
    const { loadBank } = await import('../../src/bank/bank.js');
    const { numberedStudents } = await import('../../src/bank/roster.js');
    const { writeVariants } = await import('../../src/variant/write-variants.js');
    const bank = { ...loadBank('problem-banks/week1-sigmoid-bce.yaml'), locale: 'ro' as const };
    const out = tempDir();
    // 800 students: enough for two workers (see STUDENTS_PER_WORKER).
    const { variants } = await writeVariants(bank, numberedStudents(800), out, () => {}, 2);
    expect(new Set(variants.map((v) => v.locale))).toEqual(new Set(['ro']));
  });
});
