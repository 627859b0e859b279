import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBank } from '../../src/bank/bank.js';
import { type Student, countedStudents } from '../../src/bank/roster.js';
import { CLASS_KEY_VOLUME_BYTES, type Machine, classSizeRefusal, largestClass } from '../../src/variant/class-size.js';
import { drawInOrder } from '../../src/variant/parallel-draw.js';
import { writeVariants } from '../../src/variant/write-variants.js';
import { runCli, tempDir } from '../cli/run-cli.js';

const GB = 1e9;
const roomy: Machine = { freeDisk: 100 * GB, freeMemory: 20 * GB, heapLimit: 4 * GB, heapUsed: 0.05 * GB, threads: 2 };

describe('the largest class one run can hold', () => {
  it('is bound by the disk when only variants.jsonl and the answer sheet are written (they stream)', () => {
    // 4,600 bytes of lines and a 60-byte row a student: 80 % of 100 GB holds 17,167,381 students.
    const fit = largestClass(4600, 60, [], roomy, 'out');
    expect(fit.largest).toBe(Math.floor((100 * GB * 0.8) / 4660));
    expect(fit.limit).toBe('each student takes about 4.7 kB in out, which has 100 GB free');
  });

  it('is bound by the main thread’s records when PDFs are made (the class key is cut into volumes), by the disk when that is small', () => {
    const fit = largestClass(4600, 60, ['pdf'], roomy, 'out');
    // Every record kept on the main thread: 2 × 4,600 bytes a student of what its heap has left.
    expect(fit.largest).toBe(Math.floor(((4 * GB - 0.05 * GB) * 0.8) / (2 * 4600)));
    expect(fit.limit).toContain('every record is kept for the class key');
    const smallDisk = largestClass(4600, 60, ['pdf'], { ...roomy, freeDisk: GB }, 'out');
    expect(smallDisk.limit).toContain('which has 1.0 GB free');
    expect(smallDisk.largest).toBe(Math.floor((GB * 0.8) / (4600 + 60 + 49 * 4600)));
  });

  it('is bound by the class key’s thread only where one volume does not fit its heap', () => {
    // A volume: 24 MB of lines, 5,217 students of 4,600 bytes, at (2 + 51) bytes of heap a byte.
    expect(CLASS_KEY_VOLUME_BYTES).toBe(24_000_000);
    const smallHeap = largestClass(4600, 60, ['pdf'], { ...roomy, heapLimit: GB }, 'out');
    expect(smallHeap.largest).toBe(Math.floor(((GB - 150 * 2 ** 20) * 0.8) / (53 * 4600)));
    expect(smallHeap.limit).toContain('key.pdf (a volume of up to 5,217 students) is made whole in one thread');
    // With 2 GB, a volume fits (1.4 GB at most): the class is bound elsewhere.
    expect(largestClass(4600, 60, ['pdf'], { ...roomy, heapLimit: 2 * GB }, 'out').limit).toContain('every record is kept');
  });

  it('is bound by free memory: the records, and a volume of the class key in each thread once there are several', () => {
    // One volume's worth: main thread's records (2) + the volume's copy (2) and document (55) a byte.
    const tight = largestClass(4600, 60, ['pdf'], { ...roomy, freeMemory: GB }, 'out');
    expect(tight.largest).toBe(Math.floor((GB * 0.8) / (59 * 4600)));
    expect(tight.limit).toContain('a volume of key.pdf in each thread');
    // 3 GB: one volume fits, two threads' volumes (2.7 GB) leave no room for more records: one volume's class.
    expect(largestClass(4600, 60, ['pdf'], { ...roomy, freeMemory: 3 * GB }, 'out').largest).toBe(5217);
    // 6 GB: two volumes in flight, the rest for the records.
    const roomier = largestClass(4600, 60, ['pdf'], { ...roomy, freeMemory: 6 * GB }, 'out');
    expect(roomier.largest).toBe(Math.floor((6 * GB * 0.8 - 2 * 5217 * 57 * 4600) / (2 * 4600)));
  });

  it('refuses a class above it, pointing to --shard i/n', () => {
    const bank = loadBank('problem-banks/default.yaml');
    const tiny: Machine = { ...roomy, freeDisk: 50_000_000 };
    expect(classSizeRefusal(bank, countedStudents(1000), [], 'out', tiny)).toBeNull();
    const refused = classSizeRefusal(bank, countedStudents(100_000), [], 'out', tiny);
    expect(refused).toMatch(/^100,000 students do not fit on this machine in one run: at most about [\d,]+ \(each student takes about [\d.]+ kB in out, which has 50 MB free\)\. Split the class with --shard i\/n/);
  });
});

describe('sigmax generate --count above what fits', () => {
  it('exits 2 before anything is drawn or written', () => {
    const out = join(tempDir(), 'out');
    const run = runCli(['generate', '--count', '1000000000', '--format', 'json', '--out', out]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--count: 1,000,000,000 students do not fit on this machine in one run: at most about [\d,]+ \(each student takes about/);
    expect(run.stderr).toContain('--shard i/n');
    expect(existsSync(out)).toBe(false);
  });
});

describe('drawing a class as a stream', () => {
  it('takes students from the list only a few pieces ahead of what it has written', async () => {
    const bank = loadBank('problem-banks/week1-sigmoid-bce.yaml');
    let taken = 0;
    const students = countedStudents(3000);
    const counted = {
      length: students.length,
      *[Symbol.iterator](): Generator<Student> {
        for (const student of students) {
          taken++;
          yield student;
        }
      },
    };
    let handed = 0;
    let aheadMost = 0;
    await drawInOrder(
      bank,
      counted,
      ({ students: piece }) => {
        handed += piece.length;
        aheadMost = Math.max(aheadMost, taken - handed);
      },
      () => {},
      2,
    );
    expect(handed).toBe(3000);
    // Two workers, three pieces of 200 each ahead, and the piece being filled.
    expect(aheadMost).toBeLessThanOrEqual(2 * 3 * 200 + 200);
  });

  it('writes the same files whether it keeps the records or not', async () => {
    const bank = loadBank('problem-banks/week1-sigmoid-bce.yaml');
    const [kept, streamed] = [tempDir(), tempDir()];
    const a = await writeVariants(bank, countedStudents(850), kept, () => {}, 2);
    const b = await writeVariants(bank, countedStudents(850), streamed, () => {}, 2, { keepRecords: false });
    expect(a.variants).toHaveLength(2550);
    expect(b.variants).toEqual([]);
    for (const file of ['variants.jsonl', 'answer-sheet.csv']) {
      expect(readFileSync(join(streamed, file), 'utf8'), file).toBe(readFileSync(join(kept, file), 'utf8'));
    }
    expect(b.parts).toEqual(a.parts);
  });
});
