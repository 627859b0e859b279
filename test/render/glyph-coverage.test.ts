import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBank } from '../../src/bank/bank.js';
import { classKeyMarkdown, studentMarkdown } from '../../src/render/compose-markdown.js';
import { displayNumber, plainNumber } from '../../src/render/display-number.js';
import { parseMarkdown, type Block, type Inline } from '../../src/render/markdown/markdown-blocks.js';
import { type FontRole, missingGlyphs } from '../../src/render/pdf/fonts.js';
import { loadTemplates, templateFolders } from '../../src/render/template-set.js';
import { drawVariant } from '../../src/variant/draw-variant.js';
import type { VariantRecord } from '../../src/variant/record.js';
import { ROOT } from './run-sigmax.js';

/** Every text run of the blocks with the face it is set in (math is outlines, not text). */
function textRuns(blocks: readonly Block[], bold = false): { role: FontRole; text: string }[] {
  const runs: { role: FontRole; text: string }[] = [];
  const inline = (items: readonly Inline[], forceBold: boolean) => {
    for (const item of items) {
      if (item.kind !== 'text') continue;
      const b = item.style.bold || forceBold;
      const role: FontRole = item.style.code ? 'mono' : b && item.style.italic ? 'boldItalic' : b ? 'bold' : item.style.italic ? 'italic' : 'regular';
      runs.push({ role, text: item.text });
    }
  };
  for (const block of blocks) {
    if (block.kind === 'heading') inline(block.inlines, true);
    else if (block.kind === 'paragraph') inline(block.inlines, bold);
    else if (block.kind === 'list') for (const item of block.items) runs.push(...textRuns(item, bold));
    else if (block.kind === 'quote') runs.push(...textRuns(block.blocks, bold));
    else if (block.kind === 'code') runs.push({ role: 'mono', text: block.text });
    else if (block.kind === 'table') {
      for (const cell of block.head) inline(cell, true);
      for (const row of block.rows) for (const cell of row) inline(cell, false);
    }
  }
  return runs;
}

const banks = readdirSync(join(ROOT, 'problem-banks')).filter((f) => f.endsWith('.yaml'));
const students = [
  { id: 's001', name: 'Ana Łukasiewicz-Ñúñez' },
  { id: 'zoë_2', name: '' },
];

describe('glyph coverage of the embedded fonts', () => {
  for (const file of banks) {
    it(`has a glyph for every character of the sheets and keys of ${file}`, () => {
      const bank = loadBank(join(ROOT, 'problem-banks', file));
      const templates = loadTemplates(templateFolders('en'));
      const set = { id: bank.id, title: bank.title, locale: 'en', problemTitles: Object.fromEntries(bank.problems.map((p) => [p.id, p.title])) };
      const all: { student: (typeof students)[number]; records: VariantRecord[] }[] = students.map((student) => ({
        student,
        records: bank.problems.map((problem) => drawVariant(bank, problem, student).record),
      }));
      const documents = [
        ...all.flatMap(({ student, records }) => [
          studentMarkdown(templates, 'sheet', set, student, records),
          studentMarkdown(templates, 'key', set, student, records),
        ]),
        classKeyMarkdown(templates, set, all),
      ];
      for (const markdown of documents) {
        for (const { role, text } of textRuns(parseMarkdown(markdown))) expect(missingGlyphs(role, text), `${role}: ${text}`).toEqual([]);
      }
    });
  }

  it('has the characters numbers are printed with: minus, times, superscript exponents, ellipsis, bullet', () => {
    const samples = ['-3.4873e-32', '1.5e12', '-0.000123', '42'].map((v) => plainNumber(displayNumber(v, 3)));
    expect(samples).toContain('−3.49 × 10⁻³²');
    for (const role of ['regular', 'bold', 'mono'] as const) {
      expect(missingGlyphs(role, `${samples.join(' ')} … • · ← ≈`)).toEqual([]);
    }
  });

  it('notices a character the font lacks', () => {
    expect(missingGlyphs('regular', 'ok 漢')).toEqual(['漢']);
  });
});

/** Every inline list of the blocks with the style it is set in (headings and table heads bold). */
function inlineLists(blocks: readonly Block[]): { inlines: Inline[]; bold: boolean }[] {
  const lists: { inlines: Inline[]; bold: boolean }[] = [];
  for (const block of blocks) {
    if (block.kind === 'heading') lists.push({ inlines: block.inlines, bold: true });
    else if (block.kind === 'paragraph') lists.push({ inlines: block.inlines, bold: false });
    else if (block.kind === 'list') for (const item of block.items) lists.push(...inlineLists(item));
    else if (block.kind === 'quote') lists.push(...inlineLists(block.blocks));
    else if (block.kind === 'table') {
      for (const cell of block.head) lists.push({ inlines: cell, bold: true });
      for (const row of block.rows) for (const cell of row) lists.push({ inlines: cell, bold: false });
    }
  }
  return lists;
}

describe('glyph coverage of right-to-left (Persian) pages: every character in the face chosen for it', () => {
  for (const file of banks) {
    it(`has a glyph in Vazirmatn or DejaVu for every character drawn on the fa sheets and keys of ${file}`, async () => {
      const { bidiPieces, bidiTextLine } = await import('../../src/render/pdf/bidi-inline-layout.js');
      const { plainMathSetter } = await import('../../src/render/pdf/math-box.js');
      const bank = loadBank(join(ROOT, 'problem-banks', file));
      const templates = loadTemplates(templateFolders('fa'));
      const set = { id: bank.id, title: bank.title, locale: 'fa', problemTitles: Object.fromEntries(bank.problems.map((p) => [p.id, p.title])) };
      const all = students.map((student) => ({ student, records: bank.problems.map((problem) => drawVariant(bank, problem, student).record) }));
      const documents = [
        ...all.flatMap(({ student, records }) => [studentMarkdown(templates, 'sheet', set, student, records), studentMarkdown(templates, 'key', set, student, records)]),
        classKeyMarkdown(templates, set, all),
      ];
      const faces = new Set<FontRole>();
      const check = (pieces: ReturnType<typeof bidiPieces>) => {
        for (const piece of pieces) {
          if (piece.kind !== 'text') continue;
          faces.add(piece.role);
          expect(missingGlyphs(piece.role, piece.text), `${piece.role}: ${piece.text}`).toEqual([]);
        }
      };
      for (const markdown of documents) {
        for (const { inlines, bold } of inlineLists(parseMarkdown(markdown))) {
          check(bidiPieces(inlines, Number.POSITIVE_INFINITY, { size: 10, color: '#000000', bold }, plainMathSetter, 'rtl'));
        }
      }
      // The page frame: header, footer, page numbers.
      for (const frame of [bank.title, 'برگه 26B5-44DF · برگهٔ تمرین', 'صفحهٔ 1 از 2', ...students.map((s) => `${s.name} (${s.id})`)]) {
        check(bidiTextLine(frame, { size: 8.5, color: '#000000' }, 'rtl').pieces);
      }
      // Persian is set in Vazirmatn (DejaVu also has Arabic letters, unjoined: that would be a regression).
      expect(faces).toContain('persian');
      expect(faces).toContain('persianBold');
    });
  }
});

describe('plain shaping of numbers', () => {
  it('gives what full OpenType shaping gives for every pair of the characters numbers use', async () => {
    const { FONT_ROLES, fontFor, plainShape } = await import('../../src/render/pdf/fonts.js');
    const chars = [...'0123456789.,+-−×·⁰¹²³⁴⁵⁶⁷⁸⁹⁻ '];
    for (const role of FONT_ROLES) {
      const font = fontFor(role);
      for (const a of chars) {
        for (const b of chars) {
          const full = font.layout(a + b);
          const plain = plainShape(font, a + b);
          expect(full.glyphs.map((g) => g.id), `${role} "${a}${b}"`).toEqual(plain.glyphs.map((g) => g.id));
          expect(full.positions.map((p) => p.xAdvance), `${role} "${a}${b}"`).toEqual(plain.positions.map((p) => p.xAdvance));
        }
      }
    }
  });
});
