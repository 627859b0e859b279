import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonLines } from '../../src/grade/json-lines.js';

const dir = mkdtempSync(join(tmpdir(), 'sigmax-json-lines-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function both(text: string) {
  const file = join(dir, 'lines.jsonl');
  writeFileSync(file, text);
  const ours: string[] = [];
  for await (const { line, text: t } of jsonLines(file)) ours.push(`${line}:${t}`);
  // What readline (the earlier reader) gives: LF, CRLF or a lone CR end a line.
  const theirs: string[] = [];
  let n = 0;
  for await (const raw of createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity })) {
    const t = ++n === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (t.trim() !== '') theirs.push(`${n}:${t}`);
  }
  return { ours, theirs };
}

describe('jsonLines', () => {
  it('numbers lines as readline does (LF, CRLF, lone CR, BOM, blank lines, no final break)', async () => {
    for (const text of ['a\nb\r\nc\rd\n\n e \r\n', '\uFEFFx\r', 'x\r\n', '', '\n\n\ny', 'a\r\r\nb']) {
      const { ours, theirs } = await both(text);
      expect(ours).toEqual(theirs);
    }
  });

  it('keeps a CRLF that straddles two 64 KB chunks as one break', async () => {
    let text = '';
    for (let i = 0; i < 30_000; i++) text += `{"i":${i}}${['\r\n', '\n', '\r'][i % 3]}`;
    const { ours, theirs } = await both(text);
    expect(ours).toHaveLength(30_000);
    expect(ours).toEqual(theirs);
  });
});
