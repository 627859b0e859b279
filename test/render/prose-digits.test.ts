import { describe, expect, it } from 'vitest';
import { parseStudentNumber } from '../../src/grade/student-number.js';
import { keepAsTyped, withPersianDigits } from '../../src/render/prose-digits.js';

/** What a number with a sign, a power of ten or a percent sign is wrapped in: left-to-right isolate … pop directional isolate. */
const isolated = (number: string) => `\u2066${number}\u2069`;

describe('withPersianDigits', () => {
  it('prints prose numbers with ۰–۹ and ٫, a signed number isolated left to right with its sign in front', () => {
    expect(withPersianDigits('گام 12 از 3، نرخ 0.5 و مقدار −0.0345 یا -2.')).toBe(
      `گام ۱۲ از ۳، نرخ ۰٫۵ و مقدار ${isolated('−۰٫۰۳۴۵')} یا ${isolated('-۲')}.`,
    );
  });

  it('prints a power of ten as ×۱۰^ with the exponent in Persian digits, and percent as ٪, each expression one left-to-right isolate', () => {
    expect(withPersianDigits('حداکثر 1% (یا 1 × 10⁻⁶)، یا 2.5 × 10⁶ و −3.49 × 10⁻³²')).toBe(
      `حداکثر ${isolated('۱٪')} (یا ${isolated('۱ × ۱۰^−۶')})، یا ${isolated('۲٫۵ × ۱۰^۶')} و ${isolated('−۳٫۴۹ × ۱۰^−۳۲')}`,
    );
    // No direction mark left inside: the isolate alone keeps the expression in reading order.
    expect(withPersianDigits('یا اختلاف مطلقِ حداکثر 1 × 10⁻⁶')).not.toMatch(/[\u200E\u200F]/);
  });

  it('keeps Latin digits inside inline and display math, code spans and list markers', () => {
    const markdown = [
      'مقدار $w_{ 1 } = -0.4$ و $$z = 0.9 \\cdot (-0.7)$$ در ستون `q1.dw[1]` به شکل `3.49e-32`',
      '1. ورودی 2',
      '$$',
      'L = 0.25',
      '$$',
    ].join('\n');
    expect(withPersianDigits(markdown)).toBe(
      ['مقدار $w_{ 1 } = -0.4$ و $$z = 0.9 \\cdot (-0.7)$$ در ستون `q1.dw[1]` به شکل `3.49e-32`', '1. ورودی ۲', '$$', 'L = 0.25', '$$'].join('\n'),
    );
  });

  it('leaves ids and Latin words with digits alone, and text kept as typed (marks removed)', () => {
    expect(withPersianDigits(`برای s001 و week1 در برگهٔ ${keepAsTyped('1234-5678')} از ${keepAsTyped('Ali (12345)')}: 2تایی`)).toBe(
      'برای s001 و week1 در برگهٔ 1234-5678 از Ali (12345): ۲تایی',
    );
  });

  it('lets a template compare a kept id with its text ({{eq id "q1"}})', async () => {
    const { default: Handlebars } = await import('handlebars');
    const { registerHelpers } = await import('../../src/render/template-helpers.js');
    const hb = Handlebars.create();
    registerHelpers(hb);
    const template = hb.compile('{{#if (eq id "q1")}}first{{else}}other{{/if}}', { noEscape: true });
    expect(template({ id: keepAsTyped('q1') })).toBe('first');
    expect(template({ id: keepAsTyped('q2') })).toBe('other');
    // A student without a name still has none for {{#if}}.
    expect(hb.compile('{{#if name}}named{{else}}unnamed{{/if}}')({ name: keepAsTyped('') })).toBe('unnamed');
  });

  it('joins a list of numbers with the Persian comma and converts table cells', () => {
    expect(withPersianDigits('نمونه‌های 1, 2, 3\n| 1 | −0.3385 | **0.5** |')).toBe(`نمونه‌های ۱، ۲، ۳\n| ۱ | ${isolated('−۰٫۳۳۸۵')} | **۰٫۵** |`);
    expect(withPersianDigits('مقدارهای −1, 2%, 3')).toBe(`مقدارهای ${isolated('−۱')}، ${isolated('۲٪')}، ۳`);
  });

  it('prints numbers the grader reads back as the same value', () => {
    for (const [latin, value] of [
      ['−0.0345', '-0.0345'],
      ['−3.49 × 10⁻³²', '-3.49e-32'],
      ['2.5 × 10⁶', '2500000'],
      ['1 × 10⁻⁶', '0.000001'],
    ] as const) {
      const parsed = parseStudentNumber(withPersianDigits(latin));
      expect(parsed.kind === 'number' && parsed.value.toString(), latin).toBe(value);
    }
  });
});
