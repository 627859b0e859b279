// What a generate shard adds to the files generate writes for its students:
// where each student's lines go in the class's variants.jsonl, the hashes of
// their documents, and the manifest that ties the shard to its run.
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join, resolve } from 'node:path';
import type { Bank } from '../bank/bank.js';
import type { Student } from '../bank/roster.js';
import type { OutputFormat } from '../render/render-job.js';
import type { SetInfo } from '../render/sheet-context.js';
import { documentFiles } from '../render/render-set.js';
import { ChunkIndex } from './keyed-pieces.js';
import { hashFile, hashText, writeShardManifest } from './shard-manifest.js';
import { writeFileAtomic } from '../io/atomic-file.js';
import type { ShardSpec } from './shard-spec.js';

export const VARIANTS_INDEX = 'variants.jsonl.index';
export const GENERATE_STUDENTS = 'students.generate.jsonl';

/** One line of students.generate.jsonl: a student's roster position, id, and their documents' hashes. */
export interface GeneratedStudent {
  at: number;
  id: string;
  /** Path relative to the shard folder (`problems/s001.pdf`) → SHA-256. */
  documents: Record<string, string>;
}

/** What every generate shard of one run shares; the merge checks it is equal in all. */
export interface GenerateRun {
  bank: { sha256: string; seed: string; locale: string; digits: string };
  roster: { sha256: string; students: number };
  set: SetInfo;
  documents: OutputFormat[];
  /** The --templates folder, absolute (null: the built-in ones). */
  templates: string | null;
  math: string;
  /** The date written into the PDFs (ISO). */
  date: string;
}

export interface GenerateShardInput {
  folder: string;
  shard: ShardSpec;
  bank: Bank;
  /** The whole roster, in order (the shard's students are some of them). */
  roster: readonly Student[];
  /** The shard's students, in roster order. */
  students: readonly Student[];
  set: SetInfo;
  parts: readonly { id: string; partIds: readonly string[] }[];
  documents: OutputFormat[];
  templates: string | undefined;
  math: string;
  date: Date;
}

/** The bank as one run must share it: its bytes and the command line's overrides. */
export function bankIdentity(bank: Bank): GenerateRun['bank'] {
  return { sha256: hashText(readFileSync(bank.file)), seed: bank.seed, locale: bank.locale, digits: bank.digits };
}

/** The roster as one run must share it: every id and name, in order. */
export function rosterIdentity(roster: readonly Student[]): GenerateRun['roster'] {
  return { sha256: hashText(JSON.stringify(roster.map((s) => [s.id, s.name]))), students: roster.length };
}

/**
 * Writes the index of the shard's variants.jsonl (a chunk per student, keyed by roster
 * position), the students piece and, last, the manifest. Reads back the variants
 * file generate wrote rather than being handed the records: how generate draws and
 * writes them is its own business.
 */
export async function writeGenerateShard(input: GenerateShardInput): Promise<void> {
  const { folder } = input;
  const position = new Map(input.roster.map((student, at) => [student.id, at]));
  const index = new ChunkIndex();
  // A student's lines follow one another: one chunk each. Read a line at a time: a
  // shard's variants file can be larger than is good to hold (generate streams it).
  let chunk = null as { id: string; text: string } | null;
  const lines = createInterface({ input: createReadStream(join(folder, 'variants.jsonl'), 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line === '') continue;
    const id = (JSON.parse(line) as { student: string }).student;
    if (chunk?.id === id) chunk.text += `${line}\n`;
    else {
      if (chunk) index.add(position.get(chunk.id)!, chunk.text);
      chunk = { id, text: `${line}\n` };
    }
  }
  if (chunk) index.add(position.get(chunk.id)!, chunk.text);
  writeFileAtomic(join(folder, VARIANTS_INDEX), index.text());

  const students = input.students.map((student): GeneratedStudent => {
    const documents = documentFiles([student.id], input.documents);
    return { at: position.get(student.id)!, id: student.id, documents: Object.fromEntries(documents.map((path) => [path, hashFile(join(folder, path)).sha256])) };
  });
  writeFileAtomic(join(folder, GENERATE_STUDENTS), students.map((s) => `${JSON.stringify(s)}\n`).join(''));

  const run: GenerateRun = {
    bank: bankIdentity(input.bank),
    roster: rosterIdentity(input.roster),
    set: input.set,
    documents: input.documents,
    templates: input.templates === undefined ? null : resolve(input.templates),
    math: input.math,
    date: input.date.toISOString(),
  };
  writeShardManifest(
    folder,
    {
      command: 'generate',
      shard: { index: input.shard.index, count: input.shard.count },
      run: run as unknown as Record<string, unknown>,
      own: { students: students.length, parts: input.parts },
    },
    ['variants.jsonl', VARIANTS_INDEX, GENERATE_STUDENTS],
  );
}
