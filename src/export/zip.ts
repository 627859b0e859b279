// A zip of text files, the same bytes on every run: files in the order given,
// one fixed timestamp. (The zip's date is local time; one made from local
// fields reads back the same in every time zone.)
import { zipSync } from 'fflate';

const FIXED_TIME = new Date(2000, 0, 1, 0, 0, 0);

/** Files by path inside the zip (with / between folders), as UTF-8 text. */
export function zipFiles(files: ReadonlyMap<string, string>): Uint8Array {
  const encoder = new TextEncoder();
  const entries = Object.fromEntries([...files].map(([path, text]) => [path, encoder.encode(text)] as const));
  return zipSync(entries, { level: 9, mtime: FIXED_TIME });
}
