// The files handed in as filled sheets: one PDF, a folder of them (searched
// through its subfolders), or a zip as an LMS's bulk download makes it.
// Each file is one submission row, read or refused with a reason.
import { closeSync, openSync, readFileSync, readSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { InputError } from '../../bank/errors.js';
import { zipEntries } from './zip-entries.js';

/** One file handed in: its bytes, or why it was not read. */
export interface SubmittedFile {
  /** Where it is: its path inside the zip or folder (the file's name for one PDF). */
  source: string;
  bytes?: Uint8Array;
  refused?: string;
  /** The time the zip records for it (an LMS's upload time where it writes one). */
  zipTime?: Date;
}

/** A sheet is a few hundred kilobytes; a scan a few megabytes. Past this a file is not read. */
export const MAX_SHEET_BYTES = 64 * 1024 ** 2;

/** A size as people say it: 65 MB, 2.4 KB, 900 B. */
export const sizeText = (bytes: number): string =>
  bytes >= 1024 ** 2 ? `${+(bytes / 1024 ** 2).toFixed(1)} MB` : bytes >= 1024 ? `${+(bytes / 1024).toFixed(1)} KB` : `${bytes} B`;

/** What an operating system leaves beside files: macOS's __MACOSX/ and ._ files, .DS_Store, Windows' Thumbs.db and desktop.ini. */
export function isSystemFile(path: string): boolean {
  const parts = path.split('/');
  const name = parts.at(-1)!;
  return parts.includes('__MACOSX') || name.startsWith('._') || ['.DS_Store', 'Thumbs.db', 'desktop.ini'].includes(name);
}

export type SubmissionsKind = 'pdf' | 'folder' | 'zip' | 'csv';

const PDF_MAGIC = '%PDF-';
const ZIP_MAGIC = 'PK\u0003\u0004';

/**
 * What --submissions names: a folder, a zip or a PDF (by its first bytes,
 * else its extension), or else a CSV. A path that cannot be read is a CSV
 * here: reading it says why.
 */
export function submissionsKind(path: string): SubmissionsKind {
  let isFolder: boolean;
  try {
    isFolder = statSync(path).isDirectory();
  } catch {
    return /\.pdf$/i.test(path) ? 'pdf' : /\.zip$/i.test(path) ? 'zip' : 'csv';
  }
  if (isFolder) return 'folder';
  const start = firstBytes(path, 5);
  if (start.startsWith(PDF_MAGIC) || /\.pdf$/i.test(path)) return 'pdf';
  if (start.startsWith(ZIP_MAGIC) || /\.zip$/i.test(path)) return 'zip';
  return 'csv';
}

function firstBytes(path: string, count: number): string {
  try {
    const fd = openSync(path, 'r');
    try {
      const buffer = Buffer.alloc(count);
      return buffer.subarray(0, readSync(fd, buffer, 0, count, 0)).toString('latin1');
    } finally {
      closeSync(fd);
    }
  } catch {
    return '';
  }
}

/** The files of a submission path in a fixed order (names compared as text, the same on every machine). */
export async function* submittedFiles(path: string, kind: SubmissionsKind, skipped: { count: number }): AsyncGenerator<SubmittedFile> {
  if (kind === 'zip') {
    yield* zipEntries(path, undefined, skipped);
    return;
  }
  if (kind === 'pdf') {
    const one = readOne(path, basename(path));
    // The one file named on the command line: unreadable is a bad input (exit 1), not a rejected row.
    if (!one.ok) throw InputError.unreadable(path, one.error);
    yield one.file;
    return;
  }
  let files: string[];
  try {
    files = folderFiles(path, '', skipped);
  } catch (error) {
    throw InputError.unreadable(path, error);
  }
  for (const relative of files) {
    const one = readOne(join(path, relative), relative);
    yield one.ok ? one.file : { source: relative, refused: InputError.unreadable(relative, one.error).problems[0]!.message };
  }
}

/** A file's bytes (refused past MAX_SHEET_BYTES), or the error that kept it from being read. */
function readOne(path: string, source: string): { ok: true; file: SubmittedFile } | { ok: false; error: unknown } {
  try {
    const size = statSync(path).size;
    if (size > MAX_SHEET_BYTES) return { ok: true, file: { source, refused: `not read: ${sizeText(size)}, more than a sheet's ${sizeText(MAX_SHEET_BYTES)}` } };
    return { ok: true, file: { source, bytes: readFileSync(path) } };
  } catch (error) {
    return { ok: false, error };
  }
}

/** Paths of the files under a folder, relative to it, sorted; folders are walked, links to folders are not. */
function folderFiles(root: string, relative: string, skipped: { count: number }): string[] {
  const files: string[] = [];
  const entries = readdirSync(join(root, relative), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = relative ? `${relative}/${entry.name}` : entry.name;
    if (isSystemFile(path)) skipped.count++;
    else if (entry.isDirectory()) files.push(...folderFiles(root, path, skipped));
    else files.push(path);
  }
  return files;
}
