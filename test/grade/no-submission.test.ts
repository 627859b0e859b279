import { describe, expect, it } from 'vitest';
import type { Locale } from '../../src/bank/bank.js';
import { grade, keyAnswers, variant } from './fixtures.js';

// The sigmoid neuron of verdicts-sigmoid-step: z = 0.8, y = 0, lr = 0.5; 10 parts of 1 point.
const given = { x: ['1.5', '-0.5'], w: ['0.8', '0.4'], b: '-0.2', y: '0', lr: '0.5' };

/**
 * Four students: s1 copies the key, s2 has no row, s3 a row of blank cells (the
 * answer sheet as generate wrote it), s4 one right answer.
 */
function classOf(locale: Locale = 'en') {
  const made = ['s1', 's2', 's3', 's4'].map((student) => variant({ student, family: 'sigmoid-bce-step', given, locale }));
  const { solution } = made[0]!;
  const key = keyAnswers(solution);
  const columns = solution.partIds.map((id) => `q1.${id}`);
  const row = (student: string, answers: Record<string, string>) =>
    [student, ...solution.partIds.map((id) => answers[id] ?? '')].join(',');
  const csv = [['student', ...columns].join(','), row('s1', key), row('s3', {}), row('s4', { z: key.z! })].join('\n') + '\n';
  return { records: made.map((m) => m.record), csv };
}

describe('a student with no submission', () => {
  it('gets an empty score in grades.csv (max kept) and missing rows in details.csv, not a 0', async () => {
    const { records, csv } = classOf();
    const graded = await grade(records, csv);
    expect(graded.grades.map((g) => [g.student, g.q1, g.total, g.max])).toEqual([
      ['s1', '10', '10', '10'],
      ['s2', '', '', '10'],
      ['s3', '', '', '10'],
      ['s4', '1', '1', '10'],
    ]);
    const ofS2 = graded.details.filter((d) => d.student === 's2');
    expect(ofS2).toHaveLength(10);
    expect(ofS2.every((d) => d.verdict === 'missing' && d.score === '0' && d.max === '1')).toBe(true);
    expect(graded.summary.noSubmission).toBe(2);
  });

  it('is listed as "no submission" in the report and left out of its figures', async () => {
    const { records, csv } = classOf();
    const report = (await grade(records, csv)).read('report.md');
    expect(report).toContain('## No submission\n\n2 students handed in no answer: grades.csv leaves their score empty');
    expect(report).toContain('\n`s2`, `s3`\n');
    // The figures are those of s1 (100 %) and s4 (10 %) alone.
    expect(report).toContain('Mean 55.0 %, median 55.0 %.');
    expect(report).toContain('## q1 — mean 55.0 %');
    expect(report).toContain('| z | 100.0 % | · | · | · | · | · |');
    expect(report).toContain('| yhat | 50.0 % | · | · | · | · | 50.0 % |');
  });

  it('gets a feedback file that says so, with no score', async () => {
    const { records, csv } = classOf();
    const graded = await grade(records, csv);
    const feedback = graded.read('feedback/s2.md');
    expect(feedback).toContain('No submission: none of your answers was received, so your score is left empty.');
    expect(feedback).not.toContain('Total:');
    expect(feedback).toContain('## q1: – / 10');
    expect(feedback).toMatch(/\| z \|  \| 0\.8 \| – missing \| – \/ 1 \|/);
    expect(graded.read('feedback/s4.md')).toContain('Total: **1 / 10**');
  });

  it('scores 0 and counts in the figures with --missing-as-zero, as before, still listed', async () => {
    const { records, csv } = classOf();
    const graded = await grade(records, csv, { missingAsZero: true });
    expect(graded.grades.map((g) => [g.student, g.q1, g.total, g.max])).toEqual([
      ['s1', '10', '10', '10'],
      ['s2', '0', '0', '10'],
      ['s3', '0', '0', '10'],
      ['s4', '1', '1', '10'],
    ]);
    const report = graded.read('report.md');
    expect(report).toContain('2 students handed in no answer; --missing-as-zero scored them 0, counted in the figures above:');
    expect(report).toContain('Mean 27.5 %, median 5.0 %.');
    expect(graded.read('feedback/s2.md')).toContain('Total: **0 / 10**');
  });

  it('is told apart the same way by grading threads', async () => {
    const { records, csv } = classOf();
    const [one, two] = [await grade(records, csv), await grade(records, csv, { workers: 2 })];
    for (const file of ['grades.csv', 'details.csv', 'report.md', 'feedback/s2.md', 'feedback/s4.md']) {
      expect(two.read(file).replaceAll(two.dir, ''), file).toBe(one.read(file).replaceAll(one.dir, ''));
    }
  });

  it('is listed in the Romanian and Persian reports in their words', async () => {
    const ro = classOf('ro');
    const roReport = (await grade(ro.records, ro.csv)).read('report.md');
    expect(roReport).toContain('## Nepredate\n\n2 studenți nu au predat niciun răspuns: punctajul lor din grades.csv rămâne gol');
    const fa = classOf('fa');
    const faGraded = await grade(fa.records, fa.csv);
    expect(faGraded.read('report.md')).toContain('## بدون پاسخ\n\n2 دانشجو هیچ پاسخی تحویل نداده‌اند');
    expect(faGraded.read('report.md')).toContain('\u2066`s2`\u2069، \u2066`s3`\u2069');
    expect(faGraded.read('feedback/s3.md')).toContain('تحویل‌نشده: هیچ پاسخی از شما دریافت نشد');
  });
});
