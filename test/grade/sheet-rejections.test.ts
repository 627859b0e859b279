// Bad submissions among filled sheets: each gets its own line in
// rejected.csv, saying what it is, and the good sheet beside them is graded.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from '@cantoo/pdf-lib';
import { parse } from 'csv-parse/sync';
import { zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/bank/errors.js';
import { gradeClass } from '../../src/grade/grade-class.js';
import { zipEntries } from '../../src/grade/sources/zip-entries.js';
import { readVariants } from '../render/run-sigmax.js';
import { sheetIdOf } from '../../src/variant/sheet-id.js';
import { tempDir } from './fixtures.js';
import { type GeneratedClass, fillWithPdfLib, generateClass, gradeSheets, zipOf } from './sheet-fixtures.js';

type Row = Record<string, string>;

/** A PDF form that is not a sigmax sheet: one text field, "name". */
async function someOtherForm(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage();
  doc.getForm().createTextField('name').addToPage(page, { x: 50, y: 700, width: 200, height: 20 });
  return doc.save();
}

async function flattened(sheet: Uint8Array): Promise<Uint8Array> {
  const doc = await PDFDocument.load(sheet, { updateMetadata: false });
  doc.getForm().flatten();
  return doc.save();
}

async function encrypted(sheet: Uint8Array): Promise<Uint8Array> {
  const doc = await PDFDocument.load(sheet, { updateMetadata: false });
  doc.encrypt({ userPassword: 'secret', ownerPassword: 'owner' });
  return doc.save();
}

describe('bad submissions among filled sheets', () => {
  let cls: GeneratedClass;
  let rejected: Row[];
  let graded: Awaited<ReturnType<typeof gradeSheets>>;
  const why = (source: string) => {
    const row = rejected.find((r) => r.source === source);
    if (!row) throw new Error(`no rejected row for ${source}`);
    return row;
  };

  beforeAll(async () => {
    cls = generateClass();
    const otherSet = generateClass({ bank: 'problem-banks/default.yaml' });
    const otherSeed = generateClass({ args: ['--seed', 'another-term'] });
    const filled = await fillWithPdfLib(cls.sheet('s001'), cls.keys('s001'));
    const file = join(tempDir(), 'class.zip');
    writeFileSync(
      file,
      zipOf({
        'good/s001.pdf': filled,
        'bad/other-form.pdf': await someOtherForm(),
        'bad/scanned.pdf': generateClassPlainSheet(),
        'bad/flattened.pdf': await flattened(await fillWithPdfLib(cls.sheet('s002'), cls.keys('s002'))),
        'bad/other-set.pdf': await fillWithPdfLib(otherSet.sheet('s003'), { 'q1.z': '1' }),
        'bad/other-seed.pdf': otherSeed.sheet('s003'),
        'bad/cut-short.pdf': filled.subarray(0, Math.floor(filled.length / 2)),
        'bad/locked.pdf': await encrypted(cls.sheet('s004')),
        'bad/report.docx': zipSync({ 'word/document.xml': new TextEncoder().encode('<w:document/>') }),
        '../escape.pdf': filled,
        '/etc/absolute.pdf': filled,
        // 65 MB of zeros: a few kilobytes packed.
        'bad/bomb.pdf': new Uint8Array(65 * 1024 ** 2),
      }),
    );
    graded = await gradeSheets(cls.variants, file);
    rejected = parse(graded.read('rejected.csv'), { columns: true, bom: true }) as Row[];
  });

  /** A sheet printed without fields, as a scan of a printed sheet has none. */
  function generateClassPlainSheet(): Uint8Array {
    return generateClass({ args: ['--no-fields'] }).sheet('s001');
  }

  it('grades the good sheet and rejects every other file, each on its own line', () => {
    expect(graded.summary).toMatchObject({ rowsRead: 12, rowsGraded: 1, rowsRejected: 11 });
    const grades = parse(graded.read('grades.csv'), { columns: true, bom: true }) as Row[];
    expect(grades.find((r) => r.student === 's001')!.total).toBe('22');
    expect(rejected.map((r) => r.source)).toEqual([
      '../escape.pdf',
      '/etc/absolute.pdf',
      'bad/bomb.pdf',
      'bad/cut-short.pdf',
      'bad/flattened.pdf',
      'bad/locked.pdf',
      'bad/other-form.pdf',
      'bad/other-seed.pdf',
      'bad/other-set.pdf',
      'bad/report.docx',
      'bad/scanned.pdf',
    ]);
  });

  it('rejects a PDF form that is not a sigmax sheet', () => {
    expect(why('bad/other-form.pdf').reason).toBe('not a sigmax sheet: a PDF form with no sheet id and none of the answer boxes of these variants');
  });

  it('rejects a printed and scanned sheet: no form fields', () => {
    expect(why('bad/scanned.pdf').reason).toBe('no form fields: printed and scanned? Hand in the sheet PDF you typed into');
  });

  it('rejects a flattened sheet, naming whose it is', () => {
    const sheetId = sheetIdOf(readVariants(cls.dir).filter((r) => r.student === 's002'));
    expect(why('bad/flattened.pdf')).toMatchObject({
      student: 's002',
      reason: `no form fields: printed and scanned? The sheet of s002 (${sheetId}) has no answer boxes left; hand in the PDF you typed into`,
    });
  });

  it('rejects a sheet of another set', () => {
    expect(why('bad/other-set.pdf')).toMatchObject({ student: 's003', reason: `a sheet of set "demo-set", not of "week1-sigmoid" (${cls.variants})` });
  });

  it('rejects a sheet printed by another generate run (another seed): its sheet id is not the variants’', () => {
    expect(why('bad/other-seed.pdf').reason).toMatch(/^sheet [0-9A-F]{4}-[0-9A-F]{4} is not s003's sheet [0-9A-F]{4}-[0-9A-F]{4} in .*: printed by another generate run \(another seed or bank\)\?$/);
  });

  it('rejects a damaged PDF (cut short in the upload)', () => {
    expect(why('bad/cut-short.pdf').reason).toMatch(/^damaged PDF, not readable \(.+\): cut short in the upload\?$/);
  });

  it('rejects an encrypted PDF', () => {
    expect(why('bad/locked.pdf').reason).toBe('encrypted PDF (it needs a password to open): hand in the sheet as saved, without a password');
  });

  it('rejects a file that is not a PDF', () => {
    expect(why('bad/report.docx').reason).toBe('not a PDF (a zip, or a Word or other Office document); expected the filled sheet');
  });

  it('does not read a zip entry whose name leaves its folder', () => {
    expect(why('../escape.pdf').reason).toBe("not read: its name leaves the zip's folder (invalid relative path: ../escape.pdf)");
    expect(why('/etc/absolute.pdf').reason).toBe("not read: its name leaves the zip's folder (absolute path: /etc/absolute.pdf)");
  });

  it('does not unpack an entry larger than a sheet can be (a zip bomb)', () => {
    expect(why('bad/bomb.pdf').reason).toBe("not read: 65 MB unpacked, more than a sheet's 64 MB (a zip bomb?)");
  });
});

describe('zip entries and their limits', () => {
  const zipFile = (bytes: Uint8Array) => {
    const file = join(tempDir(), 'x.zip');
    writeFileSync(file, bytes);
    return file;
  };
  const read = async (file: string, limits: { perFile: number; total: number }) => {
    const out: { source: string; size?: number; refused?: string }[] = [];
    for await (const entry of zipEntries(file, limits)) {
      out.push({ source: entry.source, ...(entry.bytes ? { size: entry.bytes.length } : { refused: entry.refused! }) });
    }
    return out;
  };

  it('stops unpacking once the zip passes its total, and reads the entries before', async () => {
    const file = zipFile(zipOf({ 'a.pdf': new Uint8Array(1000), 'b.pdf': new Uint8Array(1000), 'c.pdf': new Uint8Array(1000), 'd.pdf': new Uint8Array(10) }));
    expect(await read(file, { perFile: 1500, total: 2500 })).toEqual([
      { source: 'a.pdf', size: 1000 },
      { source: 'b.pdf', size: 1000 },
      { source: 'c.pdf', refused: 'not read: the zip unpacks to more than 2.4 KB in all (a zip bomb?)' },
      { source: 'd.pdf', size: 10 },
    ]);
  });

  it('refuses an entry that unpacks to more bytes than its header says, and goes on', async () => {
    const bytes = zipOf({ 'liar.pdf': new Uint8Array(5000), 'next.pdf': new Uint8Array(10) });
    // The first entry's uncompressed size, in its local header (offset 22) and the central directory (offset 24), made 100.
    const view = new DataView(bytes.buffer);
    view.setUint32(22, 100, true);
    for (let at = 0; at + 4 <= bytes.length; at++) {
      if (view.getUint32(at, true) === 0x02014b50) {
        view.setUint32(at + 24, 100, true);
        break;
      }
    }
    const entries = await read(zipFile(bytes), { perFile: 1 << 20, total: 1 << 30 });
    expect(entries[0]).toMatchObject({ source: 'liar.pdf', refused: "not read: damaged in the zip (5000 bytes unpacked where its header says 100)" });
    expect(entries[1]).toEqual({ source: 'next.pdf', size: 10 });
  });

  it('stops inflating a lying entry at the limit (a zip bomb with a small header)', async () => {
    const bytes = zipOf({ 'bomb.pdf': new Uint8Array(50_000) });
    const view = new DataView(bytes.buffer);
    view.setUint32(22, 10, true);
    for (let at = 0; at + 4 <= bytes.length; at++) if (view.getUint32(at, true) === 0x02014b50) view.setUint32(at + 24, 10, true);
    expect(await read(zipFile(bytes), { perFile: 1000, total: 1 << 30 })).toEqual([
      { source: 'bomb.pdf', refused: "not read: more than 1001 B unpacked, more than a sheet's 1000 B (a zip bomb?)" },
    ]);
  });

  it('reads stored (not deflated) entries, as Python and some LMSs write them', async () => {
    const bytes = zipSync({ 'stored.pdf': [new Uint8Array(300).fill(7), { level: 0 }], 'packed.pdf': new Uint8Array(300) });
    expect(await read(zipFile(bytes), { perFile: 1000, total: 1 << 30 })).toEqual([
      { source: 'packed.pdf', size: 300 },
      { source: 'stored.pdf', size: 300 },
    ]);
  });

  it('skips what an operating system adds, and folders', async () => {
    const file = zipFile(zipOf({ '__MACOSX/._a.pdf': new Uint8Array(3), 'x/.DS_Store': new Uint8Array(3), 'x/a.pdf': new Uint8Array(3) }));
    expect(await read(file, { perFile: 100, total: 1000 })).toEqual([{ source: 'x/a.pdf', size: 3 }]);
  });

  it('says a file named .zip that is no zip is a bad input (exit 1), naming it', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'subs.zip'), 'not a zip at all');
    const cls = generateClass();
    await expect(gradeClass({ variants: cls.variants, submissions: join(dir, 'subs.zip'), out: join(dir, 'out') })).rejects.toThrow(InputError);
    await expect(gradeClass({ variants: cls.variants, submissions: join(dir, 'subs.zip'), out: join(dir, 'out') })).rejects.toThrow(
      `${join(dir, 'subs.zip')}: not a readable zip`,
    );
  });
});
