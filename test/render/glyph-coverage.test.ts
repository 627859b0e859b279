import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBank } from '../../src/bank/bank.js';
import { classKeyMarkdown, studentMarkdown } from '../../src/render/compose-markdown.js';
import { displayNumber, plainNumber } from '../../src/render/display-number.js';
import { parseMarkdown, type Block, type Inline } from '../../src/render/markdown/markdown-blocks.js';
import { bidiPieces, bidiTextLine } from '../../src/render/pdf/bidi-inline-layout.js';
import { type FontRole, missingGlyphs } from '../../src/render/pdf/fonts.js';
import { roleOf } from '../../src/render/pdf/inline-layout.js';
import { plainMathSetter } from '../../src/render/pdf/math-box.js';
import { needsBidi } from '../../src/render/pdf/needs-bidi.js';
import { loadTemplates, templateFolders } from '../../src/render/template-set.js';
import { type TextDirection, isolatedOn } from '../../src/text/text-direction.js';
import { drawVariant } from '../../src/variant/draw-variant.js';
import { ROOT } from './run-sigmax.js';

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

/**
 * Every text run of a document with the face it is set in, as the PDF layout
 * chooses: a paragraph with right-to-left text (all of a Persian page's) by
 * the bidirectional layout, piece by piece; any other run by its style.
 * The page frame's lines too (title, reader, footer). Math is outlines, not text.
 */
function drawnRuns(markdown: string, frame: readonly string[], direction: TextDirection): { role: FontRole; text: string }[] {
  const runs: { role: FontRole; text: string }[] = [];
  const addPieces = (pieces: ReturnType<typeof bidiPieces>) => {
    for (const piece of pieces) if (piece.kind === 'text') runs.push({ role: piece.role, text: piece.text });
  };
  for (const { inlines, bold } of inlineLists(parseMarkdown(markdown))) {
    if (direction === 'rtl' || needsBidi(inlines)) {
      addPieces(bidiPieces(inlines, Number.POSITIVE_INFINITY, { size: 10, color: '#000000', bold }, plainMathSetter, direction));
    } else {
      for (const inline of inlines) if (inline.kind === 'text') runs.push({ role: roleOf(inline.style, bold), text: inline.text });
    }
  }
  for (const block of parseMarkdown(markdown)) if (block.kind === 'code') runs.push({ role: 'mono', text: block.text });
  for (const line of frame) {
    if (direction === 'rtl' || needsBidi(line)) addPieces(bidiTextLine(line, { size: 8.5, color: '#000000' }, direction).pieces);
    else runs.push({ role: 'regular', text: line });
  }
  return runs;
}

const banks = readdirSync(join(ROOT, 'problem-banks')).filter((f) => f.endsWith('.yaml'));
const students = [
  { id: 's001', name: 'Ana Łukasiewicz-Ñúñez' },
  { id: 'zoë_2', name: '' },
  { id: 'u001', name: 'محمد رضایی' },
  { id: 's002', name: 'Zoë Müller' },
  { id: 's003', name: 'Ștefan Popescu' },
  // The same names typed with combining marks (decomposed), as some spreadsheets write them.
  { id: 's004', name: 'S\u0326tefan Zoe\u0308 Mu\u0308ller' },
];

describe('glyph coverage of the embedded fonts: every character of every page in the face chosen for it', () => {
  for (const locale of ['en', 'ro', 'fa'] as const) {
    const direction: TextDirection = locale === 'fa' ? 'rtl' : 'ltr';
    for (const file of banks) {
      it(`has a glyph for every character of the ${locale} sheets, keys and class key of ${file}`, () => {
        const bank = loadBank(join(ROOT, 'problem-banks', file));
        const templates = loadTemplates(templateFolders(locale));
        const set = { id: bank.id, title: bank.title, locale, problemTitles: Object.fromEntries(bank.problems.map((p) => [p.id, p.title])) };
        const all = students.map((student) => ({ student, records: bank.problems.map((problem) => drawVariant(bank, problem, student).record) }));
        const frame = [bank.title, 'Sheet 26B5-44DF · Problem sheet', 'برگه 26B5-44DF · برگهٔ تمرین', 'page 1 of 2', 'صفحهٔ 1 از 2'];
        const documents = [
          ...all.flatMap(({ student, records }) => {
            const who = [`${isolatedOn(direction, student.name)} (${student.id})`];
            return [studentMarkdown(templates, 'sheet', set, student, records), studentMarkdown(templates, 'key', set, student, records)].map((md) => drawnRuns(md, [...frame, ...who], direction));
          }),
          drawnRuns(classKeyMarkdown(templates, set, all), frame, direction),
        ];
        const faces = new Set<FontRole>();
        for (const runs of documents) {
          for (const { role, text } of runs) {
            faces.add(role);
            expect(missingGlyphs(role, text), `${role}: ${text}`).toEqual([]);
          }
        }
        // Persian (the Persian page, a Persian name elsewhere) is set in Vazirmatn: DejaVu also has Arabic letters, unjoined.
        expect(faces).toContain('persian');
        expect(faces).toContain('persianBold');
      });
    }
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
