// The students' report counts, one JSON line each, repeat the same part ids
// student after student: gzip makes them a twentieth of their size. The merge
// reads them back a line at a time, so a class of any size is never all in memory.
import { createReadStream, statSync } from 'node:fs';
import { createGunzip, gzipSync } from 'node:zlib';
import { InputError } from '../bank/errors.js';
import { BufferedFile } from '../grade/output-folder.js';

/**
 * A gzipped file of lines written as they come, atomically on commit(): a megabyte of
 * text at a time, each one gzip member (gunzip reads members one after another).
 */
export const gzipLinesFile = (path: string): BufferedFile => new BufferedFile(path, { chunk: 1 << 20, encode: (text) => gzipSync(text) });

/** The lines of a gzipped JSON-lines file, parsed, with their numbers. */
export async function* gunzipJsonLines(file: string): AsyncGenerator<{ line: number; value: unknown }> {
  let line = 0;
  let rest = '';
  const parse = (text: string) => {
    line++;
    try {
      return { line, value: JSON.parse(text) as unknown };
    } catch {
      throw InputError.at({ file, line }, `not valid JSON: ${text.slice(0, 80)}`);
    }
  };
  try {
    // A shard with no students wrote no gzip member at all: no lines.
    if (statSync(file).size === 0) return;
    const stream = createReadStream(file).pipe(createGunzip());
    stream.setEncoding('utf8');
    for await (const chunk of stream) {
      const pieces = (rest + (chunk as string)).split('\n');
      rest = pieces.pop()!;
      for (const piece of pieces) yield parse(piece);
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw InputError.at({ file }, `cannot be read as gzip: ${(error as Error).message}`);
  }
  if (rest !== '') yield parse(rest);
}
