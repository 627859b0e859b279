import { createReadStream } from 'node:fs';
import { InputError } from '../bank/errors.js';

/** Line breaks as readline knows them: LF, CRLF, or a CR alone. */
const BREAK = /\r?\n|\r(?!\n)/;

/**
 * The non-blank lines of a JSON-lines file with their numbers; an unreadable file is an InputError.
 * Split here from 64 KB chunks, each line handed on before the next chunk is read: readline's
 * iterator queues up to a thousand lines, which then outlive the young generation and make
 * old-generation garbage (hundreds of megabytes of peak memory in a large class).
 */
export async function* jsonLines(file: string): AsyncGenerator<{ line: number; text: string }> {
  let line = 0;
  let rest = '';
  const emit = function* (text: string) {
    line++;
    if (line === 1) text = text.replace(/^\uFEFF/, '');
    if (text.trim() !== '') yield { line, text };
  };
  try {
    for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 16 })) {
      let text = rest + (chunk as string);
      // A CR at the end of a chunk may be the first half of a CRLF: held until the next chunk.
      const held = text.endsWith('\r') ? '\r' : '';
      if (held) text = text.slice(0, -1);
      const pieces = text.split(BREAK);
      rest = pieces.pop()! + held;
      for (const piece of pieces) yield* emit(piece);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code) throw InputError.unreadable(file, error);
    throw error;
  }
  if (rest !== '') yield* emit(rest.endsWith('\r') ? rest.slice(0, -1) : rest);
}
