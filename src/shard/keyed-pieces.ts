// A shard writes each file as the single run would, but with only its own
// rows (details.csv, variants.jsonl, …), and beside it an index that says
// where every chunk of that file goes in the whole class's file: its key (a
// roster position, or a line of the variants or submissions file) and its
// length in bytes. Joining the shards' files is then copying chunks in key
// order: rows with line breaks inside quotes, any text at all, are never parsed.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { InputError } from '../bank/errors.js';

/** One chunk of a piece: where it goes (`key`) and how long it is. */
export interface Chunk {
  key: number;
  bytes: number;
}

/** Records the chunks of one file as they are written, in order, keys rising. */
export class ChunkIndex {
  private readonly lines: string[] = [];
  private last = -Infinity;

  add(key: number, text: string): void {
    // A key out of order is our bug, not the user's input.
    if (!(key > this.last)) throw new Error(`chunk keys must rise: ${key} after ${this.last}`);
    this.last = key;
    this.lines.push(`${key} ${Buffer.byteLength(text, 'utf8')}\n`);
  }

  get count(): number {
    return this.lines.length;
  }

  /** The index file's text: `key bytes` per line. */
  text(): string {
    return this.lines.join('');
  }
}

/** Reads an index file back, checking that keys rise. */
export function readChunkIndex(file: string, text: string): Chunk[] {
  const chunks: Chunk[] = [];
  let last = -Infinity;
  text.split('\n').forEach((line, at) => {
    if (line === '') return;
    const match = /^(\d+) (\d+)$/.exec(line);
    const key = match ? Number(match[1]) : NaN;
    if (!match || !(key > last)) throw InputError.at({ file, line: at + 1 }, `expected "key bytes" with keys rising, got ${JSON.stringify(line.slice(0, 80))}`);
    last = key;
    chunks.push({ key, bytes: Number(match[2]) });
  });
  return chunks;
}

/** One shard's copy of a file: its path, its chunks, and a name for messages (`shard 2/3`). */
export interface Piece {
  path: string;
  chunks: readonly Chunk[];
  label: string;
}

/**
 * Writes the pieces joined: the head they share (a BOM and header row; the bytes
 * before the first chunk) once, then every chunk of every piece in key order.
 * Heads that differ, or a key found in two pieces, mean the pieces are not of one run.
 */
export function joinPieces(pieces: readonly Piece[], write: (bytes: Buffer) => void): void {
  const readers = pieces.map((piece) => {
    const size = statSync(piece.path).size;
    const body = piece.chunks.reduce((sum, chunk) => sum + chunk.bytes, 0);
    if (body > size) throw InputError.at({ file: piece.path }, `${piece.label}: the index names ${body} bytes, the file has ${size}`);
    const reader = new SequentialReader(piece.path);
    return { piece, reader, head: reader.read(size - body) };
  });
  try {
    const [first] = readers;
    if (!first) return;
    for (const other of readers.slice(1)) {
      if (!other.head.equals(first.head)) {
        throw InputError.at({ file: other.piece.path }, `${other.piece.label}: starts unlike ${first.piece.label} (${first.piece.path}): not the same kind of file`);
      }
    }
    write(first.head);
    const order = readers.flatMap((entry, at) => entry.piece.chunks.map((chunk) => ({ chunk, at })));
    order.sort((a, b) => a.chunk.key - b.chunk.key);
    const out = new BatchedWrite(write);
    order.forEach(({ chunk, at }, k) => {
      const previous = order[k - 1];
      if (previous && previous.chunk.key === chunk.key) {
        const [a, b] = [readers[previous.at]!.piece, readers[at]!.piece];
        throw InputError.at({ file: b.path }, `${b.label} and ${a.label} (${a.path}) both hold the piece at ${chunk.key}: shards of different runs`);
      }
      out.add(readers[at]!.reader.read(chunk.bytes));
    });
    out.flush();
  } finally {
    for (const { reader } of readers) reader.close();
  }
}

/** Reads a file front to back in pieces of any length, a megabyte from disk at a time. */
class SequentialReader {
  private readonly fd: number;
  private buffer = Buffer.alloc(0);
  private at = 0;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'r');
  }

  read(length: number): Buffer {
    const parts: Buffer[] = [];
    let wanted = length;
    while (wanted > 0) {
      if (this.at === this.buffer.length) this.fill();
      const take = Math.min(wanted, this.buffer.length - this.at);
      parts.push(this.buffer.subarray(this.at, this.at + take));
      this.at += take;
      wanted -= take;
    }
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  }

  close(): void {
    closeSync(this.fd);
  }

  private fill(): void {
    const buffer = Buffer.allocUnsafe(1 << 20);
    const read = readSync(this.fd, buffer);
    if (read === 0) throw InputError.at({ file: this.path }, 'ends before the last piece its index names');
    [this.buffer, this.at] = [buffer.subarray(0, read), 0];
  }
}

/** Small writes gathered into ~64 KB ones. */
class BatchedWrite {
  private parts: Buffer[] = [];
  private length = 0;

  constructor(private readonly write: (bytes: Buffer) => void) {}

  add(bytes: Buffer): void {
    this.parts.push(bytes);
    this.length += bytes.length;
    if (this.length >= 1 << 16) this.flush();
  }

  flush(): void {
    if (this.parts.length === 0) return;
    // Copied: the parts may be views of a reader's buffer that is reused.
    this.write(Buffer.concat(this.parts));
    [this.parts, this.length] = [[], 0];
  }
}
