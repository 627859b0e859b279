// The files of a zip (an LMS's bulk download), read one at a time with
// yauzl: a file whose name leaves the zip's folder, one larger than a sheet
// can be, or one encrypted is refused by itself, and the rest are read.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { Readable } from 'node:stream';
import { crc32, inflateRawSync } from 'node:zlib';
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
      // Packed bytes are read whole before they are inflated: more of them than room is no sheet either.
      if (entry.uncompressedSize > room || entry.compressedSize > room) {
        yield refuse(oversized(Math.max(entry.uncompressedSize, entry.compressedSize), true, room, limits));
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

/**
 * The zip's bytes for yauzl, read from the file as it asks for them, without a round trip
 * through the thread pool for each: three such reads per entry cost ~1 ms on a busy machine.
 */
class FileReader extends yauzl.RandomAccessReader {
  constructor(private readonly fd: number) {
    super();
  }

  override _readStreamForRange(start: number, end: number): Readable {
    const bytes = Buffer.allocUnsafe(end - start);
    const read = readSync(this.fd, bytes, 0, bytes.length, start);
    return Readable.from([bytes.subarray(0, read)], { objectMode: false });
  }

  override close(callback: (error: Error | null) => void): void {
    closeSync(this.fd);
    callback(null);
  }
}

function openZip(file: string): Promise<ZipFile> {
  let fd: number;
  let size: number;
  try {
    fd = openSync(file, 'r');
    size = fstatSync(fd).size;
  } catch (error) {
    return Promise.reject(InputError.unreadable(file, error));
  }
  return new Promise((resolve, reject) => {
    // Names undecoded: yauzl stops the whole zip at the first name that leaves its folder; here only that file is refused.
    const options = { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true };
    yauzl.fromRandomAccessReader(new FileReader(fd), size, options, (error, zip) => {
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

/**
 * An entry's bytes. Its packed bytes are read as they are and inflated in one call that
 * stops past `room` (whatever its header claimed): a stream per entry cost ~2 ms each.
 */
async function readEntry(
  zip: ZipFile,
  entry: Entry,
  room: number,
): Promise<{ bytes?: Buffer; read: number; tooLarge?: boolean; error?: string }> {
  let packed: Buffer;
  try {
    // A stored entry's bytes are its file's; yauzl takes `decompress` for compressed entries only.
    const stream = await (entry.isCompressed() ? zip.openReadStreamPromise(entry, { decompress: false }) : zip.openReadStreamPromise(entry));
    const chunks: Buffer[] = [];
    for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
    packed = Buffer.concat(chunks);
  } catch (error) {
    return { read: 0, error: (error as Error).message };
  }
  let bytes: Buffer;
  try {
    bytes = entry.isCompressed() ? inflateRawSync(packed, { maxOutputLength: room }) : packed;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return { read: room + 1, tooLarge: true };
    return { read: 0, error: (error as Error).message };
  }
  if (bytes.length > room) return { read: bytes.length, tooLarge: true };
  if (bytes.length !== entry.uncompressedSize) {
    return { read: bytes.length, error: `${bytes.length} bytes unpacked where its header says ${entry.uncompressedSize}` };
  }
  if (crc32(bytes) !== entry.crc32) return { read: bytes.length, error: 'its checksum does not match' };
  return { bytes, read: bytes.length };
}
