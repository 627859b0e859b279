import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { type Options, Parser } from 'csv-parse';
import { type CsvDelimiter, headerLineOf } from '../io/csv-delimiter.js';

/** A record of a submissions CSV with the line it ends on, or one csv-parse could not read. */
export type CsvRow = { kind: 'row'; cells: string[]; line: number } | { kind: 'broken'; message: string; line: number };

/** Read size: large enough that the per-chunk work is noise, small enough to stay in the young generation. */
const CHUNK = 1 << 16;

const UTF16LE_BOM = [0xff, 0xfe];

/**
 * Streams the records of a CSV file, in order, as csv-parse reads them (BOM,
 * CRLF, LF or CR alone, quoted cells, any number of columns), split on
 * `delimiter`. Why not csv-parse alone: it costs about a microsecond per row,
 * as much as grading the row. A line without a quote is split on its
 * delimiters here, which is what csv-parse makes of it; from the first line
 * with a quote on, csv-parse reads the rest of the file, counting lines from
 * where this left off, so quoted cells, broken quotes and their messages are
 * its own.
 */
export async function forEachCsvRow(file: string, delimiter: CsvDelimiter, onRow: (row: CsvRow) => void): Promise<void> {
  const input = createReadStream(file, { highWaterMark: CHUNK });
  const chunks = input[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  try {
    const first = await chunks.next();
    if (first.done) return;
    // csv-parse decodes a file that starts with a UTF-16 BOM as UTF-16: all of it is left to it.
    if (UTF16LE_BOM.every((byte, i) => first.value[i] === byte)) {
      return await parseRest(rawChunks(first.value, chunks), 0, { bom: true, delimiter }, onRow);
    }
    const decoder = new StringDecoder('utf8');
    let text = decoder.write(first.value);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // the UTF-8 BOM, as csv-parse's `bom: true`
    let lines = 0;
    for (;;) {
      const split = splitPlainLines(text, lines, delimiter, onRow);
      lines = split.lines;
      if (split.quoted) {
        return await parseRest(decodedChunks(text.slice(split.next), chunks, decoder), lines, { bom: false, delimiter }, onRow);
      }
      const rest = text.slice(split.next);
      const next = await chunks.next();
      if (next.done) {
        text = rest + decoder.end();
        break;
      }
      text = rest + decoder.write(next.value);
    }
    if (text === '') return;
    // The last line, with no line break after it (a lone CR at the very end is one).
    const last = splitPlainLines(`${text}\n`, lines, delimiter, onRow);
    if (last.quoted) await parseRest(decodedChunks(text.slice(last.next), chunks, decoder), last.lines, { bom: false, delimiter }, onRow);
  } finally {
    input.destroy();
  }
}

/**
 * Hands each complete line of `text` with no quote in it to onRow, split on the delimiter; stops at
 * the first line with a quote. A CR at the very end may be half of a CRLF: left for the next chunk.
 */
function splitPlainLines(
  text: string,
  linesBefore: number,
  delimiter: CsvDelimiter,
  onRow: (row: CsvRow) => void,
): { next: number; lines: number; quoted: boolean } {
  let start = 0;
  let lines = linesBefore;
  // Where the next CR and LF are; looked for again only once passed (a search that finds none scans to the end).
  let cr = text.indexOf('\r');
  let lf = text.indexOf('\n');
  for (;;) {
    if (cr !== -1 && cr < start) cr = text.indexOf('\r', start);
    if (lf !== -1 && lf < start) lf = text.indexOf('\n', start);
    let end: number;
    let after: number;
    if (cr !== -1 && (lf === -1 || cr < lf)) {
      if (cr === text.length - 1) break;
      end = cr;
      after = text.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1;
    } else if (lf !== -1) {
      end = lf;
      after = lf + 1;
    } else break;
    const line = text.slice(start, end);
    if (line.includes('"')) return { next: start, lines, quoted: true };
    lines++;
    onRow({ kind: 'row', cells: line.split(delimiter), line: lines });
    start = after;
  }
  return { next: start, lines, quoted: false };
}

/**
 * csv-parse reads the rest, its line count starting after the `linesBefore`
 * lines already read: it is given that many empty lines first and told to
 * start at the line after them (its public `from_line`), so its line numbers,
 * in rows and in its messages, are the file's.
 */
async function parseRest(
  rest: AsyncIterable<string | Buffer>,
  linesBefore: number,
  options: { bom: boolean; delimiter: CsvDelimiter },
  onRow: (row: CsvRow) => void,
): Promise<void> {
  const parser = lineTaggingParser({ ...options, fromLine: linesBefore + 1 });
  // pipe() does not pass a read error on; the loop below must see it (ENOENT, EISDIR).
  const source = Readable.from(emptyLinesThen(linesBefore, rest), { objectMode: false }).on('error', (error) => parser.destroy(error));
  for await (const row of source.pipe(parser) as AsyncIterable<CsvRow>) onRow(row);
}

/** `count` line breaks, in pieces of 64 K, then the rest. */
async function* emptyLinesThen(count: number, rest: AsyncIterable<string | Buffer>): AsyncGenerator<string | Buffer> {
  for (let left = count; left > 0; left -= CHUNK) yield '\n'.repeat(Math.min(left, CHUNK));
  yield* rest;
}

async function* rawChunks(first: Buffer, chunks: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  yield first;
  for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
}

async function* decodedChunks(text: string, chunks: AsyncIterator<Buffer>, decoder: StringDecoder): AsyncGenerator<string> {
  if (text !== '') yield text;
  for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield decoder.write(next.value);
  const tail = decoder.end();
  if (tail !== '') yield tail;
}

/**
 * csv-parse's stream parser, each record tagged with the line it ends on
 * (through its `on_record`), and records it cannot read (an unclosed quote)
 * passed on in order rather than thrown: one bad row must not stop a class's grading.
 */
function lineTaggingParser(options: { bom: boolean; delimiter: CsvDelimiter; fromLine: number }): Parser {
  const parsing: Options<CsvRow, string[]> = {
    bom: options.bom,
    delimiter: options.delimiter,
    from_line: options.fromLine,
    relax_column_count: true,
    relax_quotes: true,
    skip_records_with_error: true,
    record_delimiter: ['\r\n', '\n', '\r'],
    on_record: (cells, context) => ({ kind: 'row', cells, line: context.lines }),
    on_skip: (error) => {
      const line = typeof error?.lines === 'number' ? error.lines : 0;
      parser.push({ kind: 'broken', message: error?.message ?? 'unreadable record', line } satisfies CsvRow);
    },
  };
  // The stream Parser's constructor is typed for records of cells only, not for what on_record makes of them.
  const parser = new Parser(parsing as unknown as Options);
  return parser;
}

/**
 * The header of a CSV file: its first line that is not empty, and the
 * line's number, read before the rows so the delimiter can be told from it
 * (undefined for a file with no such line). UTF-8 with or without a BOM, or
 * UTF-16 with its BOM, as forEachCsvRow reads them.
 */
export function readHeaderLine(file: string): { text: string; line: number } | undefined {
  const fd = openSync(file, 'r');
  try {
    const pieces: Buffer[] = [];
    for (let read = 0; read < MAX_HEADER_BYTES; ) {
      const piece = Buffer.alloc(CHUNK);
      const size = readSync(fd, piece, 0, CHUNK, null);
      if (size === 0) break;
      pieces.push(piece.subarray(0, size));
      read += size;
      if (COMPLETE_HEADER.test(decodeStart(Buffer.concat(pieces)))) break;
    }
    return headerLineOf(decodeStart(Buffer.concat(pieces)));
  } finally {
    closeSync(fd);
  }
}

/** A header line is whole once a line break follows it. */
const COMPLETE_HEADER = /^[\r\n]*[^\r\n]+[\r\n]/;
/** More than any header: a file without a line break this far in is read no further for one. */
const MAX_HEADER_BYTES = 1 << 24;

/** The text at the start of a file, without its BOM. */
const decodeStart = (bytes: Buffer) =>
  UTF16LE_BOM.every((byte, i) => bytes[i] === byte)
    ? bytes.subarray(2).toString('utf16le')
    : bytes.toString('utf8').replace(/^\uFEFF/, '');
