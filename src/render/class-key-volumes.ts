// The instructor's class key in volumes. pdfkit holds a document until it
// ends, so one key.pdf of a large class would not fit a thread's heap; the
// class is cut into volumes of consecutive students, each a document of its
// own. Where the cuts fall depends only on the variants (the bytes of each
// student's variants.jsonl lines), never on the machine: merged shards give
// the bytes of one run.
import { CLASS_KEY_VOLUME_BYTES } from '../variant/class-size.js';
import { type VariantRecord, variantLine } from '../variant/record.js';

/** Students `first` (0-based, in the class's order) to `first + count − 1`. */
export interface StudentRun {
  first: number;
  count: number;
}

/** One volume of the class key: where it goes and which students it holds. */
export interface ClassKeyVolume extends StudentRun {
  /** Its path in --out without extension: `key` for a class of one volume, else `key-2-of-5`. */
  base: string;
  /** 1-based, of `of`. */
  number: number;
  of: number;
  /** Students in the whole class. */
  total: number;
}

/**
 * Test-only: SIGMAX_CLASS_KEY_VOLUME_BYTES sets the budget, so that a test can
 * cut a class of a few students into volumes (the CLI in a child process too).
 * Runs that are compared (shards and their merge, the single run) must share it.
 */
export function volumeBudget(): number {
  const forced = process.env.SIGMAX_CLASS_KEY_VOLUME_BYTES;
  return forced && /^[1-9]\d*$/.test(forced) ? Number(forced) : CLASS_KEY_VOLUME_BYTES;
}

/**
 * Consecutive runs of students, each as many as fit `budget` bytes; a student
 * larger than the budget is a run alone. No students: one empty run (the class
 * key of an empty class is still written).
 */
export function splitByBytes(studentBytes: readonly number[], budget: number): StudentRun[] {
  const runs: StudentRun[] = [];
  let current: StudentRun = { first: 0, count: 0 };
  let bytes = 0;
  studentBytes.forEach((size, at) => {
    if (current.count > 0 && bytes + size > budget) {
      runs.push(current);
      current = { first: at, count: 0 };
      bytes = 0;
    }
    current.count++;
    bytes += size;
  });
  runs.push(current);
  return runs;
}

/** The class key's volumes for students whose lines take `studentBytes`, in the class's order. */
export function classKeyVolumes(studentBytes: readonly number[], budget: number = volumeBudget()): ClassKeyVolume[] {
  const runs = splitByBytes(studentBytes, budget);
  return runs.map((run, at) => ({
    ...run,
    base: runs.length === 1 ? 'key' : `key-${at + 1}-of-${runs.length}`,
    number: at + 1,
    of: runs.length,
    total: studentBytes.length,
  }));
}

/** The bytes of each student's variants.jsonl lines (the records as generate writes them). */
export function studentBytes(students: readonly { records: readonly VariantRecord[] }[]): number[] {
  return students.map(({ records }) => records.reduce((sum, record) => sum + Buffer.byteLength(variantLine(record)), 0));
}

/** Whether a path relative to --out is a volume of the class key: key.pdf, key-2-of-5.md. */
export const isClassKeyFile = (path: string): boolean => /^key(-[1-9]\d*-of-[1-9]\d*)?\.(pdf|md)$/.test(path);
