import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { partIdsOf, answerAt } from '../../src/families/solution.js';
import { displayNumber, plainNumber } from '../../src/render/display-number.js';
import { sheetIdOf } from '../../src/render/sheet-context.js';
import type { GivenValue } from '../../src/families/types.js';
import { HAS_POPPLER, pdfPages, pdfWords } from './pdf-tools.js';
import { readVariants, sigmax, tempDir } from './run-sigmax.js';

const flat = (value: GivenValue): string[] => (typeof value === 'string' ? [value] : value.flatMap(flat));
/** Space-free text, so a number split over runs or lines still matches. */
const squeeze = (text: string) => text.replace(/\s+/g, '');

describe.skipIf(!HAS_POPPLER)('PDF sheets and keys (default bank, 3 students)', () => {
  let out: string;
  beforeAll(() => {
    out = tempDir();
    sigmax(['generate', '--count', '3', '--format', 'pdf,json', '--out', out, '--workers', '2']);
  });

  it('writes a sheet and a key per student and the class key', () => {
    expect(readdirSync(join(out, 'problems')).sort()).toEqual(['s001.pdf', 's002.pdf', 's003.pdf']);
    expect(readdirSync(join(out, 'keys')).sort()).toEqual(['s001.pdf', 's002.pdf', 's003.pdf']);
    expect(readFileSync(join(out, 'key.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it("prints every given on the student's sheet, exactly as drawn", () => {
    for (const student of ['s001', 's003']) {
      const text = squeeze(pdfPages(join(out, 'problems', `${student}.pdf`)).join('\n'));
      for (const record of readVariants(out).filter((r) => r.student === student)) {
        // Numbers as drawn; words such as the mode ("minibatch") are said in prose.
        for (const value of Object.values(record.given).flatMap(flat).filter((v) => /^-?[\d.]+$/.test(v))) {
          expect(text, `${record.problem}: ${value}`).toContain(value);
        }
      }
    }
  });

  it('lists every part id in the answer table of the sheet', () => {
    const text = pdfPages(join(out, 'problems', 's002.pdf')).join('\n');
    for (const record of readVariants(out).filter((r) => r.student === 's002')) {
      for (const id of partIdsOf(record.answers)) expect(text).toContain(id);
    }
  });

  it('ends the key with every answer, rounded to the significant figures asked', () => {
    const text = squeeze(pdfPages(join(out, 'keys', 's001.pdf')).join('\n'));
    for (const record of readVariants(out).filter((r) => r.student === 's001')) {
      for (const id of partIdsOf(record.answers)) {
        const shown = plainNumber(displayNumber(answerAt(record.answers, id)!, record.sigfigs)).replace(/\u2212/g, '-');
        expect(text, `${record.problem}.${id}`).toContain(squeeze(shown));
      }
    }
  });

  it('shows the worked steps with numbers substituted (forward pass, chain rule, softmax sum)', () => {
    const text = pdfPages(join(out, 'keys', 's001.pdf')).join('\n');
    const [step, , softmax] = readVariants(out).filter((r) => r.student === 's001');
    const z = displayNumber((step!.answers as { z: string }).z, 4);
    expect(text).toContain('\\hat y - y');
    expect(text).toMatch(/\\frac\{\\partial L\}\{\\partial \\hat y\}\\cdot\\frac\{\\partial \\hat y\}\{\\partial z\}/);
    expect(squeeze(text)).toContain(squeeze(`= ${z.negative ? '-' : ''}${z.digits}`));
    expect(text).toContain('\\sum_j e^{z_j}');
    expect(softmax!.family).toBe('softmax-ce-step');
  });

  it('carries the set title, the student, the sheet id and "page i of n" on every page', () => {
    const [record] = readVariants(out).filter((r) => r.student === 's002');
    const sheetId = sheetIdOf(readVariants(out).filter((r) => r.student === 's002'));
    for (const file of [join(out, 'problems', 's002.pdf'), join(out, 'keys', 's002.pdf')]) {
      const pages = pdfPages(file);
      expect(pages.length).toBeGreaterThan(0);
      pages.forEach((page, i) => {
        expect(page).toContain('Gradient descent on one neuron and a softmax layer');
        expect(page).toContain('s002');
        expect(page).toContain(`Sheet ${sheetId}`);
        expect(page).toContain(`page ${i + 1} of ${pages.length}`);
      });
    }
    expect(record!.set).toBe('demo-set');
  });

  it('keeps every word and formula inside the margins', () => {
    for (const file of [join(out, 'keys', 's001.pdf'), join(out, 'problems', 's001.pdf'), join(out, 'key.pdf')]) {
      const { words, pageWidth } = pdfWords(file);
      for (const word of words) {
        expect(word.xMin, `${file} p${word.page} "${word.text}"`).toBeGreaterThanOrEqual(55);
        expect(word.xMax, `${file} p${word.page} "${word.text}"`).toBeLessThanOrEqual(pageWidth - 55);
      }
    }
  });
});

describe('reproducible bytes', () => {
  it('gives identical PDFs from run to run and for 1 or 2 threads', () => {
    const [a, b] = [tempDir(), tempDir()];
    sigmax(['generate', '--count', '3', '--format', 'pdf', '--out', a, '--workers', '1']);
    sigmax(['generate', '--count', '3', '--format', 'pdf', '--out', b, '--workers', '2']);
    for (const file of ['key.pdf', 'problems/s001.pdf', 'problems/s003.pdf', 'keys/s002.pdf']) {
      expect(readFileSync(join(a, file)).equals(readFileSync(join(b, file))), file).toBe(true);
    }
  });

  it('takes the PDF date from SOURCE_DATE_EPOCH, never from the clock', () => {
    const out = tempDir();
    sigmax(['generate', '--format', 'pdf', '--out', out], { SOURCE_DATE_EPOCH: '1700000000' });
    const pdf = readFileSync(join(out, 'problems', 'demo.pdf'), 'latin1');
    expect(pdf.match(/\(D:20231114221320Z\)/g)?.length).toBe(2); // CreationDate and ModDate
    expect(pdf).not.toContain(`(D:${new Date().getUTCFullYear()}`);
  });
});

describe.skipIf(!HAS_POPPLER)('worked solution for numbers an instructor chose (sigmax solve)', () => {
  it("recomputes the notes' softmax example (seed 004) with correct probabilities", async () => {
    const { writeWorkedSolution } = await import('../../src/render/worked-solution.js');
    const { Solution } = await import('../../src/families/solution.js');
    const { softmaxCeStep } = await import('../../src/families/softmax-ce-step.js');
    const given = { x: ['1', '3', '0'], y: ['0', '1', '0'], W: [['0.1', '0.2', '-0.3'], ['-0.6', '-0.5', '2'], ['-0.2', '0.5', '-3']], b: ['0.1', '0.1', '0.1'], lr: '1' };
    const out = join(tempDir(), 'solution');
    const result = await writeWorkedSolution({ family: 'softmax-ce-step', given, answers: new Solution(softmaxCeStep.solve(given)).toJson() }, { formats: ['pdf', 'md'], outBase: out });
    expect(result.files).toEqual([`${out}.md`, `${out}.pdf`]);
    const text = squeeze(pdfPages(`${out}.pdf`).join('\n'));
    // z = (0.8, −2, 1.4) as in the notes; the notes' rounded ŷ (0.34, 0.21, 0.63) do not sum to 1, these do.
    for (const value of ['=0.8', '=-2', '=1.4', '0.3469', '0.02109', '0.6320', '3.859']) expect(text).toContain(value);
  });
});
