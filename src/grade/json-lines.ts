import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { InputError } from '../bank/errors.js';

/** The non-blank lines of a JSON-lines file with their numbers; an unreadable file is an InputError. */
export async function* jsonLines(file: string): AsyncGenerator<{ line: number; text: string }> {
  let line = 0;
  try {
    for await (const raw of createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity })) {
      line++;
      const text = line === 1 ? raw.replace(/^\uFEFF/, '') : raw;
      if (text.trim() !== '') yield { line, text };
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code) throw InputError.at({ file }, `cannot read the file (${code})`);
    throw error;
  }
}
