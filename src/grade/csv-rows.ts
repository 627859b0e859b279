import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { Parser } from 'csv-parse';

/** A record of a submissions CSV with the line it ends on, or one csv-parse could not read. */
export type CsvRow = { kind: 'row'; cells: string[]; line: number } | { kind: 'broken'; message: string; line: number };

/** Read size: large enough that the per-chunk work is noise, small enough to stay in the young generation. */
const CHUNK = 1 << 16;

const UTF16LE_BOM = [0xff, 0xfe];

/**
 * Streams the records of a CSV file, in order, as csv-parse reads them (BOM,
 * CRLF, LF or CR alone, quoted cells, any number of columns). Why not
 * csv-parse alone: it costs about a microsecond per row, as much as grading
 * the row. A line without a quote is split on its commas here, which is
 * what csv-parse makes of it; from the first line with a quote on,
 * csv-parse reads the rest of the file, counting lines from where this
 * left off, so quoted cells, broken quotes and their messages are its own.
 */
export async function forEachCsvRow(file: string, onRow: (row: CsvRow) => void): Promise<void> {
  const input = createReadStream(file, { highWaterMark: CHUNK });
  const chunks = input[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  try {
    const first = await chunks.next();
    if (first.done) return;
    // csv-parse decodes a file that starts with a UTF-16 BOM as UTF-16: all of it is left to it.
    if (UTF16LE_BOM.every((byte, i) => first.value[i] === byte)) {
      return await parseRest(rawChunks(first.value, chunks), 0, true, onRow);
    }
    const decoder = new StringDecoder('utf8');
    let text = decoder.write(first.value);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // the UTF-8 BOM, as csv-parse's `bom: true`
    let lines = 0;
    for (;;) {
      const split = splitPlainLines(text, lines, onRow);
      lines = split.lines;
      if (split.quoted) return await parseRest(decodedChunks(text.slice(split.next), chunks, decoder), lines, false, onRow);
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
    const last = splitPlainLines(`${text}\n`, lines, onRow);
    if (last.quoted) await parseRest(decodedChunks(text.slice(last.next), chunks, decoder), last.lines, false, onRow);
  } finally {
    input.destroy();
  }
}

/**
 * Hands each complete line of `text` with no quote in it to onRow, split on commas; stops at
 * the first line with a quote. A CR at the very end may be half of a CRLF: left for the next chunk.
 */
function splitPlainLines(
  text: string,
  linesBefore: number,
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
    onRow({ kind: 'row', cells: line.split(','), line: lines });
    start = after;
  }
  return { next: start, lines, quoted: false };
}

/** csv-parse reads the rest, its line count starting after the `linesBefore` lines already read. */
async function parseRest(
  rest: AsyncIterable<string | Buffer>,
  linesBefore: number,
  bom: boolean,
  onRow: (row: CsvRow) => void,
): Promise<void> {
  const parser = new LineTaggingParser(bom);
  // Its line numbers, in rows and in its messages, are the file's.
  (parser.info as { lines: number }).lines = linesBefore + 1;
  // pipe() does not pass a read error on; the loop below must see it (ENOENT, EISDIR).
  const source = Readable.from(rest, { objectMode: false }).on('error', (error) => parser.destroy(error));
  for await (const row of source.pipe(parser) as AsyncIterable<CsvRow>) onRow(row);
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
 * csv-parse's stream parser, each record tagged with the line it ends on,
 * and records it cannot read (an unclosed quote) passed on in order rather
 * than thrown: one bad row must not stop a class's grading.
 */
class LineTaggingParser extends Parser {
  constructor(bom: boolean) {
    let self: LineTaggingParser | undefined;
    super({
      bom,
      relax_column_count: true,
      relax_quotes: true,
      skip_records_with_error: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      on_skip: (error: Error & { lines?: number }) => {
        self!.push({ kind: 'broken', message: error.message, line: error.lines ?? 0 } satisfies CsvRow);
      },
    } as ConstructorParameters<typeof Parser>[0]);
    self = this;
  }

  override push(chunk: unknown, encoding?: BufferEncoding): boolean {
    const row = Array.isArray(chunk) ? ({ kind: 'row', cells: chunk as string[], line: this.info.lines } satisfies CsvRow) : chunk;
    return super.push(row, encoding);
  }
}
