import { describe, expect, it } from 'vitest';
import { cutText } from '../../src/text/long-text.js';
import { answerRows, grade, keyAnswers, longCsv, variant } from './fixtures.js';

const million = '7'.repeat(1_000_000);

describe('a very long answer', () => {
  it('is graded invalid and shown cut in details.csv, the feedback and rejected.csv, with its length', async () => {
    const { record, solution } = variant({
      family: 'sigmoid-bce-step',
      given: { x: ['0.7', '-1.3'], w: ['0.25', '-0.4'], b: '0.1', y: '1', lr: '0.1' },
    });
    const answers = { ...keyAnswers(solution), z: million };
    const rows = [...answerRows(answers), ['nobody', 'q1', 'z', million] as const];
    const graded = await grade([record], longCsv(rows));

    const z = graded.part('z');
    expect(z.verdict).toBe('invalid');
    expect(z.submitted).toBe(`${'7'.repeat(40)}… (1,000,000 characters)`);
    expect(graded.part('yhat').verdict).toBe('correct');

    const feedback = graded.read('feedback/s1.md');
    expect(feedback).toContain(`\`${'7'.repeat(40)}…\` (1,000,000 characters)`);
    expect(feedback.length).toBeLessThan(10_000);

    expect(graded.rejected).toHaveLength(1);
    expect(graded.rejected[0]!.answer).toBe(`${'7'.repeat(40)}… (1,000,000 characters)`);
    expect(graded.read('details.csv').length + graded.read('rejected.csv').length).toBeLessThan(10_000);
  });
});

describe('cutText', () => {
  it('keeps a text of up to 80 characters whole and cuts a longer one after 40, counting characters, not UTF-16 units', () => {
    expect(cutText('1'.repeat(80))).toBe('1'.repeat(80));
    expect(cutText('1'.repeat(81))).toBe(`${'1'.repeat(40)}… (81 characters)`);
    // 81 UTF-16 units but 41 characters: shown whole; 100 emoji are cut between two of them.
    expect(cutText(`${'😀'.repeat(40)}1`)).toBe(`${'😀'.repeat(40)}1`);
    expect(cutText('😀'.repeat(100))).toBe(`${'😀'.repeat(40)}… (100 characters)`);
  });
});
