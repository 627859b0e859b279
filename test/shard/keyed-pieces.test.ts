import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/bank/errors.js';
import { ChunkIndex, type Piece, joinPieces, readChunkIndex } from '../../src/shard/keyed-pieces.js';
import { tempDir } from './shard-fixture.js';

/** A piece file written from chunks, as a shard writes one, and its index read back. */
function piece(dir: string, name: string, head: string, chunks: [number, string][]): Piece {
  const index = new ChunkIndex();
  for (const [key, text] of chunks) index.add(key, text);
  const path = join(dir, name);
  writeFileSync(path, head + chunks.map(([, text]) => text).join(''));
  return { path, chunks: readChunkIndex(`${path}.index`, index.text()), label: name };
}

const joined = (pieces: Piece[]) => {
  const parts: Buffer[] = [];
  joinPieces(pieces, (bytes) => parts.push(Buffer.from(bytes)));
  return Buffer.concat(parts).toString('utf8');
};

describe('joinPieces', () => {
  it('writes the shared head once, then the chunks in key order, line breaks and all', () => {
    const dir = tempDir();
    const head = '\uFEFFstudent,answer\n';
    const a = piece(dir, 'a.csv', head, [
      [2, 's2,"two\nlines"\n'],
      [9, 's9,ü\n'],
    ]);
    const b = piece(dir, 'b.csv', head, [[5, 's5,"a ""quote"""\n']]);
    const c = piece(dir, 'c.csv', head, []);
    expect(joined([a, b, c])).toBe(`${head}s2,"two\nlines"\ns5,"a ""quote"""\ns9,ü\n`);
  });

  it('refuses pieces whose heads differ or that hold the same key', () => {
    const dir = tempDir();
    const a = piece(dir, 'a.csv', 'x,y\n', [[1, '1,2\n']]);
    const b = piece(dir, 'b.csv', 'x,z\n', [[2, '3,4\n']]);
    expect(() => joined([a, b])).toThrow(/b\.csv: starts unlike a\.csv/);
    const c = piece(dir, 'c.csv', 'x,y\n', [[1, '5,6\n']]);
    expect(() => joined([a, c])).toThrow(InputError);
    expect(() => joined([a, c])).toThrow(/c\.csv and a\.csv .* both hold the piece at 1/);
  });

  it('refuses an index that names more bytes than its file has', () => {
    const dir = tempDir();
    const a = piece(dir, 'a.csv', '', [[1, 'abc\n']]);
    expect(() => joined([{ ...a, chunks: [{ key: 1, bytes: 99 }] }])).toThrow(/the index names 99 bytes, the file has 4/);
  });

  it('reads an index back only with rising keys', () => {
    expect(readChunkIndex('x.index', '1 10\n3 4\n')).toEqual([
      { key: 1, bytes: 10 },
      { key: 3, bytes: 4 },
    ]);
    expect(() => readChunkIndex('x.index', '3 10\n1 4\n')).toThrow('x.index:2: expected "key bytes" with keys rising, got "1 4"');
    expect(() => new ChunkIndex().add(Number.NaN, '')).toThrow();
  });
});
