import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBank } from '../../src/bank/bank.js';
import { numberedStudents } from '../../src/bank/roster.js';
import { drawVariant } from '../../src/variant/draw-variant.js';
import { variantLine } from '../../src/variant/record.js';

// A generator change shows up here as a diff a person reviews
// (`npx vitest run -u` accepts it once reviewed).
describe('golden variants.jsonl at fixed seeds', () => {
  for (const file of readdirSync('problem-banks').sort()) {
    it(file, async () => {
      const bank = loadBank(join('problem-banks', file));
      const lines = numberedStudents(3).flatMap((student) =>
        bank.problems.map((problem) => variantLine(drawVariant(bank, problem, student).record)),
      );
      await expect(lines.join('')).toMatchFileSnapshot(`golden/${file.replace(/\.yaml$/, '.jsonl')}`);
    });
  }
});

// A translated bank (week1-sigmoid-bce.fa.yaml) changes words, not numbers:
// a student draws the same variant in either language.
describe('translated banks', () => {
  const translated = readdirSync('problem-banks').filter((file) => /\.(fa|ro)\.yaml$/.test(file));
  it('exist for at least Persian and Romanian', () => {
    expect(translated.map((file) => file.split('.').at(-2)).sort()).toEqual(expect.arrayContaining(['fa', 'ro']));
  });
  for (const file of translated) {
    it(`${file} draws the same variants as the bank it translates`, () => {
      const bank = loadBank(join('problem-banks', file));
      const original = loadBank(join('problem-banks', file.replace(/\.(fa|ro)\.yaml$/, '.yaml')));
      expect(bank.locale).toBe(file.split('.').at(-2));
      expect(bank.problems.map((p) => p.title)).not.toEqual(original.problems.map((p) => p.title));
      // Everything but the record's locale (the language grading will write feedback in) and digits (the class report's).
      const records = (b: typeof bank) =>
        numberedStudents(3).flatMap((student) =>
          b.problems.map((problem) => ({ ...drawVariant(b, problem, student).record, locale: undefined, digits: undefined })),
        );
      expect(records(bank)).toEqual(records(original));
    });
  }
});
