import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locale } from '../../src/bank/bank.js';
import { buildClassReport } from '../../src/report/class-report.js';
import { classReportHtml } from '../../src/report/report-html.js';
import { writeClassReport } from '../../src/report/write-class-report.js';
import { HAS_POPPLER, pdfPages } from '../render/pdf-tools.js';
import { type Answers, gradedClass, off } from './graded-class.js';

/** Six students: right, one slip, an early error carried forward, blanks, text, and one who handed in nothing. */
const CLASS: Record<string, Answers | 'nothing'> = {
  s1: {},
  s2: { loss: '9' },
  s3: { z: off('z') },
  s4: { 'w_new[1]': '', 'w_new[2]': null, b_new: null },
  s5: { z: 'abc', yhat: 'abc', loss: 'abc' },
  s6: 'nothing',
};

async function reportOf(students: Record<string, Answers | 'nothing'>, locale: Locale = 'en', persianDigits = false) {
  const graded = await gradedClass(students, { locale, persianDigits });
  const { summary } = graded;
  const input = { tally: summary.tally, set: summary.set, variantsFile: 'variants.jsonl', locale: summary.locale, digits: summary.digits };
  const written = await writeClassReport(input, join(graded.dir, 'out'));
  const html = readFileSync(join(graded.dir, 'out', 'report.html'), 'utf8');
  const pdf = join(graded.dir, 'out', 'report.pdf');
  return { graded, input, written, html, pdf, pdfText: HAS_POPPLER ? pdfPages(pdf).join('\n') : '' };
}

const NOT_A_NUMBER = /NaN|Infinity|undefined/;

describe('class report in English', async () => {
  const report = await reportOf(CLASS);

  it('writes report.html and report.pdf beside report.md', () => {
    expect(report.written.files.map((f) => f.split('/').pop())).toEqual(['report.html', 'report.pdf']);
    expect(report.written.warnings).toEqual([]);
  });

  it('leaves the student with no submission out, and says so', () => {
    expect(report.html).toContain('6 students graded');
    expect(report.html).toContain('1 of them submitted no answer at all');
  });

  it('has every chart as inline SVG and nothing fetched from anywhere', () => {
    // Totals, per problem, verdicts of q1, misconceptions (s3's z is not one: none here), chain of q1.
    expect(report.html.match(/<svg\b/g)?.length).toBe(4);
    expect(report.html).not.toMatch(/<script|<link|<img|(src|href)\s*=\s*"https?:|url\(\s*["']?https?:/i);
    expect(report.html).toContain("default-src 'none'");
    expect(report.html).not.toMatch(NOT_A_NUMBER);
  });

  it('writes the item analysis of every part, in part order', () => {
    const rows = [...report.html.matchAll(/<tr>\s*<td>q1 · ([^<]+)<\/td>/g)].map((m) => m[1]);
    expect(rows).toEqual(report.graded.partIds);
  });

  it.skipIf(!HAS_POPPLER)('reads back from the PDF: headings, chart labels and table', () => {
    const text = report.pdfText;
    for (const words of ['Class report: test-set', 'Score distribution', 'Verdicts per part', 'Where the errors start', 'Item analysis', 'share of the answers', 'misconception', 'students whose first error is here']) {
      expect(text).toContain(words);
    }
    expect(text).toMatch(/q1 · dw\[1\]\s+5\s+\d\.\d\d\s/);
    expect(text).not.toMatch(NOT_A_NUMBER);
  });
});

describe('class report in Persian with Persian digits', async () => {
  const report = await reportOf(CLASS, 'fa', true);

  it('is right to left, with the Persian font embedded', () => {
    expect(report.html).toMatch(/<html lang="fa" dir="rtl">/);
    expect(report.html).toContain('@font-face { font-family: Vazirmatn');
    expect(report.html).toContain('<div dir="ltr"><svg');
  });

  it('writes counts in Persian digits and ids as typed', () => {
    expect(report.html).toContain('۶ دانشجو');
    expect(report.html).not.toContain('6 دانشجو');
    expect(report.html).toContain('q1 · dw[1]');
  });

  it.skipIf(!HAS_POPPLER)('reads back from the PDF in Persian', () => {
    const text = report.pdfText;
    // pdftotext gives Persian words in drawing order: look for letters that survive either way.
    expect(text).toMatch(/[\u0600-\u06ff]/);
    expect(text).toContain('dw[1]');
    expect(text).toMatch(/[۰-۹]/);
    expect(text).not.toMatch(NOT_A_NUMBER);
  });
});

describe('class report on a degenerate class', () => {
  it('says a class of one student has no discrimination, instead of a number', async () => {
    const report = await reportOf({ s1: { loss: '9' } });
    expect(report.html).toContain('The class has one student with answers');
    expect(report.html).toMatch(/<td[^>]*>one student<\/td>/);
    expect(report.html).not.toMatch(NOT_A_NUMBER);
    if (HAS_POPPLER) expect(report.pdfText).not.toMatch(NOT_A_NUMBER);
  });

  it('flags a part nobody answered', async () => {
    const report = await reportOf({ s1: { b_new: null }, s2: { b_new: '', loss: '9' }, s3: { b_new: null, z: off('z') } });
    expect(report.html).toMatch(/<td>q1 · b_new<\/td>\s*<td[^>]*>3<\/td>\s*<td[^>]*>0\.00<\/td>\s*<td[^>]*>all alike<\/td>/);
    expect(report.html).toContain('<li>q1 · b_new: nobody answered</li>');
    expect(report.html).not.toMatch(NOT_A_NUMBER);
  });

  it('says nobody submitted anything, with no chart', async () => {
    const report = await reportOf({ s1: 'nothing', s2: 'nothing' });
    expect(report.html).toContain('No student submitted any answer');
    expect(report.html).not.toContain('<svg');
    expect(report.html).not.toMatch(NOT_A_NUMBER);
    if (HAS_POPPLER) expect(report.pdfText).toContain('No student submitted any answer');
  });
});

describe('part scores kept by the grader', () => {
  it('match details.csv cell by cell, and two grading threads store what one does', async () => {
    const students = Object.fromEntries(Array.from({ length: 12 }, (_, i): [string, Answers] => [`s${i + 1}`, i % 3 === 0 ? { loss: '9' } : i % 3 === 1 ? { z: off('z') } : {}]));
    const one = await gradedClass(students);
    const two = await gradedClass(students, { workers: 2 });
    const data = one.summary.tally.partScores.toData();
    expect(two.summary.tally.partScores.toData()).toEqual(data);
    const shares = one.details.map((d) => Number(d.score) / Number(d.max));
    expect([...data.cellShares]).toEqual(shares);
    expect(data.columns.map(([, part]) => part)).toEqual(one.partIds);
  });
});

describe('the report in HTML and PDF is one content', () => {
  it('renders the same Markdown in both', async () => {
    const graded = await gradedClass(CLASS);
    const { summary } = graded;
    const report = await buildClassReport({ tally: summary.tally, set: summary.set, variantsFile: 'v.jsonl', locale: 'en', digits: 'latin' });
    const html = classReportHtml(report);
    const charts = report.pieces.filter((p) => p.kind === 'figure');
    for (const chart of charts) expect(html).toContain(chart.chart.svg);
  });
});
