// The files of a zip (an LMS's bulk download), read one at a time with
// yauzl: a file whose name leaves the zip's folder, one larger than a sheet
// can be, or one encrypted is refused by itself, and the rest are read.
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import { InputError } from '../../bank/errors.js';
import { MAX_SHEET_BYTES, type SubmittedFile, isSystemFile, sizeText } from './submitted-file.js';

/** Bytes unpacked from one zip in all: past this the rest is refused (a zip bomb never ends). */
export const MAX_ZIP_BYTES = 4 * 1024 ** 3;

export interface ZipLimits {
  perFile: number;
  total: number;
}

/**
 * The files of a zip in name order (folders, and what an operating system
 * adds, such as __MACOSX/ and .DS_Store, are skipped and counted), each
 * with its bytes, or why it was not read.
 */
export async function* zipEntries(
  file: string,
  limits: ZipLimits = { perFile: MAX_SHEET_BYTES, total: MAX_ZIP_BYTES },
  skipped: { count: number } = { count: 0 },
): AsyncGenerator<SubmittedFile> {
  const zip = await openZip(file);
  try {
    const entries = await centralDirectory(zip, file);
    let total = 0;
    for (const { entry, path } of entries) {
      if (path.endsWith('/')) continue;
      if (isSystemFile(path)) {
        skipped.count++;
        continue;
      }
      const modified = entry.getLastModDate({ timezone: 'UTC' });
      const refuse = (reason: string): SubmittedFile => ({ source: path, refused: reason, zipTime: modified });
      const leaves = yauzl.validateFileName(path);
      if (leaves !== null) {
        yield refuse(`not read: its name leaves the zip's folder (${leaves})`);
        continue;
      }
      if (entry.isEncrypted()) {
        yield refuse('not read: encrypted in the zip (a password)');
        continue;
      }
      if (!entry.canDecodeFileData()) {
        yield refuse(`not read: compressed by a method zip readers rarely know (${entry.compressionMethod})`);
        continue;
      }
      const room = Math.min(limits.perFile, limits.total - total);
      if (entry.uncompressedSize > room) {
        yield refuse(oversized(entry.uncompressedSize, true, room, limits));
        continue;
      }
      const read = await readEntry(zip, entry, room);
      total += read.bytes?.length ?? read.read;
      if (read.bytes) yield { source: path, bytes: read.bytes, zipTime: modified };
      else yield refuse(read.tooLarge ? oversized(read.read, false, room, limits) : `not read: damaged in the zip (${read.error})`);
    }
  } finally {
    zip.close();
  }
}

/** Why an entry is too large: past the zip's total, or past a sheet's size (`exact`: its header's size, else where reading stopped). */
function oversized(size: number, exact: boolean, room: number, limits: ZipLimits): string {
  return room < limits.perFile
    ? `not read: the zip unpacks to more than ${sizeText(limits.total)} in all (a zip bomb?)`
    : `not read: ${exact ? '' : 'more than '}${sizeText(size)} unpacked, more than a sheet's ${sizeText(limits.perFile)} (a zip bomb?)`;
}

function openZip(file: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    // Names undecoded: yauzl stops the whole zip at the first name that leaves its folder; here only that file is refused.
    yauzl.open(file, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true }, (error, zip) => {
      if (error) reject(zipError(file, error));
      else resolve(zip);
    });
  });
}

function zipError(file: string, error: Error): InputError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code) return InputError.unreadable(file, error);
  return InputError.at({ file }, `not a readable zip (${error.message}); expected an LMS's bulk download of submissions`);
}

/** Every entry of the central directory with its decoded name, in name order (byte order of UTF-16: the same on every machine). */
function centralDirectory(zip: ZipFile, file: string): Promise<{ entry: Entry; path: string }[]> {
  return new Promise((resolve, reject) => {
    const entries: { entry: Entry; path: string }[] = [];
    zip.on('entry', (entry: Entry) => {
      const path = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, false);
      entries.push({ entry, path });
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))));
    zip.on('error', (error: Error) => reject(zipError(file, error)));
    zip.readEntry();
  });
}

/** An entry's bytes, stopped once more than `room` come out (whatever its header claimed). */
async function readEntry(
  zip: ZipFile,
  entry: Entry,
  room: number,
): Promise<{ bytes?: Buffer; read: number; tooLarge?: boolean; error?: string }> {
  let stream: Readable;
  try {
    stream = await zip.openReadStreamPromise(entry);
  } catch (error) {
    return { read: 0, error: (error as Error).message };
  }
  const chunks: Buffer[] = [];
  let read = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      read += chunk.length;
      if (read > room) {
        stream.destroy();
        return { read, tooLarge: true };
      }
      chunks.push(chunk);
    }
  } catch (error) {
    return { read, error: (error as Error).message };
  }
  return { bytes: Buffer.concat(chunks, read), read };
}
