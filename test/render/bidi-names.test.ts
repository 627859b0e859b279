// Right-to-left names and titles on English and Romanian pages, Latin names
// on Persian ones: laid out by the bidirectional algorithm with the page's
// base direction, read back with pdftotext in logical order.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { feedbackMarkdown } from '../../src/grade/feedback.js';
import { GRADE_MESSAGES } from '../../src/grade/messages/index.js';
import { parseMarkdown } from '../../src/render/markdown/markdown-blocks.js';
import { bidiPieces, layoutBidiInlines, mixedLtrInlineSetter } from '../../src/render/pdf/bidi-inline-layout.js';
import { fontFor, shapeText } from '../../src/render/pdf/fonts.js';
import { renderPdf } from '../../src/render/pdf/render-pdf.js';
import { isolatedOn } from '../../src/text/text-direction.js';
import { HAS_POPPLER } from './pdf-tools.js';
import { ROOT, sigmax, tempDir } from './run-sigmax.js';

const PERSIAN_NAME = 'محمد رضایی';
const FSI = '\u2068';
const PDI = '\u2069';
const plain = { bold: false, italic: false, code: false };
const style = { size: 10, color: '#000000' };
const reversed = (text: string) => [...text].reverse().join('');

/** The texts of a left-to-right line's pieces, left to right as drawn. */
function drawnPieces(text: string): string[] {
  const [line] = layoutBidiInlines([{ kind: 'text', text, style: plain }], Number.POSITIVE_INFINITY, style, null, 'ltr');
  return line!.pieces.flatMap((p) => (p.kind === 'text' ? [p.text] : []));
}

describe('isolating a name typed against the page', () => {
  it('wraps right-to-left text in a first-strong isolate on a left-to-right page, and nothing else', () => {
    expect(isolatedOn('ltr', PERSIAN_NAME)).toBe(`${FSI}${PERSIAN_NAME}${PDI}`);
    expect(isolatedOn('ltr', 'Zoë Müller')).toBe('Zoë Müller');
    expect(isolatedOn('ltr', '')).toBe('');
    expect(isolatedOn('rtl', PERSIAN_NAME)).toBe(PERSIAN_NAME);
    expect(isolatedOn('rtl', 'Ștefan Popescu')).toBe('Ștefan Popescu');
  });

  it('isolates a Persian name in English feedback, so its "(id)" stays after it; Latin names and Persian feedback unchanged', () => {
    expect(feedbackMarkdown('40123', PERSIAN_NAME, [], GRADE_MESSAGES.en)).toMatch(new RegExp(`\n# Feedback for ${FSI}${PERSIAN_NAME}${PDI} \\(40123\\)\n`));
    expect(feedbackMarkdown('s002', 'Zoë Müller', [], GRADE_MESSAGES.ro)).toMatch(/\n# .*Zoë Müller \(s002\)\n/);
    expect(feedbackMarkdown('u001', PERSIAN_NAME, [], GRADE_MESSAGES.fa)).toContain(`\n# بازخورد برای ${PERSIAN_NAME} (u001)\n`);
  });
});

describe('a left-to-right paragraph with right-to-left text', () => {
  it('draws the Persian words right to left between the English ones, the id after the name', () => {
    // Each Persian piece keeps its logical order (the face shapes it right to left); the pieces are in visual order.
    expect(drawnPieces(`Problem sheet for ${FSI}${PERSIAN_NAME}${PDI} (40123) · sheet`)).toEqual(['Problem', 'sheet', 'for', 'رضایی', 'محمد', '(40123)', '·', 'sheet']);
    expect(drawnPieces(`Problem sheet for ${FSI}${PERSIAN_NAME}${PDI} (u001)`)).toEqual(['Problem', 'sheet', 'for', 'رضایی', 'محمد', '(u001)']);
  });

  it('needs the isolate: without it a numeric id is drawn to the left of the name', () => {
    const pieces = drawnPieces(`for ${PERSIAN_NAME} (40123) ·`);
    expect(pieces.findIndex((p) => p.includes('40123'))).toBeLessThan(pieces.indexOf('محمد'));
  });

  it('sets the Persian in Vazirmatn, joined: the glyphs are the contextual forms, not the letters alone', () => {
    const pieces = bidiPieces([{ kind: 'text', text: `for ${PERSIAN_NAME}`, style: { ...plain, bold: true } }], Number.POSITIVE_INFINITY, style, null, 'ltr');
    const persian = pieces.filter((p) => p.kind === 'text' && p.role === 'persianBold');
    expect(persian.map((p) => (p.kind === 'text' ? p.text : ''))).toEqual(['محمد', 'رضایی']);
    const alone = [...'محمد'].map((ch) => fontFor('persianBold').glyphForCodePoint(ch.codePointAt(0)!).id);
    const shaped = shapeText('persianBold', 'محمد').glyphs.map((g) => g.id);
    // Shaped right to left: the glyphs come back in visual order, every one a joined form.
    expect(shaped).toHaveLength(4);
    expect(shaped.filter((id, i) => id === [...alone].reverse()[i])).toEqual([]);
  });

  it('keeps the plain left-to-right layout for a paragraph without right-to-left text', () => {
    const [latin] = mixedLtrInlineSetter.layout([{ kind: 'text', text: 'Zoë Müller (s002)', style: plain }], 400, style, null as never);
    expect(latin).not.toHaveProperty('direction');
    const [mixed] = mixedLtrInlineSetter.layout([{ kind: 'text', text: PERSIAN_NAME, style: plain }], 400, style, null as never);
    expect(mixed).toHaveProperty('direction', 'ltr');
  });
});

describe('PDF bytes of a Latin page', () => {
  const latin = { markdown: '# A confident, fine neuron\n\nProblem sheet for **Zoë Müller (s002)**, first of its kind.', name: 'Zoë Müller', title: 'A confident, fine title' };
  const persian = { markdown: `Problem sheet for **${FSI}${PERSIAN_NAME}${PDI} (u001)**.`, name: PERSIAN_NAME, title: 'Week 1' };
  const render = async (page: typeof latin) =>
    Buffer.from(
      (
        await renderPdf(parseMarkdown(page.markdown), { title: page.title, name: page.name, id: 'u001', footer: 'Sheet 1234-5678 · Problem sheet' }, { title: 't', author: 'a', subject: 's', date: new Date(0) }, 'plain')
      ).bytes,
    );

  it('are the same whether or not a page with a Persian name was set before in the same process', async () => {
    // A process of its own sets the Latin page alone ...
    const dir = tempDir();
    const script = join(dir, 'latin.mts');
    const renderModule = join(ROOT, 'src', 'render', 'pdf', 'render-pdf.ts');
    const blocksModule = join(ROOT, 'src', 'render', 'markdown', 'markdown-blocks.ts');
    writeFileSync(
      script,
      `import { writeFileSync } from 'node:fs';
import { renderPdf } from ${JSON.stringify(renderModule)};
import { parseMarkdown } from ${JSON.stringify(blocksModule)};
const pdf = await renderPdf(parseMarkdown(${JSON.stringify(latin.markdown)}), { title: ${JSON.stringify(latin.title)}, name: ${JSON.stringify(latin.name)}, id: 'u001', footer: 'Sheet 1234-5678 · Problem sheet' }, { title: 't', author: 'a', subject: 's', date: new Date(0) }, 'plain');
writeFileSync(${JSON.stringify(join(dir, 'latin.pdf'))}, pdf.bytes);
`,
    );
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    // ... this one after a page whose Persian name went through the bidirectional layout (DejaVu's glyphs looked up
    // by their text for it). "confident" and "fine" use DejaVu's fi ligature: its text in the PDF is "fi" either way.
    await render(persian);
    expect((await render(latin)).equals(readFileSync(join(dir, 'latin.pdf')))).toBe(true);
  });
});

/** A PDF's text in reading order, without the direction marks pdftotext puts around right-to-left words. */
function pdfText(file: string): string {
  const run = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`pdftotext ${file}: ${run.stderr}`);
  return run.stdout.replace(/[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, '');
}

/** The fonts a PDF embeds (pdffonts). */
function pdfFonts(file: string): string {
  return spawnSync('pdffonts', [file], { encoding: 'utf8' }).stdout;
}

interface BoxWord {
  text: string;
  xMin: number;
  xMax: number;
  yMin: number;
}

/** The words of page 1 as drawn (a right-to-left word's characters come back in drawing order). */
function firstPageWords(file: string): BoxWord[] {
  const run = spawnSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' });
  return [...run.stdout.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">(.*)<\/word>/g)].map((m) => ({
    text: m[4]!,
    xMin: Number(m[1]),
    yMin: Number(m[2]),
    xMax: Number(m[3]),
  }));
}

const ROSTER = `student_id,name\nu001,${PERSIAN_NAME}\ns002,Zoë Müller\n40123,سارا احمدی\n`;

for (const locale of ['en', 'ro'] as const) {
  describe.skipIf(!HAS_POPPLER)(`--locale ${locale}: sheets and keys of students named ${PERSIAN_NAME} and Zoë Müller`, () => {
    let out: string;
    beforeAll(() => {
      out = tempDir();
      writeFileSync(join(out, 'roster.csv'), ROSTER);
      sigmax(['generate', '--locale', locale, '--roster', join(out, 'roster.csv'), '--format', 'pdf,md', '--out', out, '--workers', '1']);
    });

    it('reads back the Persian name whole, in logical order, with its id after it, on every page header and in the text', () => {
      for (const [id, name] of [['u001', PERSIAN_NAME], ['40123', 'سارا احمدی']] as const) {
        for (const kind of ['problems', 'keys']) {
          const file = join(out, kind, `${id}.pdf`);
          const text = pdfText(file);
          expect(text, file).not.toContain(reversed(name));
          const pages = text.split('\f').filter((page) => page.trim() !== '');
          for (const page of pages) expect(page, file).toMatch(new RegExp(`${name}[ (]*${id}\\)`));
          // The header of each page and the line "Problem sheet for …" / "Key for …".
          expect(text.match(new RegExp(`${name}[ (]*${id}\\)`, 'g'))!.length, file).toBeGreaterThan(pages.length);
          expect(pdfFonts(file), file).toContain('Vazirmatn');
        }
      }
      const classKey = pdfText(join(out, 'key.pdf'));
      expect(classKey).toMatch(new RegExp(`${PERSIAN_NAME}[ (]*u001\\)`));
      expect(classKey).toContain('Zoë Müller (s002)');
    });

    it('draws the id to the right of the name in the header, the name in Vazirmatn', () => {
      for (const [id, name] of [['u001', PERSIAN_NAME], ['40123', 'سارا احمدی']] as const) {
        const words = firstPageWords(join(out, 'problems', `${id}.pdf`)).filter((w) => w.yMin < 48);
        const nameWords = words.filter((w) => /\p{Script=Arabic}/u.test(w.text));
        // pdftotext -bbox gives a right-to-left word's letters as drawn: right to left, i.e. reversed.
        expect(nameWords.map((w) => reversed(w.text)).reverse().join(' ')).toBe(name);
        const idWord = words.find((w) => w.text === `(${id})`)!;
        expect(idWord.xMin).toBeGreaterThan(Math.max(...nameWords.map((w) => w.xMax)));
      }
    });

    it('reads back Zoë Müller whole, with her id after her name, and embeds no Persian face for her', () => {
      for (const kind of ['problems', 'keys']) {
        const file = join(out, kind, 's002.pdf');
        const text = pdfText(file);
        const pages = text.split('\f').filter((page) => page.trim() !== '');
        for (const page of pages) expect(page, file).toContain('Zoë Müller (s002)');
        expect(pdfFonts(file), file).not.toContain('Vazirmatn');
      }
    });

    it('isolates the Persian name in the Markdown (first-strong isolate), the Latin one not; the front matter as typed', () => {
      const sheet = readFileSync(join(out, 'problems', 'u001.md'), 'utf8');
      expect(sheet).toContain(`**${FSI}${PERSIAN_NAME}${PDI} (u001)**`);
      expect(sheet).toContain(`\nname: "${PERSIAN_NAME}"\n`);
      expect(readFileSync(join(out, 'keys', '40123.md'), 'utf8')).toContain(`**${FSI}سارا احمدی${PDI} (40123)**`);
      expect(readFileSync(join(out, 'key.md'), 'utf8')).toContain(`## ${FSI}${PERSIAN_NAME}${PDI} (u001) · `);
      const latin = readFileSync(join(out, 'problems', 's002.md'), 'utf8');
      expect(latin).toContain('**Zoë Müller (s002)**');
      expect(latin).not.toMatch(/[\u2066-\u2069]/);
    });
  });
}

describe.skipIf(!HAS_POPPLER)('--locale fa: a Persian sheet for Ștefan Popescu', () => {
  let out: string;
  beforeAll(() => {
    out = tempDir();
    writeFileSync(join(out, 'roster.csv'), 'student_id,name\ns003,Ștefan Popescu\ns004,S\u0326tefan Popescu\n');
    sigmax(['generate', '--locale', 'fa', '--roster', join(out, 'roster.csv'), '--format', 'pdf,md', '--out', out, '--workers', '1']);
  });

  it('draws the Latin name left to right with its diacritics, the id after it, in the header and the first line', () => {
    // A comma below typed as a combining mark (s004) is placed under its S; pdftotext then reads "Ș tefan"
    // (as it does on an English page): the drawn order is what is checked.
    for (const [id, read] of [['s003', 'Ștefan Popescu'], ['s004', 'Ș tefan Popescu']] as const) {
      const file = join(out, 'problems', `${id}.pdf`);
      const words = firstPageWords(file);
      const lines = [...new Set(words.filter((w) => w.text === `(${id})`).map((w) => w.yMin))];
      expect(lines.length, file).toBe(2);
      for (const y of lines) {
        const line = words.filter((w) => Math.abs(w.yMin - y) < 3).sort((a, b) => a.xMin - b.xMin);
        expect(line.map((w) => w.text).join(' ').normalize('NFC'), file).toContain(`${read} (${id})`);
      }
      expect(pdfText(file).normalize('NFC'), file).toContain(`${read} (${id})`);
    }
  });
});
