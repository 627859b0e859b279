// The class key cut into volumes: where the cuts fall (by the bytes of each
// student's variants.jsonl lines), what the volumes are called, and a small
// class cut by a small budget, as the CLI writes it.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classKeyVolumes, isClassKeyFile, splitByBytes, studentBytes } from '../../src/render/class-key-volumes.js';
import { volumeNumbers } from '../../src/render/compose-markdown.js';
import { byStudent } from '../../src/render/render-set.js';
import type { VariantRecord } from '../../src/variant/record.js';
import { runCli, tempDir } from '../cli/run-cli.js';
import { HAS_POPPLER, pdfPages } from './pdf-tools.js';

describe('splitting the class key by bytes', () => {
  it('fills a volume up to the budget, the byte that does not fit starting the next', () => {
    // 40 + 60 = 100 fits a budget of 100 exactly; 100 + 1 would not.
    expect(splitByBytes([40, 60, 1, 99, 50, 50, 50], 100)).toEqual([
      { first: 0, count: 2 },
      { first: 2, count: 2 },
      { first: 4, count: 2 },
      { first: 6, count: 1 },
    ]);
    expect(splitByBytes([40, 61], 100)).toEqual([
      { first: 0, count: 1 },
      { first: 1, count: 1 },
    ]);
    expect(splitByBytes([10, 10, 10], 1000)).toEqual([{ first: 0, count: 3 }]);
  });

  it('puts a student larger than the budget in a volume alone, and goes on after them', () => {
    expect(splitByBytes([30, 500, 30, 30, 30, 30], 100)).toEqual([
      { first: 0, count: 1 },
      { first: 1, count: 1 },
      { first: 2, count: 3 },
      { first: 5, count: 1 },
    ]);
    expect(splitByBytes([500], 100)).toEqual([{ first: 0, count: 1 }]);
  });

  it('gives an empty class one empty volume (its class key is still written)', () => {
    expect(splitByBytes([], 100)).toEqual([{ first: 0, count: 0 }]);
    expect(classKeyVolumes([], 100).map((v) => v.base)).toEqual(['key']);
  });

  it('depends only on the sizes: the same cuts every time, every student in exactly one volume', () => {
    const sizes = Array.from({ length: 1000 }, (_, i) => 4500 + ((i * 7919) % 300));
    const volumes = classKeyVolumes(sizes, 50_000);
    expect(classKeyVolumes([...sizes], 50_000)).toEqual(volumes);
    expect(volumes.map((v) => v.first)).toEqual(volumes.map((_, k) => volumes.slice(0, k).reduce((sum, v) => sum + v.count, 0)));
    expect(volumes.reduce((sum, v) => sum + v.count, 0)).toBe(1000);
    for (const v of volumes) {
      const bytes = sizes.slice(v.first, v.first + v.count).reduce((a, b) => a + b, 0);
      expect(bytes).toBeLessThanOrEqual(50_000);
      // No room for the next student: the volume is as full as it can be.
      if (v.number < v.of) expect(bytes + sizes[v.first + v.count]!).toBeGreaterThan(50_000);
    }
  });

  it('names one volume key and several key-i-of-n, each knowing its students of the class', () => {
    expect(classKeyVolumes([10, 10], 100)).toEqual([{ base: 'key', first: 0, count: 2, number: 1, of: 1, total: 2 }]);
    expect(classKeyVolumes([60, 60, 60], 100)).toEqual([
      { base: 'key-1-of-3', first: 0, count: 1, number: 1, of: 3, total: 3 },
      { base: 'key-2-of-3', first: 1, count: 1, number: 2, of: 3, total: 3 },
      { base: 'key-3-of-3', first: 2, count: 1, number: 3, of: 3, total: 3 },
    ]);
  });

  it('measures a student by their lines as variants.jsonl holds them', () => {
    const record = (student: string, extra: string) => ({ schema: 'sigmax.variant/1', student, name: 'Ä', problem: extra }) as unknown as VariantRecord;
    const students = byStudent([record('a', 'q1'), record('a', 'q22'), record('b', 'q1')]);
    const line = (r: VariantRecord) => Buffer.byteLength(`${JSON.stringify(r)}\n`);
    expect(studentBytes(students)).toEqual([line(record('a', 'q1')) + line(record('a', 'q22')), line(record('b', 'q1'))]);
  });

  it('knows its files among the others in --out', () => {
    for (const path of ['key.pdf', 'key.md', 'key-1-of-2.pdf', 'key-12-of-12.md']) expect(isClassKeyFile(path), path).toBe(true);
    for (const path of ['key.json', 'key-0-of-2.pdf', 'key-1-of-.pdf', 'keys/s001.pdf', 'key-1-of-2.pdf.bak', 'xkey.pdf']) expect(isClassKeyFile(path), path).toBe(false);
  });

  it('prints a volume’s numbers as each language groups them', () => {
    const volume = { base: 'key-12-of-12', first: 95_000, count: 5_000, number: 12, of: 12, total: 100_000 };
    expect(volumeNumbers(volume, { locale: 'en' })).toEqual({ number: '12', of: '12', first: '95,001', last: '100,000', total: '100,000' });
    expect(volumeNumbers(volume, { locale: 'ro' })).toMatchObject({ first: '95.001', last: '100.000' });
    expect(volumeNumbers(volume, { locale: 'fa', digits: 'persian' })).toMatchObject({ number: '۱۲', first: '۹۵٬۰۰۱', total: '۱۰۰٬۰۰۰' });
  });
});

const ls = (dir: string) => readdirSync(dir).filter((file) => file.startsWith('key')).sort();

/** The bytes of each student's lines in a variants.jsonl. */
function linesByStudent(file: string): Map<string, number> {
  const bytes = new Map<string, number>();
  for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
    const student = (JSON.parse(line) as { student: string }).student;
    bytes.set(student, (bytes.get(student) ?? 0) + Buffer.byteLength(line) + 1);
  }
  return bytes;
}

describe('generate with a class key in volumes', () => {
  // A budget of two students (every two fit, no three do: their sizes differ by far less than a third).
  const twoStudents = (...args: string[]) => {
    const dir = tempDir();
    expect(runCli(['generate', '--count', '5', '--format', 'json', '--out', dir, ...args]).status).toBe(0);
    const sizes = [...linesByStudent(join(dir, 'variants.jsonl')).values()];
    expect(3 * Math.min(...sizes)).toBeGreaterThan(2 * Math.max(...sizes));
    return { SIGMAX_CLASS_KEY_VOLUME_BYTES: String(2 * Math.max(...sizes)) };
  };

  it.skipIf(!HAS_POPPLER)('writes key-i-of-n.pdf and .md, each with its students and saying which', () => {
    const env = twoStudents();
    const out = tempDir();
    const run = runCli(['generate', '--count', '5', '--format', 'pdf,md', '--out', out], env);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(`${out}/key-1-of-3.*, ${out}/key-2-of-3.*, ${out}/key-3-of-3.*`);
    expect(ls(out)).toEqual(['key-1-of-3.md', 'key-1-of-3.pdf', 'key-2-of-3.md', 'key-2-of-3.pdf', 'key-3-of-3.md', 'key-3-of-3.pdf', 'keys']);
    const held = [
      ['s001', 's002'],
      ['s003', 's004'],
      ['s005'],
    ];
    held.forEach((students, at) => {
      const base = `key-${at + 1}-of-3`;
      const range = `students ${at * 2 + 1}–${at * 2 + students.length} of 5`;
      const text = pdfPages(join(out, `${base}.pdf`)).join('\n');
      const markdown = readFileSync(join(out, `${base}.md`), 'utf8');
      expect(text).toContain(`Instructor key, volume ${at + 1} of 3: ${range}`);
      expect(markdown).toContain(`# Gradient descent on one neuron and a softmax layer: instructor key, volume ${at + 1} of 3\n\nAnswers of ${range},`);
      for (const id of ['s001', 's002', 's003', 's004', 's005']) {
        expect(text.includes(`${id} · sheet`), `${base}.pdf: ${id}`).toBe(students.includes(id));
        expect(markdown.includes(`## ${id} · sheet`), `${base}.md: ${id}`).toBe(students.includes(id));
      }
    });
  }, 60_000);

  it('removes the volumes when the class fits one key again, and refuses a volume no run recorded', () => {
    const env = twoStudents();
    const out = tempDir();
    expect(runCli(['generate', '--count', '3', '--format', 'md', '--out', out], env).status).toBe(0);
    expect(ls(out)).toEqual(['key-1-of-2.md', 'key-2-of-2.md', 'keys']);
    const again = runCli(['generate', '--count', '3', '--format', 'md', '--out', out]);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain('2 file(s) of the earlier run removed (key-1-of-2.md, key-2-of-2.md)');
    expect(ls(out)).toEqual(['key.md', 'keys']);

    writeFileSync(join(out, 'key-1-of-4.pdf'), 'not sigmax');
    const refused = runCli(['generate', '--count', '3', '--format', 'md', '--out', out]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('(key-1-of-4.pdf)');
    expect(existsSync(join(out, 'key.md'))).toBe(true);
  }, 60_000);

  it('titles a volume in Persian, with Persian digits', () => {
    const persian = ['--locale', 'fa', '--digits', 'persian'];
    const env = twoStudents(...persian);
    const out = tempDir();
    const run = runCli(['generate', '--count', '3', ...persian, '--format', 'pdf,md', '--out', out], env);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).not.toContain('no glyph');
    const markdown = readFileSync(join(out, 'key-2-of-2.md'), 'utf8');
    expect(markdown).toContain('title: "Gradient descent on one neuron and a softmax layer: کلید استاد، جلد ۲ از ۲: دانشجویان ۳ تا ۳ از ۳"');
    expect(markdown).toContain('کلید استاد، جلد ۲ از ۲\n\nپاسخ‌های دانشجویان ۳ تا ۳ از ۳،');
  }, 60_000);
});
