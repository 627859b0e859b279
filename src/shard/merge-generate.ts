// generate's shards put together: variants.jsonl joined in roster order, the
// answer sheet written again for the whole roster, every student's documents
// put in place, and the class key (the one document with everyone, in volumes
// for a large class) rendered from the joined variants. Everything is checked
// before anything is written.
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { InputError } from '../bank/errors.js';
import { unsafeFileName } from '../bank/roster.js';
import { AtomicFile, writeFileAtomic } from '../io/atomic-file.js';
import { OutputManifest } from '../io/output-manifest.js';
import { createRenderer } from '../render/render-pool.js';
import { type ClassKeyVolume, classKeyVolumes } from '../render/class-key-volumes.js';
import { GENERATE_PLACES, classKeyFiles, documentFiles, renderClassKey } from '../render/render-set.js';
import type { MathMode } from '../render/pdf/render-pdf.js';
import { answerSheetHeader, answerSheetRows } from '../variant/answer-sheet.js';
import type { VariantRecord } from '../variant/record.js';
import { VARIANT_FILES } from '../variant/write-variants.js';
import { GENERATE_STUDENTS, type GenerateRun, type GeneratedStudent, VARIANTS_INDEX } from './generate-shard.js';
import { type Piece, joinPieces, readChunkIndex } from './keyed-pieces.js';
import { placeFile } from './place-file.js';
import type { MergeOutcome, PreparedMerge } from './prepared-merge.js';
import { type FoundShard, checkedPiece, hashFile, manifestName } from './shard-manifest.js';

/** One student of the class, from the shard that made their files. */
interface Placed {
  shard: FoundShard;
  student: GeneratedStudent;
}

/** Checks generate's shards (pieces, documents) and --out; nothing is written until write(). */
export function prepareGenerateMerge(shards: readonly FoundShard[], out: string, force: boolean): PreparedMerge {
  const run = shards[0]!.manifest.run as unknown as GenerateRun;
  const total = run.roster.students;
  const roster: (Placed | undefined)[] = new Array(total);
  // Each student's bytes of variants.jsonl (their chunk), which cut the class key into volumes.
  const bytes: number[] = new Array(total);
  const pieces: Piece[] = [];
  for (const shard of shards) {
    const variants = checkedPiece(shard, 'variants.jsonl');
    const chunks = readChunkIndex(join(shard.folder, VARIANTS_INDEX), readFileSync(checkedPiece(shard, VARIANTS_INDEX), 'utf8'));
    pieces.push({ path: variants, chunks, label: shard.label });
    const studentsFile = checkedPiece(shard, GENERATE_STUDENTS);
    const students = readStudents(studentsFile, run, total);
    const positions = students.map((student) => student.at).sort((a, b) => a - b);
    if (students.length !== chunks.length || chunks.some((chunk, at) => chunk.key !== positions[at])) {
      throw InputError.at(
        { file: studentsFile },
        `${shard.label}: lists ${students.length} student(s), its variants index ${chunks.length} chunk(s): not the same roster positions`,
      );
    }
    for (const chunk of chunks) bytes[chunk.key] = chunk.bytes;
    for (const student of students) {
      const earlier = roster[student.at];
      if (earlier) throw InputError.at({ file: studentsFile }, `${shard.label} and ${earlier.shard.label} both hold ${student.id} (roster position ${student.at + 1})`);
      roster[student.at] = { shard, student };
    }
  }
  const absent = roster.findIndex((placed) => placed === undefined);
  if (absent >= 0) throw InputError.at({ file: shards[0]!.folder }, `no shard holds the student at roster position ${absent + 1} of ${total}`);
  const placed = roster as Placed[];
  checkDocuments(placed);

  const manifest = new OutputManifest(out, GENERATE_PLACES);
  const ids = placed.map(({ student }) => student.id);
  // Cut as the single run cuts it, from the same bytes: so the same files.
  const classKey = run.documents.length > 0 ? classKeyVolumes(bytes) : [];
  const planned = new Set([...VARIANT_FILES, ...documentFiles(ids, run.documents), ...classKeyFiles(classKey, run.documents)]);
  // The single run takes the part ids from the first student drawn: the shard holding them says them.
  const parts = partsOf(placed[0]!.shard);
  const left = manifest.check(planned, force);
  return { write: () => writeGenerateMerge({ run, placed, pieces, parts, classKey, manifest, planned, left, out }) };
}

async function writeGenerateMerge(merge: {
  run: GenerateRun;
  placed: readonly Placed[];
  pieces: readonly Piece[];
  parts: readonly { id: string; partIds: readonly string[] }[];
  classKey: readonly ClassKeyVolume[];
  manifest: OutputManifest;
  planned: ReadonlySet<string>;
  left: string[];
  out: string;
}): Promise<MergeOutcome> {
  const { run, placed, pieces, parts, classKey, manifest, planned, left, out } = merge;
  const ids = placed.map(({ student }) => student.id);
  manifest.willWrite(planned);

  const variantsFile = join(out, 'variants.jsonl');
  const joined = new AtomicFile(variantsFile);
  try {
    joinPieces(pieces, (bytes) => joined.writeBytes(bytes));
    joined.commit();
  } catch (error) {
    joined.abort();
    throw error;
  }
  const sheet = answerSheetHeader(parts);
  writeFileAtomic(join(out, 'answer-sheet.csv'), sheet.text + answerSheetRows(ids.map((id) => ({ id, name: '' })), sheet.columns));
  for (const { shard, student } of placed) {
    for (const path of Object.keys(student.documents)) placeFile(join(shard.folder, path), join(out, path));
  }
  const files = [variantsFile, join(out, 'answer-sheet.csv')];
  const warnings: string[] = [];
  if (run.documents.length > 0) {
    const renderer = createRenderer(1);
    try {
      // Read a volume at a time: the class's records are never all held.
      const rendered = await renderClassKey(run.set, recordsIn(variantsFile), out, {
        formats: run.documents,
        renderer,
        templates: run.templates ?? undefined,
        math: run.math as MathMode,
        date: new Date(run.date),
        classKey,
      });
      warnings.push(...rendered.warnings);
      files.push(`${2 * ids.length * run.documents.length} student document(s) from the shards and ${rendered.files.join(', ')}`);
    } finally {
      await renderer.close();
    }
  }
  const removed = manifest.commit(planned);
  return { files, warnings, removed, left };
}

/** The records of a variants.jsonl file, a line at a time. */
async function* recordsIn(file: string): AsyncGenerator<VariantRecord> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) if (line !== '') yield JSON.parse(line) as VariantRecord;
}

/** The students piece of a shard, each line checked. */
function readStudents(file: string, run: GenerateRun, total: number): GeneratedStudent[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line, at) => {
      if (line === '') return [];
      const student = JSON.parse(line) as Partial<GeneratedStudent>;
      const fine =
        Number.isInteger(student.at) &&
        student.at! >= 0 &&
        student.at! < total &&
        typeof student.id === 'string' &&
        unsafeFileName(student.id) === null &&
        typeof student.documents === 'object' &&
        student.documents !== null &&
        // Only the documents generate writes for this id: a path in the piece never reaches anywhere else.
        sameKeys(Object.keys(student.documents), documentFiles([student.id], run.documents));
      if (!fine) throw InputError.at({ file, line: at + 1 }, `expected {at, id, documents} of a student of the roster of ${total}, got ${line.slice(0, 120)}`);
      return [student as GeneratedStudent];
    });
}

/** The part ids per problem a shard recorded (those of its first student). */
function partsOf(shard: FoundShard): { id: string; partIds: string[] }[] {
  const parts = shard.manifest.own.parts;
  const fine = Array.isArray(parts) && parts.every((p: { id?: unknown; partIds?: unknown }) => typeof p.id === 'string' && Array.isArray(p.partIds) && p.partIds.every((id) => typeof id === 'string'));
  if (!fine) throw InputError.at({ file: join(shard.folder, manifestName('generate')), field: 'own.parts' }, 'expected [{id, partIds}] per problem');
  return parts as { id: string; partIds: string[] }[];
}

const sameKeys = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

/** Every student document as its shard wrote it: present, and with the content its hash says. */
function checkDocuments(placed: readonly Placed[]): void {
  for (const { shard, student } of placed) {
    for (const [path, sha256] of Object.entries(student.documents)) {
      const file = join(shard.folder, path);
      let actual: string;
      try {
        actual = hashFile(file).sha256;
      } catch (error) {
        throw InputError.unreadable(file, error);
      }
      if (actual !== sha256) {
        throw InputError.at({ file }, `${shard.label}: changed since the shard wrote it (${manifestName('generate')} records another SHA-256)`);
      }
    }
  }
}
