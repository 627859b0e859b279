import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isolateLtrSpans, ltrSpans, mirrored, paragraphLevels, visualOrder } from '../../src/render/pdf/bidi-text.js';
import { missingGlyphs, shapeText } from '../../src/render/pdf/fonts.js';
import { faceFor, layoutBidiInlines } from '../../src/render/pdf/bidi-inline-layout.js';
import { BIDI_CONTROL } from '../../src/text/text-direction.js';
import { HAS_POPPLER } from './pdf-tools.js';
import { sigmax, tempDir } from './run-sigmax.js';

/** A right-to-left paragraph's characters in the order they are drawn, left to right (each character its own run). */
function visual(text: string, code: readonly boolean[] = []): string {
  const isolated = isolateLtrSpans(text, code);
  const levels = paragraphLevels(isolated.text, 'rtl');
  const drawn = [...isolated.text].map((_, i) => i).filter((i) => isolated.source[i]! >= 0 && !BIDI_CONTROL.test(isolated.text[i]!));
  const order = visualOrder(drawn.map((i) => ({ level: levels[i]!, whitespace: /\s/.test(isolated.text[i]!) })), 1);
  return order.map((k) => (levels[drawn[k]!]! % 2 === 1 ? mirrored(isolated.text[drawn[k]!]!) : isolated.text[drawn[k]!]!)).join('');
}

const reversed = (text: string) => [...text].reverse().join('');

describe('line reordering (logical → visual)', () => {
  it('reverses runs by level (rule L2) and resets whitespace at the end of a line (rule L1)', () => {
    expect(visualOrder([{ level: 1, whitespace: false }, { level: 1, whitespace: true }, { level: 2, whitespace: false }, { level: 2, whitespace: false }, { level: 1, whitespace: false }], 1)).toEqual([4, 2, 3, 1, 0]);
    // A trailing space at level 2 drops to the paragraph's level: it goes to the far left, not inside the LTR run.
    expect(visualOrder([{ level: 1, whitespace: false }, { level: 2, whitespace: false }, { level: 2, whitespace: true }], 1)).toEqual([2, 1, 0]);
    expect(visualOrder([{ level: 2, whitespace: false }, { level: 2, whitespace: false }], 1)).toEqual([0, 1]);
    expect(visualOrder([], 1)).toEqual([]);
  });

  it('draws Persian right to left, and numbers and Latin left to right inside it', () => {
    expect(visual('سلام')).toBe(reversed('سلام'));
    expect(visual('الف ب')).toBe(`ب ${reversed('الف')}`);
    expect(visual('abc')).toBe('abc');
    expect(visual('وزن 0.01 است')).toBe(`${reversed('است')} 0.01 ${reversed('وزن')}`);
  });

  it('keeps a minus sign in front of its number ("-1.2", not "1.2-")', () => {
    expect(visual('مقدار -1.2 است')).toBe(`${reversed('است')} -1.2 ${reversed('مقدار')}`);
    expect(visual('مقدار −0.2789')).toBe(`−0.2789 ${reversed('مقدار')}`);
    expect(visual('و b = -0.2، η = 0.1')).toContain('b = -0.2');
    expect(visual('حداکثر 1 × 10⁻⁶).')).toBe(`.(1 × 10⁻⁶ ${reversed('حداکثر')}`);
    // Persian digits and the Arabic decimal separator too.
    expect(visual('مقدار −۰٫۳۴ است')).toBe(`${reversed('است')} −۰٫۳۴ ${reversed('مقدار')}`);
  });

  it('keeps a number expression prose-digits isolated (LRI … PDI) in reading order, the controls not drawn', async () => {
    const { withPersianDigits } = await import('../../src/render/prose-digits.js');
    const tolerance = withPersianDigits('حداکثر 1% (یا اختلاف مطلقِ حداکثر 1 × 10⁻⁶).');
    expect(tolerance).toContain('\u2066۱ × ۱۰^−۶\u2069');
    expect(visual(tolerance)).toBe(`.(۱ × ۱۰^−۶ ${reversed('حداکثر')} ${reversed('مطلقِ')} ${reversed('اختلاف')} ${reversed('یا')}) ۱٪ ${reversed('حداکثر')}`);
    expect(visual(withPersianDigits('مقدار −0.5 و −3.49 × 10⁻³² است'))).toBe(`${reversed('است')} −۳٫۴۹ × ۱۰^−۳۲ ${reversed('و')} −۰٫۵ ${reversed('مقدار')}`);
    // The pieces handed to the fonts hold no control character (a mark or an isolate would be looked up as a glyph).
    const pieces = layoutBidiInlines([{ kind: 'text', text: tolerance, style: { bold: false, italic: false, code: false } }], 1000, { size: 10, color: '#000000' }, null, 'rtl')[0]!.pieces;
    expect(pieces.map((p) => (p.kind === 'text' || p.kind === 'space' ? p.text : '')).join('')).not.toMatch(BIDI_CONTROL);
  });

  it('mirrors brackets in right-to-left runs and keeps a Latin title with its colon in one piece', () => {
    expect(visual('(الف)')).toBe(`(${reversed('الف')})`);
    expect(visual('مسئلهٔ 1: One step (8 نمره)')).toBe(`(${reversed('نمره')} 8) One step :1 ${reversed('مسئلهٔ')}`);
  });

  it('reads a list of numbers right to left but a Latin phrase left to right', () => {
    expect(ltrSpans('نمونه‌های 1, 2').map(([s, e]) => 'نمونه‌های 1, 2'.slice(s, e))).toEqual(['1', '2']);
    expect(visual('نمونه‌های 1, 2')).toBe(`2 ,1 ${reversed('نمونه‌های')}`);
    // The Persian comma lists right to left even after a Latin id: "(q1، ۴ رقم" reads q1, then ۴ (also with the id isolated).
    expect(visual('(q1، ۴ رقم')).toBe(`${reversed('رقم')} ۴ ،q1)`);
    expect(visual('(\u2066q1\u2069، ۴ رقم')).toBe(`${reversed('رقم')} ۴ ،q1)`);
    const title = 'Week 1: a sigmoid neuron, two inputs';
    expect(ltrSpans(`${title}: حل کامل`)).toEqual([[0, title.length]]);
  });

  it('breaks lines in logical order: the first words of a paragraph fill the first line', () => {
    const words = Array.from({ length: 12 }, (_, i) => `واژه${'ب'.repeat(i % 3)}`);
    const lines = layoutBidiInlines([{ kind: 'text', text: words.join(' '), style: { bold: false, italic: false, code: false } }], 120, { size: 10, color: '#000000' }, null, 'rtl');
    expect(lines.length).toBeGreaterThan(1);
    const texts = lines.map((line) => line.pieces.flatMap((p) => (p.kind === 'text' ? [p.text] : [])));
    // Visual order is right to left: the last piece drawn (rightmost) of line 1 is the paragraph's first word.
    expect(texts[0]!.at(-1)).toBe(words[0]);
    expect(texts.flatMap((t) => [...t].reverse())).toEqual(words);
    for (const line of lines) expect(line.width).toBeLessThanOrEqual(120);
  });
});

/** Text with code spans marked `…`, as the paragraph's text and which characters are code. */
function withCode(marked: string): { text: string; code: boolean[] } {
  let text = '';
  const code: boolean[] = [];
  marked.split('`').forEach((part, i) => {
    text += part;
    for (let k = 0; k < part.length; k++) code.push(i % 2 === 1);
  });
  return { text, code };
}

/** Inlines of text with code spans marked `…`. */
const codeInlines = (marked: string) =>
  marked.split('`').map((text, i) => ({ kind: 'text' as const, text, style: { bold: false, italic: false, code: i % 2 === 1 } }));

describe('code spans in right-to-left text', () => {
  const samples = ['3.49×10^-32', '۰٫۳۴', '٠٫٣٤', '<problem>.<part>', '3.49e-32'];

  it('draws a code span as typed, left to right, brackets unmirrored, in its place between the Persian words', () => {
    for (const sample of samples) {
      const { text, code } = withCode(`به شکل \`${sample}\` بنویسید`);
      expect(visual(text, code), sample).toBe(`${reversed('بنویسید')} ${sample} ${reversed('به شکل')}`);
    }
    // In brackets of the Persian text: those mirror (they are right to left), the code does not.
    const { text, code } = withCode('فارسی (`۰٫۳۴`) یا');
    expect(visual(text, code)).toBe(`${reversed('یا')} (۰٫۳۴) ${reversed('فارسی')}`);
  });

  it('gives every character of a code span one even level, so the span is one run of one face', () => {
    for (const sample of samples) {
      const pieces = layoutBidiInlines(codeInlines(`به شکل \`${sample}\` یا \`0.34\` بنویسید`), 1000, { size: 10, color: '#000000' }, null, 'rtl')[0]!.pieces;
      const codePieces = pieces.filter((p) => p.kind === 'text' && p.role === 'mono');
      expect(codePieces.map((p) => (p.kind === 'text' ? p.text : '')), sample).toEqual(['0.34', sample]);
      for (const piece of codePieces) expect(piece.level % 2, sample).toBe(0);
    }
  });

  it('shapes a code span of Persian or Arabic-Indic digits left to right in the monospaced face', () => {
    for (const sample of samples) {
      const glyphs = shapeText('mono', sample).glyphs.map((g) => String.fromCodePoint(...g.codePoints)).join('');
      expect(glyphs, sample).toBe(sample);
    }
  });
});

describe('faces of a right-to-left line', () => {
  it('sets Persian in Vazirmatn and what Vazirmatn lacks (σ η ∇ Σ ᵀ) in DejaVu Sans', () => {
    expect(faceFor('س', 1, 'regular')).toBe('persian');
    expect(faceFor('س', 1, 'bold')).toBe('persianBold');
    expect(faceFor('(', 1, 'regular')).toBe('persian');
    expect(faceFor('(', 2, 'regular')).toBe('regular');
    expect(faceFor('7', 2, 'regular')).toBe('regular');
    for (const ch of ['σ', 'η', '∇', 'Σ', 'ᵀ']) {
      expect(missingGlyphs('persian', ch), ch).toEqual([ch]);
      expect(faceFor(ch, 2, 'regular'), ch).toBe('regular');
    }
    const pieces = layoutBidiInlines([{ kind: 'text', text: 'نرخ η و ŷ و y\u0302', style: { bold: false, italic: false, code: false } }], 1000, { size: 10, color: '#000000' }, null, 'rtl')[0]!.pieces;
    for (const piece of pieces) if (piece.kind === 'text') expect(missingGlyphs(piece.role, piece.text), `${piece.role}: ${piece.text}`).toEqual([]);
  });
});

interface BoxWord {
  /** Logical text: pdftotext gives a right-to-left word's characters in drawing order. */
  text: string;
  xMin: number;
  xMax: number;
  yMin: number;
  page: number;
}

function boxWords(file: string): BoxWord[] {
  const run = spawnSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`pdftotext -bbox ${file}: ${run.stderr}`);
  const words: BoxWord[] = [];
  let page = 0;
  for (const line of run.stdout.split('\n')) {
    if (line.includes('<page ')) page++;
    const m = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">(.*)<\/word>/.exec(line);
    if (!m) continue;
    const raw = m[4]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    words.push({ text: /\p{Script=Arabic}/u.test(raw) ? reversed(raw) : raw, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), page });
  }
  return words;
}

/** The words on the same line (page and top within 3 pt) as `word`, left to right. */
const lineOf = (words: readonly BoxWord[], word: BoxWord) =>
  words.filter((w) => w.page === word.page && Math.abs(w.yMin - word.yMin) < 3).sort((a, b) => a.xMin - b.xMin);

describe.skipIf(!HAS_POPPLER)('Persian PDF: numbers drawn left to right', () => {
  it('draws "-1.2", "0.01" and Persian digits "−۰٫۳۴" with the sign first, the words around them right to left', async () => {
    const { renderPdf } = await import('../../src/render/pdf/render-pdf.js');
    const { parseMarkdown } = await import('../../src/render/markdown/markdown-blocks.js');
    const pdf = await renderPdf(
      parseMarkdown('مقدار −۰٫۳۴ و ۱۲۳ و -1.2 و 0.01 است'),
      { title: 'عنوان', name: '', id: 'x', footer: 'f' },
      { title: 't', author: 'a', subject: 's', date: new Date(0) },
      'plain',
      'rtl',
    );
    const file = join(tempDir(), 'numbers.pdf');
    writeFileSync(file, pdf.bytes);
    const words = boxWords(file).filter((w) => w.page === 1 && w.yMin > 60 && w.yMin < 100);
    // Words of Persian digits as drawn, glyphs left to right (boxWords turned them as if they were letters).
    const asDrawn = (w: BoxWord) => (/[۰-۹]/u.test(w.text) ? reversed(w.text) : w.text);
    // Right to left: مقدار, −۰٫۳۴, و, ۱۲۳, و, -1.2, و, 0.01, است; in every number the sign is the leftmost glyph.
    const byX = [...words].sort((a, b) => b.xMin - a.xMin).map(asDrawn);
    expect(byX).toEqual(['مقدار', '−۰٫۳۴', 'و', '۱۲۳', 'و', '-1.2', 'و', '0.01', 'است']);
  });

  it('draws the tolerance "۱ × ۱۰^−۶" of a Persian-digit sheet left to right, isolates not drawn', async () => {
    const { renderPdf } = await import('../../src/render/pdf/render-pdf.js');
    const { parseMarkdown } = await import('../../src/render/markdown/markdown-blocks.js');
    const { withPersianDigits } = await import('../../src/render/prose-digits.js');
    const pdf = await renderPdf(
      parseMarkdown(withPersianDigits('حداکثر 1 × 10⁻⁶ و −0.5 است')),
      { title: 'عنوان', name: '', id: 'x', footer: 'f' },
      { title: 't', author: 'a', subject: 's', date: new Date(0) },
      'plain',
      'rtl',
    );
    const file = join(tempDir(), 'tolerance.pdf');
    writeFileSync(file, pdf.bytes);
    const words = boxWords(file).filter((w) => w.page === 1 && w.yMin > 60 && w.yMin < 100);
    const asDrawn = (w: BoxWord) => (/[۰-۹]/u.test(w.text) ? reversed(w.text) : w.text);
    const byX = [...words].sort((a, b) => b.xMin - a.xMin).map(asDrawn);
    // Right to left: the words, then the expression read left to right (۱ leftmost), و, −۰٫۵, است.
    expect(byX).toEqual(['حداکثر', '۱۰^−۶', '×', '۱', 'و', '−۰٫۵', 'است']);
    expect(words.map((w) => w.text).join('')).not.toMatch(/[\u200E\u2066-\u2069]/);
  });
});

describe.skipIf(!HAS_POPPLER)('Persian PDF: page numbers in the set’s digits', () => {
  /** The words of a one-page document with a numbered list, as read back. */
  async function pageWords(digits: 'persian' | undefined): Promise<BoxWord[]> {
    const { renderPdf } = await import('../../src/render/pdf/render-pdf.js');
    const { parseMarkdown } = await import('../../src/render/markdown/markdown-blocks.js');
    const pdf = await renderPdf(
      parseMarkdown('متن\n\n1. الف\n2. ب'),
      { title: 'عنوان', name: '', id: 's001', footer: 'برگه 6DEB-299F', pageLabel: 'صفحهٔ {page} از {count}', ...(digits ? { digits } : {}) },
      { title: 't', author: 'a', subject: 's', date: new Date(0) },
      'plain',
      'rtl',
    );
    const file = join(tempDir(), 'frame.pdf');
    writeFileSync(file, pdf.bytes);
    return boxWords(file).filter((w) => w.page === 1);
  }

  /** The words of the footer line (the lowest on the page). */
  function footerWords(words: readonly BoxWord[]): string[] {
    const lowest = Math.max(...words.map((w) => w.yMin));
    return words.filter((w) => Math.abs(w.yMin - lowest) < 3).map((w) => w.text);
  }

  /** The list markers, read back ("۱." comes back as ".۱": pdftotext's right-to-left reading). */
  const markers = (words: readonly BoxWord[]) => words.filter((w) => /^\.?[۰-۹0-9]\.?$/u.test(w.text) && w.yMin < 700).map((w) => w.text.replace('.', ''));

  it('numbers the pages "صفحهٔ ۱ از ۱" and the list items ۱. ۲. with digits: persian, the sheet id as typed', async () => {
    const words = await pageWords('persian');
    expect(footerWords(words).filter((w) => /^[۰-۹0-9]+$/u.test(w))).toEqual(['۱', '۱']);
    expect(footerWords(words)).toContain('6DEB-299F');
    expect(markers(words)).toEqual(['۱', '۲']);
  });

  it('keeps Latin page numbers and list markers without the option', async () => {
    const words = await pageWords(undefined);
    expect(footerWords(words).filter((w) => /^[۰-۹0-9]+$/u.test(w))).toEqual(['1', '1']);
    expect(markers(words)).toEqual(['1', '2']);
  });
});

describe.skipIf(!HAS_POPPLER)('Persian PDF: word order read back with pdftotext -bbox', () => {
  let sheet: BoxWord[];
  let out: string;
  beforeAll(() => {
    out = tempDir();
    sigmax(['generate', '--locale', 'fa', '--format', 'pdf,md', '--out', out]);
    sheet = boxWords(join(out, 'problems', 'demo.pdf'));
  });

  it('puts the first word of a Persian sentence at the right margin', () => {
    const first = sheet.find((w) => w.text === 'راهنما.');
    expect(first, 'the word راهنما. on the sheet').toBeDefined();
    const line = lineOf(sheet, first!);
    expect(line.at(-1)).toBe(first);
    expect(first!.xMax).toBeGreaterThan(535);
    // The sentence goes on leftwards in reading order: the words read back intact keep the Markdown's order
    // (poppler drops some joined letter forms when extracting, so not every word comes back whole).
    const markdown = readFileSync(join(out, 'problems', 'demo.md'), 'utf8');
    // The words that can be on the first line (a word split at its zero-width non-joiner reads back as two).
    const sentence = /\*\*راهنما\.\*\* (.*)/.exec(markdown)![1]!.split(' ').slice(0, line.length + 2);
    const readBack = [...line].reverse().map((w) => w.text);
    const fragments = new Set(sentence.flatMap((w) => (w.includes('\u200c') ? w.split('\u200c') : [])));
    const once = (word: string) => !fragments.has(word) && sentence.indexOf(word) >= 0 && sentence.indexOf(word) === sentence.lastIndexOf(word);
    const positions = readBack.filter(once).map((word) => sentence.indexOf(word));
    expect(positions.length).toBeGreaterThanOrEqual(4);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('draws the code spans of the instructions whole and as typed: 3.49×10^-32, ۰٫۳۴, ٠٫٣٤, <problem>.<part>', () => {
    // Words of Persian or Arabic-Indic digits as drawn, glyphs left to right (boxWords turned them as if they were letters).
    const asDrawn = (w: BoxWord) => (/[۰-۹٠-٩]/u.test(w.text) ? reversed(w.text) : w.text);
    const drawn = sheet.map(asDrawn);
    expect(drawn).toContain('3.49×10^-32');
    expect(drawn).toContain('3.49e-32');
    expect(drawn).toContain('<problem>.<part>');
    // In the Persian text's brackets, mirrored: "(۰٫۳۴)" reads back with its brackets around the digits.
    expect(drawn.filter((w) => w.includes('۰٫۳۴'))).toEqual(['(۰٫۳۴)']);
    expect(drawn.filter((w) => w.includes('٠٫٣٤'))).toEqual(['(٠٫٣٤)']);
    expect(drawn.filter((w) => /[۴٤][۳٣]/u.test(w))).toEqual([]);
  });

  it('prints a negative number of the data table as "−1.1", never "1.1−"', () => {
    const numbers = sheet.filter((w) => /^[-−]?\d[\d.]*[-−]?$/.test(w.text));
    expect(numbers.some((w) => /^[-−]\d/.test(w.text)), 'a negative number on the sheet').toBe(true);
    expect(numbers.filter((w) => /\d[-−]$/.test(w.text))).toEqual([]);
  });

  it('sets an inline formula between the Persian words around it', () => {
    const opening = sheet.find((w) => w.text === 'ابتدا');
    expect(opening).toBeDefined();
    const line = lineOf(sheet, opening!);
    const formula = line.find((w) => w.text === 'w^\\top');
    expect(formula, 'the formula z = w^\\top x + b on the line').toBeDefined();
    const persianLeft = line.filter((w) => /\p{Script=Arabic}/u.test(w.text) && w.xMax <= formula!.xMin).at(-1);
    const persianRight = line.find((w) => /\p{Script=Arabic}/u.test(w.text) && w.xMin >= formula!.xMax);
    // "… ابتدا $z = w^\top x + b$ را حساب می‌کند": the word before is on its right, the word after on its left.
    expect(persianRight?.text).toBe('ابتدا');
    expect(persianLeft?.text).toBe('را');
  });

  it('writes the same bytes on every run, whatever the number of workers', () => {
    const again = tempDir();
    sigmax(['generate', '--locale', 'fa', '--out', again, '--workers', '2']);
    for (const file of ['problems/demo.pdf', 'keys/demo.pdf', 'key.pdf']) {
      expect(readFileSync(join(again, file)).equals(readFileSync(join(out, file))), file).toBe(true);
    }
  });
});
