import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerAt, partIdsOf } from '../../src/families/solution.js';
import { displayNumber, plainNumber } from '../../src/render/display-number.js';
import { HAS_POPPLER, pdfPages } from './pdf-tools.js';
import { readVariants, sigmax, tempDir } from './run-sigmax.js';

/** Space-free text, so a number split over runs or lines still matches. */
const squeeze = (text: string) => text.replace(/\s+/g, '');

describe('--locale ro: Romanian sheets and keys', () => {
  let out: string;
  beforeAll(() => {
    out = tempDir();
    sigmax(['generate', '--locale', 'ro', '--format', 'pdf,json,md', '--out', out, '--workers', '1']);
  });

  it('writes the sheet, the key and the class key as Markdown in Romanian (snapshot)', async () => {
    const sheet = readFileSync(join(out, 'problems', 'demo.md'), 'utf8');
    expect(sheet.startsWith('---\ntitle: "Gradient descent on one neuron and a softmax layer: Fișă de probleme"\n')).toBe(true);
    expect(sheet).not.toContain('dir: ');
    expect(sheet).toContain('**Instrucțiuni.**');
    expect(sheet).toContain('funcția de cost entropie încrucișată');
    expect(sheet).toContain('rata de învățare $\\eta');
    expect(sheet).not.toMatch(/within \d|Problem sheet|\*\*Compute\*\*/);
    await expect(sheet).toMatchFileSnapshot('__snapshots__/ro-sheet.md');
    await expect(readFileSync(join(out, 'keys', 'demo.md'), 'utf8')).toMatchFileSnapshot('__snapshots__/ro-key.md');
    await expect(readFileSync(join(out, 'key.md'), 'utf8')).toMatchFileSnapshot('__snapshots__/ro-class-key.md');
  });

  it.skipIf(!HAS_POPPLER)('prints Romanian words, with their diacritics, on the PDF sheet and key', () => {
    // Words joined by one space: a phrase may break across lines.
    const sheet = pdfPages(join(out, 'problems', 'demo.pdf')).join('\n').replace(/\s+/g, ' ');
    for (const word of ['Fișă de probleme', 'Instrucțiuni', 'Calculați', 'rata de învățare', 'entropie încrucișată', 'Fișa ', 'virgula zecimală']) {
      expect(sheet, word).toContain(word);
    }
    const key = pdfPages(join(out, 'keys', 'demo.pdf')).join('\n');
    for (const word of ['Propagarea înainte', 'Regula lanțului', 'Gradienții', 'Actualizarea', 'Toate răspunsurile', 'Rezolvări complete']) {
      expect(key, word).toContain(word);
    }
    expect(key).not.toMatch(/Worked solutions|Forward pass|within \d/);
  });

  it.skipIf(!HAS_POPPLER)('names the class key in Romanian in its running header and footer, not "Instructor key"', () => {
    const pages = pdfPages(join(out, 'key.pdf'));
    for (const page of pages) expect(page.match(/Barem pentru profesor/g)?.length, page).toBeGreaterThanOrEqual(2);
    expect(pages.join('\n')).not.toContain('Instructor key');
  });

  it.skipIf(!HAS_POPPLER)("shows every answer of the student's key, rounded as the answer table prints it", () => {
    const text = squeeze(pdfPages(join(out, 'keys', 'demo.pdf')).join('\n'));
    const records = readVariants(out);
    expect(records.length).toBeGreaterThan(0);
    for (const record of records) {
      for (const id of partIdsOf(record.answers)) {
        const shown = plainNumber(displayNumber(answerAt(record.answers, id)!, record.sigfigs)).replace(/\u2212/g, '-');
        expect(text, `${record.problem}.${id}`).toContain(squeeze(shown));
      }
    }
  });
});
