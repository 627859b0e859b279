import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES, type Locale } from '../../src/bank/bank.js';
import { D, answerText } from '../../src/engine/decimal.js';
import { FAMILIES } from '../../src/families/index.js';
import { MISCONCEPTION_IDS } from '../../src/families/misconception.js';
import { VERDICTS, type Verdict } from '../../src/grade/grade-variant.js';
import { GRADE_MESSAGES } from '../../src/grade/messages/index.js';
import { INVALID_REASONS, parseStudentNumber } from '../../src/grade/student-number.js';
import type { VariantRecord } from '../../src/variant/record.js';
import { runCli } from '../cli/run-cli.js';
import { answerRows, grade, keyAnswers, longCsv, markdownBody, tempDir, variant } from './fixtures.js';

const PERSIAN_LETTERS = /[\u0600-\u06FF]/;
const LTR_ISOLATE = '\u2066';
const POP_ISOLATE = '\u2069';

describe('grading texts in every locale', () => {
  it('has a text for every catalogued misconception of every family, in every locale', () => {
    const catalogued = new Set<string>();
    for (const family of FAMILIES.values()) {
      for (const entry of family.misconceptions?.entries ?? []) catalogued.add(entry.id);
    }
    expect(catalogued.size).toBeGreaterThan(0);
    for (const locale of LOCALES) {
      const texts = GRADE_MESSAGES[locale].misconceptions;
      // No text for an id the catalogue lacks, and none missing.
      expect(Object.keys(texts).sort(), locale).toEqual([...MISCONCEPTION_IDS].sort());
      for (const id of catalogued) {
        const text = texts[id as keyof typeof texts];
        expect(text?.trim(), `${locale}: ${id}`).toBeTruthy();
        // A translation, not the English pasted in.
        if (locale !== 'en') expect(text, `${locale}: ${id}`).not.toBe(GRADE_MESSAGES.en.misconceptions[id as keyof typeof texts]);
        if (locale === 'fa') expect(text, id).toMatch(PERSIAN_LETTERS);
      }
    }
  });

  it('names and marks every verdict in every locale', () => {
    for (const locale of LOCALES) {
      const messages = GRADE_MESSAGES[locale];
      for (const verdict of VERDICTS) {
        expect(messages.verdictNames[verdict]?.trim(), `${locale}: ${verdict}`).toBeTruthy();
        expect(messages.verdictMarks[verdict]?.trim(), `${locale}: ${verdict}`).toBeTruthy();
      }
    }
  });

  it('words every reason the number reader gives for an invalid cell, in every locale', () => {
    const cells = ['x'.repeat(81), '1 2', '1e2×10^3', '1,2,3', 'abc', '1e9999999999999999'];
    const reasons = cells.map((cell) => {
      const read = parseStudentNumber(cell);
      if (read.kind !== 'invalid') throw new Error(`${cell} was read as ${read.kind}`);
      return read.reason;
    });
    expect(new Set(reasons)).toEqual(new Set(INVALID_REASONS));
    for (const locale of LOCALES) {
      for (const reason of reasons) expect(GRADE_MESSAGES[locale].invalidReasons[reason]?.trim(), `${locale}: ${reason}`).toBeTruthy();
    }
  });

  it('composes feedback that reads as one sentence: no phrase said twice (not "not a number (not a number)")', () => {
    for (const locale of LOCALES) {
      const messages = GRADE_MESSAGES[locale];
      const said = messages.partFeedback;
      const carried = messages.ltr('z (0.9)');
      const feedback: [string, string][] = [
        ...INVALID_REASONS.map((reason) => ['invalid', said.invalid(messages.invalidReasons[reason])] as [string, string]),
        ['ecf', said.ecf(carried, messages.ltr('0.7109'))],
        ['incorrect', said.incorrect],
        ['incorrect', said.incorrectTrivial(carried)],
        ['missing', said.missing],
      ];
      for (const [verdict, text] of feedback) {
        // As the feedback file prints it: the verdict's mark in the table, its name before the note.
        for (const line of [text, `(${messages.verdictNames[verdict as Verdict]}): ${text}`]) {
          expect(repeatedPhrase(line), `${locale}: ${line}`).toBeNull();
        }
        const mark = messages.verdictMarks[verdict as Verdict].replace(/^\P{L}+/u, '');
        expect(text.includes(mark), `${locale}: "${text}" repeats the verdict's mark "${mark}"`).toBe(false);
      }
    }
  });
});

/** The first run of three words that appears twice in the text, or null. */
function repeatedPhrase(text: string): string | null {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const seen = new Set<string>();
  for (let i = 0; i + 3 <= words.length; i++) {
    const phrase = words.slice(i, i + 3).join(' ');
    if (seen.has(phrase)) return phrase;
    seen.add(phrase);
  }
  return null;
}

// The sigmoid neuron of verdicts-sigmoid-step: z = 0.8, y = 0, lr = 0.5.
const given = { x: ['1.5', '-0.5'], w: ['0.8', '0.4'], b: '-0.2', y: '0', lr: '0.5' };

/** One student's answers: update-sign on w_new[1], a wrong z carried into ŷ (ecf), text for the loss, no db. */
function answersFor(solution: ReturnType<typeof variant>['solution']): Record<string, string> {
  const answers = keyAnswers(solution);
  delete answers.db;
  answers['w_new[1]'] = answerText(new D('0.8').plus(solution.value('dw[1]').times('0.5')));
  answers.z = '0.9';
  answers.yhat = answerText(new D(1).div(new D('-0.9').exp().plus(1)));
  answers.loss = 'about a half';
  return answers;
}

/** The feedback column of a misconception: `id: text` per matched id (Latin, as the contract says), in the locale's words. */
function expectMisconceptionFeedback(feedback: string, locale: Locale, firstId: string) {
  const texts = GRADE_MESSAGES[locale].misconceptions;
  const segments = feedback.split(' | ');
  expect(segments[0]!.startsWith(`${firstId}: `)).toBe(true);
  for (const segment of segments) {
    const id = segment.slice(0, segment.indexOf(': ')) as keyof typeof texts;
    expect(MISCONCEPTION_IDS).toContain(id);
    expect(segment).toBe(`${id}: ${texts[id]}`);
  }
}

async function gradeIn(locale: Locale | undefined, options: { override?: Locale; workers?: number } = {}) {
  const { record, solution } = variant({ family: 'sigmoid-bce-step', given, ...(locale ? { locale } : {}) });
  const graded = await grade([record], longCsv(answerRows(answersFor(solution))), {
    ...(options.override ? { locale: options.override } : {}),
    ...(options.workers ? { workers: options.workers } : {}),
  });
  return graded;
}

describe('grading a Romanian variants file', async () => {
  const graded = await gradeIn('ro');
  const feedback = graded.read('feedback/s1.md');
  const report = graded.read('report.md');

  it('keeps the misconception id, in Latin, before the Romanian text in details.csv', () => {
    const row = graded.part('w_new[1]');
    expect(row.verdict).toBe('misconception');
    expectMisconceptionFeedback(row.feedback, 'ro', 'update-sign');
    expect(graded.part('yhat')).toMatchObject({
      verdict: 'ecf',
      feedback: expect.stringContaining('notat pe baza răspunsului vostru anterior pentru z (0.9)'),
    });
    expect(graded.part('loss').feedback).toBe('nu a putut fi citit ca număr, pentru că are spații în interior');
    expect(graded.part('db').feedback).toBe('niciun răspuns');
    expect(graded.summary.locale).toBe('ro');
  });

  it('writes the feedback file in Romanian, left to right (front matter lang: ro, no dir)', () => {
    expect(feedback).toMatch(/^---\n[^]*\nlang: "ro"\n[^]*---\n\n/);
    expect(feedback).not.toContain('dir:');
    expect(markdownBody(feedback).startsWith('# Evaluarea răspunsurilor: s1\n')).toBe(true);
    expect(feedback).toContain('| parte | răspunsul vostru | barem | verdict | puncte |');
    expect(feedback).toMatch(/\| w\\_new\\\[1\\\] \| `1\.31\d*` \| 0\.2825 \| ✗ concepție greșită \| 0 \/ 1 \|/);
    expect(feedback).toContain('(concepție greșită): update-sign: Actualizarea a urcat panta');
    expect(feedback).toMatch(/Punctaj total: \*\*\d+(\.\d+)? \/ 10\*\*/);
    expect(feedback).not.toMatch(/Feedback for|your answer|misconception \|/);
  });

  it('writes the report in Romanian, verdict columns and misconception table included', () => {
    expect(markdownBody(report).startsWith('# Raport de notare: test-set\n')).toBe(true);
    expect(report).toContain('## Distribuția punctajelor');
    expect(report).toContain('| parte | corect | ecf | concepție greșită | greșit | invalid | lipsă |');
    expect(report).toContain('| concepție greșită | răspunsuri | cel mai des la |');
    expect(report).toContain('| update-sign | 1 | w_new[1] (1) |');
    expect(report).toMatch(/9 rânduri citite: notate 9, respinse 0/);
    expect(report).not.toMatch(/Grading report|Score distribution|Most common/);
  });
});

describe('grading a Persian variants file', async () => {
  const graded = await gradeIn('fa');
  const feedback = graded.read('feedback/s1.md');
  const report = graded.read('report.md');

  it('keeps ids, verdict values and column names as the contract says; only the text is Persian', () => {
    expect(graded.read('details.csv').split('\n')[0]).toBe('\uFEFFstudent,problem,part,submitted,expected,score,max,verdict,feedback');
    const row = graded.part('w_new[1]');
    expect(row.verdict).toBe('misconception');
    expectMisconceptionFeedback(row.feedback, 'fa', 'update-sign');
    expect(row.feedback).toMatch(PERSIAN_LETTERS);
    expect(graded.part('yhat').verdict).toBe('ecf');
  });

  it('marks the feedback file right to left, as the Persian sheets are', () => {
    expect(feedback.startsWith('---\ntitle: "بازخورد برای s1"\nlayout: "single"\nlang: "fa"\ndir: "rtl"\nstudent: "s1"\n---\n\n# بازخورد برای s1\n')).toBe(true);
    expect(feedback).toContain('| بخش | پاسخ شما | کلید | نتیجه | نمره |');
    expect(feedback).toContain('✗ بدفهمی');
    expect(feedback).toContain('(بدفهمی): update-sign: به‌روزرسانی، وزن‌ها را');
  });

  it('keeps numbers, fractions and formulas left to right inside the Persian lines', () => {
    // b_new ≈ −0.545: without the isolate its minus sign would show after the number.
    expect(feedback).toMatch(new RegExp(`\\| b\\\\_new \\| ${LTR_ISOLATE}\`-0\\.54\\d*\`${POP_ISOLATE} \\| ${LTR_ISOLATE}-0\\.545\\d*${POP_ISOLATE} \\|`));
    expect(feedback).toMatch(new RegExp(`نمرهٔ کل: \\*\\*${LTR_ISOLATE}\\d+(\\.\\d+)? / 10${POP_ISOLATE}\\*\\*`));
    expect(feedback).toContain(`${LTR_ISOLATE}w_new = w − η·∂L/∂w${POP_ISOLATE}`.replaceAll('_', '\\_'));
    expect(graded.part('yhat').feedback).toContain(`${LTR_ISOLATE}z (0.9)${POP_ISOLATE}`);
  });

  it('writes the report in Persian, right to left', () => {
    expect(report.startsWith('---\ntitle: "گزارش تصحیح: test-set"\nset: "test-set"\nlayout: "single"\nlang: "fa"\ndir: "rtl"\n---\n\n# گزارش تصحیح: test-set\n')).toBe(true);
    expect(report).toContain('## توزیع نمره‌ها');
    expect(report).toContain(`| ${LTR_ISOLATE}0–10٪${POP_ISOLATE} |`);
    expect(report).toContain('| بخش | درست | ecf | بدفهمی | نادرست | نامعتبر | بی‌پاسخ |');
    expect(report).toContain(`| update-sign | 1 | ${LTR_ISOLATE}w_new[1] (1)${POP_ISOLATE} |`);
  });
});

describe('choosing the locale', () => {
  it('grades an older variants file, with no locale field, in English', async () => {
    const { record, solution } = variant({ family: 'sigmoid-bce-step', given, locale: 'fa' });
    const { locale: _dropped, ...older } = record;
    const graded = await grade([older as VariantRecord], longCsv(answerRows(answersFor(solution))));
    expect(graded.summary.locale).toBe('en');
    expect(markdownBody(graded.read('feedback/s1.md')).startsWith('# Feedback for s1\n')).toBe(true);
    expect(graded.part('w_new[1]').feedback).toContain('update-sign: The update moved the weights uphill');
  });

  it('lets --locale override the file’s, in one thread and in workers', async () => {
    const english = await gradeIn('ro', { override: 'en' });
    expect(markdownBody(english.read('feedback/s1.md')).startsWith('# Feedback for s1\n')).toBe(true);
    expect(markdownBody(english.read('report.md')).startsWith('# Grading report: test-set\n')).toBe(true);
    const persian = await gradeIn('en', { override: 'fa', workers: 2 });
    expect(persian.read('feedback/s1.md')).toContain('# بازخورد برای s1');
    expectMisconceptionFeedback(persian.part('w_new[1]').feedback, 'fa', 'update-sign');
  });

  it('grades a file whose lines disagree in the first line’s locale, and says so', async () => {
    const first = variant({ family: 'sigmoid-bce-step', given, locale: 'ro' });
    const second = variant({ family: 'sigmoid-bce-step', given, locale: 'fa', student: 's2' });
    const graded = await grade(
      [first.record, second.record],
      longCsv([...answerRows(keyAnswers(first.solution)), ...answerRows(keyAnswers(second.solution), 's2')]),
    );
    expect(graded.summary.locale).toBe('ro');
    expect(markdownBody(graded.read('feedback/s2.md')).startsWith('# Evaluarea răspunsurilor: s2\n')).toBe(true);
    expect(graded.summary.notes.join('\n')).toMatch(/mixes locales \(ro first on line 1, fa first on line 2\): feedback and report are in ro/);
  });

  it('refuses a locale it has no texts for, naming the line and field', async () => {
    const { record } = variant({ family: 'sigmoid-bce-step', given });
    await expect(grade([{ ...record, locale: 'de' as Locale }], longCsv([]))).rejects.toThrow(
      /variants\.jsonl:1: locale: expected one of en, fa, ro, got "de"/,
    );
  });

  it('takes grade --locale on the command line, and refuses one it does not know', () => {
    const dir = tempDir();
    const { record, solution } = variant({ family: 'sigmoid-bce-step', given });
    writeFileSync(join(dir, 'variants.jsonl'), `${JSON.stringify(record)}\n`);
    writeFileSync(join(dir, 'answers.csv'), longCsv(answerRows(answersFor(solution))));
    const args = ['grade', '--variants', join(dir, 'variants.jsonl'), '--submissions', join(dir, 'answers.csv'), '--out', join(dir, 'out')];
    const run = runCli([...args, '--locale', 'ro']);
    expect(run.status, run.stderr).toBe(0);
    expect(markdownBody(readFileSync(join(dir, 'out', 'report.md'), 'utf8')).startsWith('# Raport de notare: test-set\n')).toBe(true);
    expect(runCli([...args, '--locale', 'de']).status).toBe(2);
  });
});
