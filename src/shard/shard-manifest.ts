// Each shard leaves a small manifest beside its pieces: which run it belongs
// to (the hashes of its inputs and the settings every shard shares), which
// shard it is, its counts, and the size and SHA-256 of every piece. The merge
// trusts nothing it has not checked against it.
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, readSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../bank/errors.js';
import { writeFileAtomic } from '../io/atomic-file.js';

export const SHARD_SCHEMA = 'sigmax.shard/1';
export type ShardCommand = 'generate' | 'grade';
export const SHARD_COMMANDS: readonly ShardCommand[] = ['generate', 'grade'];

/** A piece's size and content hash. */
export interface PieceHash {
  bytes: number;
  sha256: string;
}

export interface ShardManifest {
  schema: typeof SHARD_SCHEMA;
  command: ShardCommand;
  shard: { index: number; count: number };
  /** What every shard of one run shares (inputs' hashes, settings, what the whole input holds): equal, or they are not of one run. */
  run: Record<string, unknown>;
  /** This shard's own counts and data (students, rows graded, …). */
  own: Record<string, unknown>;
  /** Every file the merge reads from the shard folder (relative path → size and hash), besides the per-student files the students piece lists. */
  pieces: Record<string, PieceHash>;
}

/** The manifest's file name in a shard folder. */
export const manifestName = (command: ShardCommand) => `shard.${command}.json`;

/** SHA-256 of a file, read a megabyte at a time; and its size. */
export function hashFile(path: string): PieceHash {
  const hash = createHash('sha256');
  const fd = openSync(path, 'r');
  let bytes = 0;
  try {
    const buffer = Buffer.allocUnsafe(1 << 20);
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) {
      hash.update(buffer.subarray(0, read));
      bytes += read;
    }
  } finally {
    closeSync(fd);
  }
  return { bytes, sha256: hash.digest('hex') };
}

export const hashText = (text: string | Uint8Array) => createHash('sha256').update(text).digest('hex');

/** Writes a shard's manifest (last, atomically: a shard folder with a manifest is complete). */
export function writeShardManifest(folder: string, manifest: Omit<ShardManifest, 'schema' | 'pieces'>, pieces: readonly string[]): void {
  const hashes = Object.fromEntries(pieces.map((piece) => [piece, hashFile(join(folder, piece))]));
  const full: ShardManifest = { schema: SHARD_SCHEMA, ...manifest, pieces: hashes };
  writeFileAtomic(join(folder, manifestName(manifest.command)), `${JSON.stringify(full, null, 1)}\n`);
}

/** A shard found on disk: its folder, its manifest, and how messages name it. */
export interface FoundShard {
  folder: string;
  manifest: ShardManifest;
  /** `shard 2/3 (out/shard-2-of-3)`. */
  label: string;
}

const SHARD_FOLDER = /^shard-\d+-of-\d+$/;

/**
 * The shards in the folders given to merge: a folder holding a shard manifest is a
 * shard; any other is searched one level down for shard-I-of-N folders (all the
 * shards that wrote into one --out). A folder with neither is an error.
 */
export function findShards(folders: readonly string[]): FoundShard[] {
  const found: FoundShard[] = [];
  for (const folder of folders) {
    if (!existsSync(folder) || !statSync(folder).isDirectory()) throw InputError.at({ file: folder }, 'expected a shard folder (or a folder of them), found no folder');
    const own = readManifests(folder);
    if (own.length > 0) {
      found.push(...own);
      continue;
    }
    const inner = readdirSync(folder, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && SHARD_FOLDER.test(entry.name))
      .map((entry) => entry.name)
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
      .flatMap((name) => readManifests(join(folder, name)));
    if (inner.length === 0) {
      throw InputError.at(
        { file: folder },
        `holds no sigmax shard: no ${SHARD_COMMANDS.map(manifestName).join(' or ')}, nor shard-I-of-N folders with one (written by generate or grade with --shard)`,
      );
    }
    found.push(...inner);
  }
  return found;
}

function readManifests(folder: string): FoundShard[] {
  return SHARD_COMMANDS.filter((command) => existsSync(join(folder, manifestName(command)))).map((command) => {
    const file = join(folder, manifestName(command));
    const manifest = parseManifest(file, command);
    return { folder, manifest, label: `${command} shard ${manifest.shard.index}/${manifest.shard.count} (${folder})` };
  });
}

function parseManifest(file: string, command: ShardCommand): ShardManifest {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw error instanceof SyntaxError ? InputError.at({ file }, `not valid JSON (${error.message})`) : InputError.unreadable(file, error);
  }
  const m = value as Partial<ShardManifest> | null;
  const whole = (x: unknown) => Number.isInteger(x) && (x as number) >= 1;
  const object = (x: unknown) => typeof x === 'object' && x !== null && !Array.isArray(x);
  if (!object(m) || m!.schema !== SHARD_SCHEMA) throw InputError.at({ file, field: 'schema' }, `expected "${SHARD_SCHEMA}", got ${JSON.stringify(m?.schema) ?? 'nothing'}`);
  if (m!.command !== command) throw InputError.at({ file, field: 'command' }, `expected "${command}", got ${JSON.stringify(m!.command)}`);
  const shard = m!.shard;
  if (!object(shard) || !whole(shard!.index) || !whole(shard!.count) || shard!.index > shard!.count) {
    throw InputError.at({ file, field: 'shard' }, `expected {index, count} with 1 ≤ index ≤ count, got ${JSON.stringify(shard)}`);
  }
  for (const field of ['run', 'own', 'pieces'] as const) {
    if (!object(m![field])) throw InputError.at({ file, field }, 'expected an object');
  }
  return m as ShardManifest;
}

/** Checks a piece against its manifest entry before it is read; its path. */
export function checkedPiece(shard: FoundShard, piece: string): string {
  const path = join(shard.folder, piece);
  const expected = shard.manifest.pieces[piece];
  if (!expected) throw InputError.at({ file: join(shard.folder, manifestName(shard.manifest.command)), field: 'pieces' }, `${shard.label}: lists no ${piece}`);
  let actual: PieceHash;
  try {
    actual = hashFile(path);
  } catch (error) {
    throw InputError.unreadable(path, error);
  }
  if (actual.bytes !== expected.bytes || actual.sha256 !== expected.sha256) {
    throw InputError.at({ file: path }, `${shard.label}: changed since the shard wrote it (its manifest says ${expected.bytes} bytes, SHA-256 ${expected.sha256.slice(0, 12)}…)`);
  }
  return path;
}
