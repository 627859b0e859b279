import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, sigmax, tempDir } from './run-sigmax.js';

describe('--locale fa: Persian Markdown', () => {
  let out: string;
  beforeAll(() => {
    out = tempDir();
    sigmax(['generate', '--locale', 'fa', '--format', 'md,json', '--out', out]);
  });

  it('writes the sheet, the key and the class key in Persian with dir: rtl in the front matter (snapshot)', async () => {
    const sheet = readFileSync(join(out, 'problems', 'demo.md'), 'utf8');
    const key = readFileSync(join(out, 'keys', 'demo.md'), 'utf8');
    const classKey = readFileSync(join(out, 'key.md'), 'utf8');
    for (const doc of [sheet, key, classKey]) expect(doc).toMatch(/^---\n(?:.+\n)*dir: "rtl"\n(?:.+\n)*---\n/);
    expect(sheet.startsWith('---\ntitle: "Gradient descent on one neuron and a softmax layer: برگهٔ تمرین"\n')).toBe(true);
    // The notes' own terms; وزن‌ها with its zero-width non-joiner.
    for (const term of ['تابع ضرر', 'گرادیان کاهشی', 'نرخ یادگیری', 'بایاس', 'وزن\u200cها', 'طبقه\u200cبندی دودویی']) {
      expect(sheet, term).toContain(term);
    }
    for (const term of ['قاعدهٔ زنجیره\u200cای', 'به\u200cروزرسانی', 'همهٔ پاسخ\u200cها']) expect(key, term).toContain(term);
    // Math stays TeX, with Latin digits.
    expect(sheet).toContain('$$L = -\\big[y \\ln \\hat y + (1-y)\\ln(1-\\hat y)\\big]$$');
    expect(sheet).not.toMatch(/\*\*Compute\*\*|\*\*Given\*\*|within \d|Problem sheet/);
    await expect(sheet).toMatchFileSnapshot('__snapshots__/fa-sheet.md');
    await expect(key).toMatchFileSnapshot('__snapshots__/fa-key.md');
    await expect(classKey).toMatchFileSnapshot('__snapshots__/fa-class-key.md');
  });

  it('keeps dir out of the English front matter', () => {
    const en = tempDir();
    sigmax(['generate', '--format', 'md', '--out', en]);
    expect(readFileSync(join(en, 'problems', 'demo.md'), 'utf8')).not.toContain('dir:');
  });

  it('writes Persian PDFs (sheet, key, class key) now that the PDF layout runs right to left', () => {
    const pdfs = tempDir();
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'generate', '--locale', 'fa', '--out', pdfs], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).not.toContain('not yet supported');
    expect(run.stderr).not.toContain('no glyph');
    for (const file of ['problems/demo.pdf', 'keys/demo.pdf', 'key.pdf']) {
      expect(existsSync(join(pdfs, file)), file).toBe(true);
      expect(readFileSync(join(pdfs, file)).subarray(0, 5).toString('latin1'), file).toBe('%PDF-');
    }
  });
});
