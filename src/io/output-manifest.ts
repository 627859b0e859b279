// A command run again into the same --out must not leave a stale file beside
// fresh ones (the sheet of a student no longer on the roster, a key.md from
// an earlier --format), and must never delete a file it did not write. Each
// command records what it wrote in a manifest in --out; the next run removes
// what that record names and it does not write again, and nothing else.
import { readFileSync, readdirSync, rmSync, rmdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from './atomic-file.js';

const SCHEMA = 'sigmax.outputs/1';
/** Files named at most in a message; the rest are counted. */
const SHOWN = 5;

/** Where a command writes in --out: the only files it may ever remove. */
export interface OutputPlaces {
  command: 'generate' | 'grade';
  /** Whether a path (relative to --out, with /) is one the command writes: `keys/s001.pdf`, `feedback/s001.md`. */
  owns(path: string): boolean;
  /** Folders (relative to --out) it writes files into, besides --out itself. */
  folders: readonly string[];
}

/** --out holds files where a command writes that no earlier run recorded: refused without --force. */
export class OutputFolderError extends Error {}

/** The manifest of one command in one --out folder: `.sigmax-<command>.json`. */
export class OutputManifest {
  readonly path: string;
  /** What the earlier run recorded, only paths at this command's places. */
  readonly previous: ReadonlySet<string>;

  constructor(
    readonly dir: string,
    readonly places: OutputPlaces,
  ) {
    this.path = join(dir, `.sigmax-${places.command}.json`);
    // A hand-edited record cannot reach outside these places: `../x`, `notes.txt` are not ours.
    this.previous = new Set(readRecord(this.path).filter((path) => insideFolder(path) && places.owns(path)));
  }

  /**
   * Before anything is written: a file at this command's places that this run will not
   * write again and that no earlier run recorded (the user's, or left by a sigmax that
   * kept no manifest) is refused, naming it, unless `force`, which leaves it where it is.
   * Returns the files so left.
   */
  check(planned: ReadonlySet<string>, force: boolean): string[] {
    const unknown = this.present().filter((path) => !planned.has(path) && !this.previous.has(path));
    if (unknown.length > 0 && !force) {
      const shown = unknown.slice(0, SHOWN).join(', ') + (unknown.length > SHOWN ? `, … (${unknown.length} in all)` : '');
      throw new OutputFolderError(
        `${this.dir} holds ${unknown.length} file(s) where ${this.places.command} writes that this run does not write ` +
          `again and no earlier run here recorded (${shown}): remove them, choose another --out, or add --force to ` +
          'leave them where they are',
      );
    }
    return unknown;
  }

  /**
   * Before files are put in place: records the earlier files and the planned ones, so
   * that a run interrupted halfway leaves a manifest that knows every file it may have written.
   */
  willWrite(planned: ReadonlySet<string>): void {
    this.record(new Set([...this.previous, ...planned]));
  }

  /** After every file is in place: removes what the earlier run wrote and this one did not; records this run's files. */
  commit(written: ReadonlySet<string>): string[] {
    const stale = [...this.previous].filter((path) => !written.has(path)).sort();
    for (const path of stale) rmSync(join(this.dir, path), { force: true });
    // A folder the stale files leave empty goes too (rmdir refuses one that is not empty).
    for (const folder of new Set(stale.map(dirname))) {
      if (folder === '.') continue;
      try {
        rmdirSync(join(this.dir, folder));
      } catch {
        // not empty: someone's files, or this run's
      }
    }
    this.record(written);
    return stale;
  }

  /** The files now at this command's places in --out. */
  private present(): string[] {
    const found: string[] = [];
    for (const folder of ['', ...this.places.folders]) {
      let entries;
      try {
        entries = readdirSync(join(this.dir, folder), { withFileTypes: true });
      } catch {
        continue; // no such folder yet
      }
      for (const entry of entries) {
        const path = folder ? `${folder}/${entry.name}` : entry.name;
        if (entry.isFile() && this.places.owns(path)) found.push(path);
      }
    }
    return found.sort();
  }

  private record(files: ReadonlySet<string>): void {
    const record = { schema: SCHEMA, command: this.places.command, files: [...files].sort() };
    writeFileAtomic(this.path, `${JSON.stringify(record, null, 1)}\n`);
  }
}

/** A relative path with / that stays inside its folder: no `..`, `.`, empty step, backslash or NUL. */
function insideFolder(path: string): boolean {
  return !/[\\\0]/.test(path) && path.split('/').every((step) => step !== '' && step !== '.' && step !== '..');
}

/** The paths an earlier run recorded; none when there is no manifest or it cannot be read (then nothing is removed). */
function readRecord(path: string): string[] {
  try {
    const record = JSON.parse(readFileSync(path, 'utf8')) as { schema?: unknown; files?: unknown };
    if (record.schema !== SCHEMA || !Array.isArray(record.files)) return [];
    return record.files.filter((file): file is string => typeof file === 'string');
  } catch {
    return [];
  }
}
