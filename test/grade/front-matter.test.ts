import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locale } from '../../src/bank/bank.js';
import { runCli, tempDir } from '../cli/run-cli.js';
import { answerRows, grade, keyAnswers, longCsv, variant } from './fixtures.js';

const given = { x: ['1.5', '-0.5'], w: ['0.8', '0.4'], b: '-0.2', y: '0', lr: '0.5' };

async function gradedIn(locale: Locale) {
  const { record, solution } = variant({ family: 'sigmoid-bce-step', given, locale });
  return grade([record], longCsv(answerRows(keyAnswers(solution))));
}

/** The front matter block of a Markdown file, or null when it has none. */
const frontMatter = (markdown: string) => /^---\n([\s\S]*?)\n---\n\n/.exec(markdown)?.[1] ?? null;

describe('front matter of the feedback files and the report', () => {
  it('is there in English and Romanian too, with their lang and no dir', async () => {
    const en = await gradedIn('en');
    expect(frontMatter(en.read('feedback/s1.md'))).toBe('title: "Feedback for s1"\nlayout: "single"\nlang: "en"\nstudent: "s1"');
    expect(frontMatter(en.read('report.md'))).toBe('title: "Grading report: test-set"\nset: "test-set"\nlayout: "single"\nlang: "en"');
    const ro = await gradedIn('ro');
    expect(frontMatter(ro.read('feedback/s1.md'))).toBe('title: "Evaluarea răspunsurilor: s1"\nlayout: "single"\nlang: "ro"\nstudent: "s1"');
    expect(frontMatter(ro.read('report.md'))).toBe('title: "Raport de notare: test-set"\nset: "test-set"\nlayout: "single"\nlang: "ro"');
  });

  it('says dir: rtl in Persian, as before, with lang: fa', async () => {
    const fa = await gradedIn('fa');
    expect(frontMatter(fa.read('feedback/s1.md'))).toBe('title: "بازخورد برای s1"\nlayout: "single"\nlang: "fa"\ndir: "rtl"\nstudent: "s1"');
    expect(frontMatter(fa.read('report.md'))).toBe('title: "گزارش تصحیح: test-set"\nset: "test-set"\nlayout: "single"\nlang: "fa"\ndir: "rtl"');
  });
});

describe("the bank's site settings", () => {
  const SITE = 'site:\n  layout: course\n  permalink: /teaching/:path/\n  author_profile: false\n  sidebar: { nav: toolkit }\n';
  const bank = (site: string) =>
    `id: week3\ntitle: Week 3\nseed: s\nlocale: ro\n${site}problems:\n  - id: q1\n    family: sigmoid-bce-step\n`;

  it('reach the sheets, and through variants.jsonl the feedback and report, which never read the bank', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bank.yaml'), bank(SITE));
    const generated = runCli(['generate', '--bank', join(dir, 'bank.yaml'), '--count', '2', '--format', 'json,md', '--out', join(dir, 'out')]);
    expect(generated.status, generated.stderr).toBe(0);
    const record = JSON.parse(readFileSync(join(dir, 'out', 'variants.jsonl'), 'utf8').split('\n')[0]!);
    expect(record.site).toEqual({ layout: 'course', permalink: '/teaching/:path/', author_profile: false, sidebar: { nav: 'toolkit' } });
    const extra = 'permalink: "/teaching/:path/"\nauthor_profile: false\nsidebar: {"nav":"toolkit"}';
    expect(frontMatter(readFileSync(join(dir, 'out', 'problems', 's001.md'), 'utf8'))).toMatch(
      new RegExp(`^title: ".*"\nset: "week3"\nlayout: "course"\nstudent: "s001"\nname: ""\nsheet: ".*"\n${extra}$`),
    );

    // The bank is gone: grading has only variants.jsonl.
    writeFileSync(join(dir, 'bank.yaml'), bank(''));
    writeFileSync(join(dir, 'answers.csv'), 'student,problem,part,answer\ns001,q1,z,1\n');
    const run = runCli(['grade', '--variants', join(dir, 'out', 'variants.jsonl'), '--submissions', join(dir, 'answers.csv'), '--out', join(dir, 'graded')]);
    expect(run.status, run.stderr).toBe(0);
    const read = (file: string) => readFileSync(join(dir, 'graded', file), 'utf8');
    expect(frontMatter(read('feedback/s001.md'))).toBe(`title: "Evaluarea răspunsurilor: s001"\nlayout: "course"\nlang: "ro"\nstudent: "s001"\n${extra}`);
    expect(frontMatter(read('report.md'))).toBe(`title: "Raport de notare: week3"\nset: "week3"\nlayout: "course"\nlang: "ro"\n${extra}`);
  });

  it('are not written into variants.jsonl when the bank sets none', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bank.yaml'), bank(''));
    const generated = runCli(['generate', '--bank', join(dir, 'bank.yaml'), '--count', '1', '--format', 'json', '--out', dir]);
    expect(generated.status, generated.stderr).toBe(0);
    expect(readFileSync(join(dir, 'variants.jsonl'), 'utf8')).not.toContain('"site"');
  });

  it('are checked in a variants file like any other field', async () => {
    const { record } = variant({ family: 'sigmoid-bce-step', given });
    await expect(grade([{ ...record, site: { title: 'mine' } }], longCsv([]))).rejects.toThrow(
      /variants\.jsonl:1: site: expected an object of front matter keys/,
    );
  });
});
