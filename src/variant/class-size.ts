// How many students one generate run can hold on this machine. Drawing is
// streamed (pieces are written as they are drawn), so variants.jsonl and the
// answer sheet cost disk, not memory; but documents keep every record on the
// main thread, and the instructor's class key is laid out whole in a thread, a
// volume at a time (pdfkit holds a document until it ends). A class that does
// not fit is refused before anything is drawn, pointing to --shard.
//
// What a student costs is measured in units of their own variants.jsonl lines
// (drawn here for the first student, so a bank of larger problems counts as
// larger), from runs of the default bank (3 problems, 4.6 kB of lines a student)
// on 2 cores, 24 GB, Node 20:
//   disk    variants.jsonl 1, answer-sheet.csv a row; PDFs 49 (sheet 100 kB + key
//           120 kB + class key 2.6 kB a student); Markdown 5 (sheet 7.8 kB, key
//           13 kB, class key 2.2 kB).
//   memory  with documents: the records kept, about 2 on the main thread's heap
//           (JSON.parse of the lines); a class key volume's thread holds a copy of
//           its students' records (2) and, for the PDF, the laid-out document: 51
//           on its heap and 55 resident (0.23 and 0.25 MB a student, linear from
//           1,600 to 8,000 students: a key.pdf of 17,500 students would fill a 4 GB
//           heap). So the class key is split into volumes of at most
//           CLASS_KEY_VOLUME_BYTES of lines, each a document of its own, and a
//           class is bound by it only where one volume does not fit a thread.
// The largest class is the least of: free disk / disk a student; the main
// thread's heap / its records; free memory / the records and the class key
// volumes in flight; and, where a volume is too much for a thread's heap, the
// class whose class key fits it; each with a margin (SAFETY) for what the
// estimate misses.
import { existsSync, statfsSync } from 'node:fs';
import { availableParallelism, freemem } from 'node:os';
import { dirname, resolve } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import type { Bank } from '../bank/bank.js';
import type { StudentList } from '../bank/roster.js';
import { drawChunk } from './draw-chunk.js';

type DocumentFormat = 'pdf' | 'md';

/** Disk a student's documents take, per byte of their variants.jsonl lines. */
const DOCUMENT_DISK: Readonly<Record<DocumentFormat, number>> = { pdf: 49, md: 5 };
/** Heap a kept record takes per byte of its line (JSON.parse's objects and strings). */
const RECORD_HEAP = 2;
/** The class key's thread, beside its copy of the records: heap and resident memory per byte of a student's lines (key.md: its text). */
const CLASS_KEY_HEAP: Readonly<Record<DocumentFormat, number>> = { pdf: 51, md: 1 };
const CLASS_KEY_RESIDENT: Readonly<Record<DocumentFormat, number>> = { pdf: 55, md: 1 };
/** What a rendering thread uses before its first student (MathJax, fonts, pdfkit). */
const RENDER_THREAD_BASE = 150 * 2 ** 20;
/** The share of each resource an estimate may plan on. */
const SAFETY = 0.8;

/**
 * Bytes of variants.jsonl lines in one volume of the class key (the split is
 * render/class-key-volumes.ts). Chosen from the figures above, never from this
 * machine (merged shards must give the bytes of one run): a third of the 4 GB
 * heap Node gives a thread on a 64-bit machine, less what the thread starts
 * with, at 2 + 51 a byte: (4 GiB / 3 − 150 MiB) / 53 ≈ 24 MB, about 5,250
 * students of the default bank. Measured (5,250 students, 3,938 pages, 21 s):
 * 1.6 GB of heap at most, 1.9 GB resident, 39 % of the 4 GB heap. The margin
 * covers banks whose key takes more per byte (more, shorter answers).
 */
export const CLASS_KEY_VOLUME_BYTES = 24_000_000;

/** What this machine offers a run (measured at the start; a test passes its own). */
export interface Machine {
  /** Bytes free on the disk of --out. */
  freeDisk: number;
  /** Bytes of memory free for the run's threads. */
  freeMemory: number;
  /** Each thread's heap limit and what the main thread already uses. */
  heapLimit: number;
  heapUsed: number;
  /** Threads that may each render a class key volume at once. */
  threads: number;
}

export function thisMachine(outDir: string): Machine {
  let folder = resolve(outDir);
  while (!existsSync(folder) && dirname(folder) !== folder) folder = dirname(folder);
  const disk = statfsSync(folder);
  const heap = getHeapStatistics();
  return { freeDisk: disk.bavail * disk.bsize, freeMemory: freemem(), heapLimit: heap.heap_size_limit, heapUsed: heap.used_heap_size, threads: availableParallelism() };
}

/** The largest class that fits, and what bounds it, said for a person. */
export interface ClassFit {
  largest: number;
  limit: string;
}

/**
 * The largest class whose files and documents fit this machine, for students
 * whose variants.jsonl lines take `lineBytes` and answer-sheet row `rowBytes`.
 */
export function largestClass(lineBytes: number, rowBytes: number, documents: readonly DocumentFormat[], machine: Machine, outDir: string): ClassFit {
  const diskPerStudent = lineBytes + rowBytes + documents.reduce((sum, format) => sum + DOCUMENT_DISK[format] * lineBytes, 0);
  const fits: ClassFit[] = [
    {
      largest: Math.floor((machine.freeDisk * SAFETY) / diskPerStudent),
      limit: `each student takes about ${size(diskPerStudent)} in ${outDir}, which has ${size(machine.freeDisk)} free`,
    },
  ];
  if (documents.length > 0) {
    const mainHeap = RECORD_HEAP * lineBytes;
    fits.push({
      largest: Math.floor(((machine.heapLimit - machine.heapUsed) * SAFETY) / mainHeap),
      limit: `every record is kept for the class key, about ${size(mainHeap)} a student of a ${size(machine.heapLimit)} heap`,
    });
    const key = documents.includes('pdf') ? 'key.pdf' : 'key.md';
    // A class key volume: its students' records and its document, in one thread.
    const keyHeap = (RECORD_HEAP + Math.max(...documents.map((format) => CLASS_KEY_HEAP[format]))) * lineBytes;
    const keyResident = (RECORD_HEAP + documents.reduce((sum, format) => sum + CLASS_KEY_RESIDENT[format], 0)) * lineBytes;
    const perVolume = Math.max(1, Math.floor(CLASS_KEY_VOLUME_BYTES / lineBytes));
    const inThread = Math.floor(((machine.heapLimit - RENDER_THREAD_BASE) * SAFETY) / keyHeap);
    if (inThread < perVolume) {
      fits.push({
        largest: inThread,
        limit: `${key} (a volume of up to ${perVolume.toLocaleString('en-US')} students) is made whole in one thread, about ${size(keyHeap)} a student of its ${size(machine.heapLimit)} heap`,
      });
    }
    // Memory: the main thread's records, and a volume in flight per thread once there are several.
    const memory = machine.freeMemory * SAFETY;
    const oneVolume = Math.floor(memory / (mainHeap + keyResident));
    const volumes = Math.floor((memory - machine.threads * perVolume * keyResident) / mainHeap);
    fits.push({
      largest: oneVolume < perVolume ? oneVolume : Math.max(perVolume, volumes),
      limit:
        `the records (about ${size(mainHeap)} a student) and a volume of ${key} in each thread (about ` +
        `${size(keyResident)} a student of it) take the ${size(machine.freeMemory)} of memory free`,
    });
  }
  return fits.reduce((least, fit) => (fit.largest < least.largest ? fit : least));
}

/**
 * Why this class cannot be generated here in one run (null: it fits): how many
 * students fit and what bounds them, and that --shard splits the class.
 */
export function classSizeRefusal(
  bank: Bank,
  students: StudentList,
  documents: readonly DocumentFormat[],
  outDir: string,
  machine: Machine = thisMachine(outDir),
): string | null {
  const first = students[Symbol.iterator]().next();
  if (first.done) return null;
  // The first student's lines stand for everyone's (every student has the same problems and shapes).
  const drawn = drawChunk(bank, [first.value], () => {});
  const lineBytes = Buffer.byteLength(drawn.text);
  const rowBytes = Buffer.byteLength(first.value.id) + 1 + Object.values(drawn.parts).reduce((sum, ids) => sum + ids.length, 0);
  const fit = largestClass(lineBytes, rowBytes, documents, machine, outDir);
  if (students.length <= fit.largest) return null;
  const count = (n: number) => n.toLocaleString('en-US');
  return (
    `${count(students.length)} students do not fit on this machine in one run: at most about ${count(fit.largest)} ` +
    `(${fit.limit}). Split the class with --shard i/n (run i of n draws about 1/n of the students; ` +
    `sigmax merge joins the runs)${documents.length > 0 ? ', or leave the documents out (--format json)' : ', or write to a larger disk'}`
  );
}

/** Bytes for a person: 4.6 kB, 220 kB, 1.2 GB, 4.6 TB. */
function size(bytes: number): string {
  const units = ['bytes', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value < 10 && unit > 0 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}
