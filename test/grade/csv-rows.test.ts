import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { type Options, parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { type CsvRow, forEachCsvRow, readHeaderLine } from '../../src/grade/csv-rows.js';
import type { CsvDelimiter } from '../../src/io/csv-delimiter.js';
import { tempDir } from './fixtures.js';

/** What csv-parse alone, reading the whole file with the grader's options, makes of it. */
function reference(bytes: Buffer, delimiter: CsvDelimiter = ',') {
  const broken: { message: string; line: number }[] = [];
  const records = parse(bytes, {
    bom: true,
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_records_with_error: true,
    record_delimiter: ['\r\n', '\n', '\r'],
    info: true,
    on_skip: (error: Error & { lines?: number }) => {
      broken.push({ message: error.message, line: error.lines ?? 0 });
    },
  } as Options) as unknown as { record: string[]; info: { lines: number } }[];
  return { rows: records.map(({ record, info }) => ({ cells: record, line: info.lines })), broken };
}

async function read(bytes: Buffer, delimiter: CsvDelimiter = ',') {
  const file = join(tempDir(), 'in.csv');
  writeFileSync(file, bytes);
  const got: CsvRow[] = [];
  await forEachCsvRow(file, delimiter, (row) => got.push(row));
  return {
    rows: got.flatMap((r) => (r.kind === 'row' ? [{ cells: r.cells, line: r.line }] : [])),
    broken: got.flatMap((r) => (r.kind === 'broken' ? [{ message: r.message, line: r.line }] : [])),
  };
}

const piece = fc.oneof(
  fc.constantFrom('s1', 'q1', 'z[1]', '0.8', '۰٫۳', '=1+1', ' ', '\t', '\uFEFF', '\u0000', '−'),
  fc.constantFrom(',', ',', ';', '"', '""', '\n', '\n', '\r\n', '\r'),
  fc.string({ maxLength: 4 }),
);
const body = fc.array(piece, { maxLength: 60 }).map((pieces) => pieces.join(''));
// Plain lines before the junk, so that the first quote falls anywhere, chunk boundaries included.
const filler = fc.nat({ max: 70_000 }).map((n) => 's1,q1,z[1],0.18\n'.repeat(Math.floor(n / 16)));

describe('forEachCsvRow', () => {
  it('reads what csv-parse reads: the same cells, lines and messages, for any text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('', '\uFEFF'), filler, body, async (bom, plain, junk) => {
        const bytes = Buffer.from(bom + plain + junk, 'utf8');
        expect(await read(bytes)).toEqual(reference(bytes));
      }),
      { numRuns: 60 },
    );
  });

  it('reads what csv-parse reads with ";" as the delimiter, decimal commas and all', async () => {
    const semicolonFiller = fc.nat({ max: 70_000 }).map((n) => 's1;q1;z[1];0,18\n'.repeat(Math.floor(n / 16)));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('', '\uFEFF'), semicolonFiller, body, async (bom, plain, junk) => {
        const bytes = Buffer.from(bom + plain + junk, 'utf8');
        expect(await read(bytes, ';')).toEqual(reference(bytes, ';'));
      }),
      { numRuns: 40 },
    );
    const got = await read(Buffer.from('student;problem;part;answer\ns1;q1;z;0,34\ns1;q1;"y;hat";"1,5"\n'), ';');
    expect(got.rows.map((r) => r.cells)).toEqual([
      ['student', 'problem', 'part', 'answer'],
      ['s1', 'q1', 'z', '0,34'],
      ['s1', 'q1', 'y;hat', '1,5'],
    ]);
  });

  it('reads the header line alone: the first that is not empty, BOM aside, however long', () => {
    const file = join(tempDir(), 'h.csv');
    const header = `student,${Array.from({ length: 20_000 }, (_, i) => `q1.c${i}`).join(',')}`;
    writeFileSync(file, `\uFEFF\r\n\n${header}\r\ns1,1\n`);
    expect(readHeaderLine(file)).toEqual({ text: header, line: 3 });
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('student;answer\r\n', 'utf16le')]));
    expect(readHeaderLine(file)).toEqual({ text: 'student;answer', line: 1 });
    writeFileSync(file, '\n\n');
    expect(readHeaderLine(file)).toBeUndefined();
  });

  it('reads a file that starts with a UTF-16 BOM as csv-parse does (as UTF-16)', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('student,answer\r\ns1,"0,5"\r\n', 'utf16le')]);
    const got = await read(bytes);
    expect(got).toEqual(reference(bytes));
    expect(got.rows[1]!.cells).toEqual(['s1', '0,5']);
  });

  it('numbers lines after a quote from the start of the file, in rows and in messages', async () => {
    const bytes = Buffer.from('a,b\r\nc,d\n\n"e\nf",g\n"h\n', 'utf8');
    const got = await read(bytes);
    expect(got.rows.map((r) => r.line)).toEqual([1, 2, 3, 5]);
    expect(got.broken).toHaveLength(1);
    expect(got.broken[0]!.message).toContain('at line 6');
    expect(got).toEqual(reference(bytes));
  });
});
