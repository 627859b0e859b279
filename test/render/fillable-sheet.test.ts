// The fillable problem sheet as a reader sees it: a text field per part,
// named as its answer-sheet.csv column, in part order, right-aligned; the
// sheet's identity in read-only fields and the document information; and
// boxes poppler draws typed numbers in, Latin or Persian.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRef, PDFString, PDFTextField } from '@cantoo/pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { IDENTITY_FIELD, IDENTITY_INFO_KEY } from '../../src/variant/sheet-form.js';
import { sheetIdOf } from '../../src/variant/sheet-id.js';
import { HAS_POPPLER } from './pdf-tools.js';
import { readVariants, sigmax, tempDir } from './run-sigmax.js';

const answerColumns = (out: string) => readFileSync(join(out, 'answer-sheet.csv'), 'utf8').replace(/^\uFEFF/, '').split('\n')[0]!.split(',').slice(1);

/** Every text field's full name, page by page in the order of the page's annotations (the order readers tab through). */
function fieldsInTabOrder(doc: PDFDocument): string[] {
  const nameOfWidget = new Map<string, string>();
  for (const field of doc.getForm().getFields()) {
    for (const widget of field.acroField.getWidgets()) nameOfWidget.set(doc.context.getObjectRef(widget.dict)!.toString(), field.getName());
  }
  return doc.getPages().flatMap((page) => {
    const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    return (annots?.asArray() ?? []).map((ref) => nameOfWidget.get((ref as PDFRef).toString())).filter((name) => name !== undefined);
  });
}

const textOf = (value: unknown) => (value instanceof PDFString ? value.decodeText() : String(value));

describe('fillable problem sheets (default bank: a step, a batch and a softmax problem)', () => {
  let out: string;
  let doc: PDFDocument;
  beforeAll(async () => {
    out = tempDir();
    sigmax(['generate', '--count', '2', '--format', 'pdf,json,md', '--out', out, '--workers', '1']);
    doc = await PDFDocument.load(readFileSync(join(out, 'problems', 's002.pdf')), { updateMetadata: false });
  });

  it('has a text field for every part, named exactly as its answer-sheet.csv column, in part order', () => {
    const answers = fieldsInTabOrder(doc).filter((name) => !name.startsWith('sigmax:'));
    expect(answers).toEqual(answerColumns(out));
    expect(answers).toContain('q2.steps[1].dw[2]');
    expect(answers).toContain('q3.dW[2][3]');
  });

  it('nests a dotted name as parent fields, as the PDF standard wants (no period in a partial name)', () => {
    const field = doc.getForm().getTextField('q2.steps[1].dw[2]');
    const partial = (dict: PDFDict) => textOf(dict.get(PDFName.of('T')));
    const leaf = field.acroField.dict;
    const steps = leaf.lookup(PDFName.of('Parent'), PDFDict);
    const problem = steps.lookup(PDFName.of('Parent'), PDFDict);
    expect([partial(problem), partial(steps), partial(leaf)]).toEqual(['q2', 'steps[1]', 'dw[2]']);
  });

  it('right-aligns every answer box and leaves it empty and editable', () => {
    for (const field of doc.getForm().getFields().filter((f) => !f.getName().startsWith('sigmax:'))) {
      expect(field).toBeInstanceOf(PDFTextField);
      const text = field as PDFTextField;
      expect(text.acroField.dict.get(PDFName.of('Q')), field.getName()).toEqual(PDFNumber.of(2));
      expect(text.getText() ?? '').toBe('');
      expect(text.isReadOnly()).toBe(false);
      expect(text.isMultiline()).toBe(false);
    }
  });

  it('carries the set, the student and the sheet id in read-only fields and in the document information', () => {
    const sheetId = sheetIdOf(readVariants(out).filter((r) => r.student === 's002'));
    const expected = { set: 'demo-set', student: 's002', sheet: sheetId };
    const form = doc.getForm();
    const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
    for (const key of ['set', 'student', 'sheet'] as const) {
      const field = form.getTextField(IDENTITY_FIELD[key]);
      expect(field.getText()).toBe(expected[key]);
      expect(field.isReadOnly()).toBe(true);
      expect(textOf(info.lookup(PDFName.of(IDENTITY_INFO_KEY[key])))).toBe(expected[key]);
    }
  });

  it('writes no boxes into the Markdown sheet: its answer cells stay empty', () => {
    const markdown = readFileSync(join(out, 'problems', 's002.md'), 'utf8');
    expect(markdown).not.toMatch(/[\uE010\uE011]/);
    expect(markdown).toContain('| `z` | $z$ | |');
    expect(markdown).toContain('Enter your answers in `answer-sheet.csv`');
  });

  it('gives keys no form', async () => {
    const key = await PDFDocument.load(readFileSync(join(out, 'keys', 's002.pdf')), { updateMetadata: false });
    expect(key.catalog.getAcroForm()).toBeUndefined();
  });
});

describe('--no-fields', () => {
  it('prints plain sheets for paper: no form, no identity in the document information', async () => {
    const out = tempDir();
    sigmax(['generate', '--count', '1', '--out', out, '--no-fields', '--workers', '1']);
    const bytes = readFileSync(join(out, 'problems', 's001.pdf'));
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(doc.catalog.getAcroForm()).toBeUndefined();
    expect(bytes.toString('latin1')).not.toContain('/SigmaxSheet');
    expect(readdirSync(join(out, 'problems'))).toEqual(['s001.pdf']);
  });
});

/** The darkest gray (0 black … 255 white) in a rectangle of a page rendered by poppler at 72 dpi. */
function darkest(pdf: string, page: number, box: { x: number; y: number; width: number; height: number }): number {
  const run = spawnSync(
    'pdftoppm',
    ['-gray', '-r', '72', '-f', String(page), '-l', String(page), '-x', String(Math.round(box.x)), '-y', String(Math.round(box.y)), '-W', String(Math.round(box.width)), '-H', String(Math.round(box.height)), pdf],
    { maxBuffer: 1 << 26 },
  );
  if (run.status !== 0) throw new Error(`pdftoppm: ${run.stderr}`);
  // A binary PGM: "P5 width height 255" then one byte per pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(run.stdout.subarray(0, 64).toString('latin1'))!;
  const pixels = run.stdout.subarray(header[0].length);
  return Math.min(...pixels);
}

describe.skipIf(!HAS_POPPLER)('what poppler (Evince, Okular, pdftoppm) draws in an answer box', () => {
  /** The box of a field in pdftoppm's pixels at 72 dpi (y down), inset so the cell's rules stay out. */
  async function boxOf(file: string, name: string): Promise<{ page: number; x: number; y: number; width: number; height: number }> {
    const doc = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
    const widget = doc.getForm().getTextField(name).acroField.getWidgets()[0]!;
    const rect = widget.getRectangle();
    const ref = doc.context.getObjectRef(widget.dict);
    const page = doc.getPages().findIndex((p) => p.node.Annots()?.asArray().includes(ref!)) + 1;
    const height = doc.getPage(page - 1).getHeight();
    return { page, x: rect.x + 2, y: height - rect.y - rect.height + 2, width: rect.width - 4, height: rect.height - 4 };
  }

  async function filled(sheet: string, name: string, value: string): Promise<string> {
    const doc = await PDFDocument.load(readFileSync(sheet), { updateMetadata: false });
    doc.getForm().getTextField(name).setText(value);
    // The reader draws it (NeedAppearances): pdf-lib's own Helvetica has no Persian digits.
    const file = join(tempDir(), 'filled.pdf');
    writeFileSync(file, await doc.save({ updateFieldAppearances: false }));
    return file;
  }

  for (const [locale, bank, value] of [
    ['en', 'problem-banks/week1-sigmoid-bce.yaml', '-1.234e-3'],
    ['fa', 'problem-banks/week1-sigmoid-bce.fa.yaml', '۰٫۱۲۳۴'],
  ] as const) {
    it(`leaves an empty box blank and draws a typed ${locale === 'fa' ? 'Persian' : 'Latin'} number (${locale} sheet)`, async () => {
      const out = tempDir();
      sigmax(['generate', '--bank', bank, '--count', '1', '--out', out, '--workers', '1']);
      const sheet = join(out, 'problems', 's001.pdf');
      const box = await boxOf(sheet, 'q1.z');
      expect(darkest(sheet, box.page, box)).toBeGreaterThan(200);
      expect(darkest(await filled(sheet, 'q1.z', value), box.page, box)).toBeLessThan(100);
    });
  }
});
