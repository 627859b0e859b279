import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, sigmax, tempDir } from './run-sigmax.js';

const FA_BANK = 'problem-banks/week1-sigmoid-bce.fa.yaml';

/** The prose of a Markdown document: no front matter, formulas, code spans or list markers (where Latin digits belong). */
function proseOf(markdown: string): string {
  return markdown
    .replace(/^---\n[\s\S]*?\n---\n/, '')
    .replace(/\$\$[\s\S]*?\$\$/g, ' ')
    .replace(/\$[^$]+\$/g, ' ')
    .replace(/`[^`\n]*`/g, ' ')
    .replace(/^\d+\. /gm, '');
}

/** Every formula of a Markdown document. */
const formulasOf = (markdown: string) => [...markdown.matchAll(/\$\$[\s\S]*?\$\$|\$[^$]+\$/g)].map((m) => m[0]);

describe('digits: persian (Persian Markdown)', () => {
  let persian: string;
  let latin: string;
  const raw = (out: string, file: string) => readFileSync(join(out, file), 'utf8');
  // Code spans come isolated (LRI … PDI) in Persian Markdown, tested on its own below; the other checks read them bare.
  const read = (out: string, file: string) => raw(out, file).replace(/\u2066(`[^`\n]+`)\u2069/g, '$1');
  beforeAll(() => {
    persian = tempDir();
    latin = tempDir();
    sigmax(['generate', '--bank', FA_BANK, '--count', '2', '--format', 'md,json', '--out', persian]);
    sigmax(['generate', '--bank', FA_BANK, '--count', '2', '--format', 'md,json', '--digits', 'latin', '--out', latin]);
  });

  it('prints problem numbers, points, rounding and tolerance in prose with Persian digits', () => {
    const sheet = read(persian, 'problems/s001.md');
    expect(sheet).toContain('## مسئلهٔ ۱: انتشار رو به جلو، ضرر و یک گام گرادیان کاهشی (دو ورودی) (۸ نمره)');
    expect(sheet).toContain('· ۳ مسئله، ۲۲ نمره');
    expect(sheet).toContain('هر پاسخ را با ۴ رقم معنادار بنویسید');
    expect(sheet).toContain('حداکثر \u2066۱٪\u2069 با مقدار کلید اختلاف داشته باشد (یا اختلاف مطلقِ حداکثر \u2066۱ × ۱۰^−۶\u2069)');
    // The same sheet with --digits latin keeps Latin digits.
    expect(read(latin, 'problems/s001.md')).toContain('## مسئلهٔ 1: انتشار رو به جلو، ضرر و یک گام گرادیان کاهشی (دو ورودی) (8 نمره)');
  });

  it('has no Latin digit in the prose of a sheet or key except in ids (sheet id, student id, set id)', () => {
    for (const file of ['problems/s001.md', 'keys/s001.md', 'key.md']) {
      const prose = proseOf(read(persian, file)).replace(/s00\d|[0-9A-F]{4}-[0-9A-F]{4}|\bq\d\b/g, ' ');
      expect(prose.match(/[^\n]*\d[^\n]*/g), file).toBeNull();
    }
  });

  it('keeps Latin digits in every formula, the same formulas as with Latin digits', () => {
    for (const file of ['problems/s001.md', 'keys/s001.md']) {
      const formulas = formulasOf(read(persian, file));
      expect(formulas.length, file).toBeGreaterThan(10);
      expect(formulas.join('\n'), file).not.toMatch(/[۰-۹٫]/);
      expect(formulas, file).toEqual(formulasOf(read(latin, file)));
    }
    expect(read(persian, 'keys/s001.md')).toContain('$$z = w^\\top x + b = w_{ 1 }x_{ 1 } + w_{ 2 }x_{ 2 } + b$$');
  });

  it('prints the key’s answers in Persian digits, signs in front, as the grader reads them', () => {
    const key = read(persian, 'keys/s001.md');
    const variants = read(persian, 'variants.jsonl').trim().split('\n').map((line) => JSON.parse(line) as { student: string; problem: string; answers: { z: string } });
    const z = variants.find((v) => v.student === 's001' && v.problem === 'q3')!.answers.z; // pinned: z = 6.4
    expect(z).toBe('6.4');
    expect(key).toMatch(/\| `z` \| \$z\$ \| ۶٫۴ \|/);
    // A negative answer: left-to-right isolate around minus and Persian digits.
    expect(key).toMatch(/\| \u2066−[۰-۹]+٫[۰-۹]+\u2069 \|/);
  });

  it('writes variants.jsonl and answer-sheet.csv with Latin digits, the same bytes as with --digits latin but for the recorded digits', () => {
    for (const file of ['variants.jsonl', 'answer-sheet.csv']) {
      // variants.jsonl records the set's digits (the class report follows them): nothing else differs.
      expect(read(persian, file).replaceAll('"digits":"persian",', ''), file).toBe(read(latin, file));
      expect(read(persian, file), file).not.toMatch(/[۰-۹٫\u200E\u2066-\u2069]/);
    }
    expect(read(persian, 'variants.jsonl').match(/"digits":"persian",/g)?.length).toBe(read(persian, 'variants.jsonl').trim().split('\n').length);
  });

  it('tells the student, in Persian, that Persian, Latin and Arabic digits are accepted', () => {
    const sheet = read(persian, 'problems/s001.md');
    expect(sheet).toContain('عددها را می‌توانید با رقم‌های فارسی (`۰٫۳۴`) یا لاتین (`0.34`) بنویسید؛ رقم‌های عربی (`٠٫٣٤`) هم پذیرفته می‌شوند.');
    expect(sheet).toContain('`3.49×10^-32`');
  });

  it('isolates every code span, so a browser keeps `3.49×10^-32` and `۰٫۳۴` as typed among Persian words', () => {
    const sheet = raw(persian, 'problems/s001.md');
    expect(sheet).toContain('یا \u2066`3.49×10^-32`\u2069 بنویسید');
    expect(sheet).toContain('رقم‌های فارسی (\u2066`۰٫۳۴`\u2069)');
    const spans = [...sheet.matchAll(/\u2066?`[^`\n]+`/g)].map((m) => m[0]);
    expect(spans.length).toBeGreaterThan(10);
    expect(spans.filter((span) => !span.startsWith('\u2066'))).toEqual([]);
  });

  it('leaves the sheet of a bank without the option in Latin digits', () => {
    const out = tempDir();
    sigmax(['generate', '--locale', 'fa', '--format', 'md', '--out', out]);
    expect(read(out, 'problems/demo.md')).toContain('## مسئلهٔ 1:');
    expect(proseOf(read(out, 'problems/demo.md'))).not.toMatch(/[۰-۹٫\u200E\u2066-\u2069]/);
  });

  it('refuses Persian digits in a left-to-right PDF with a usage error (exit 2), writing nothing', () => {
    const refused = tempDir();
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'generate', '--locale', 'en', '--digits', 'persian', '--format', 'pdf', '--out', join(refused, 'out')],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Persian digits in a PDF need the Persian (right-to-left) layout');
    expect(existsSync(join(refused, 'out'))).toBe(false);
  });
});
