import { closeSync, existsSync, mkdirSync, openSync, readSync, readdirSync, renameSync, rmSync, rmdirSync, writeFile } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { unsafeFileName } from '../bank/roster.js';
import { AtomicFile, writeFileAtomic } from '../io/atomic-file.js';
import type { OutputManifest, OutputPlaces } from '../io/output-manifest.js';
import { GRADEBOOK_FILES, type Gradebook } from './gradebook.js';

/** The files grade writes into --out besides feedback/<student>.md. */
const GRADE_FILES: readonly string[] = ['details.csv', 'grades.csv', 'rejected.csv', 'report.md'];
/** The gradebook files grade writes when asked (--gradebook). */
const GRADEBOOK_FILE_NAMES: readonly string[] = Object.values(GRADEBOOK_FILES);
const FEEDBACK = 'feedback';

/** Where grade writes in --out: the only files a later grade run may remove. */
export const GRADE_PLACES: OutputPlaces = {
  command: 'grade',
  owns: (path) => GRADE_FILES.includes(path) || GRADEBOOK_FILE_NAMES.includes(path) || /^feedback\/[^/]+\.md$/.test(path),
  folders: [FEEDBACK],
};

/** Every file a grading of these students writes, relative to --out (no feedback file for an id that cannot name one). */
export function gradeFiles(students: Iterable<string>, gradebooks: readonly Gradebook[] = []): Set<string> {
  const files = new Set([...GRADE_FILES, ...gradebooks.map((book) => GRADEBOOK_FILES[book])]);
  for (const student of students) if (feedbackRefusal(student) === null) files.add(`${FEEDBACK}/${student}.md`);
  return files;
}

/**
 * Everything grade writes into --out, each under a temporary name until
 * commit(): an interrupted run leaves no half-written grades.csv (nor
 * details, report or feedback). feedback/ is filled as a temporary folder
 * and swapped in whole; what the earlier folder held that no grade run wrote
 * (the user's files) is moved into the new one, never removed.
 */
export class GradeOutputs {
  readonly details: BufferedFile;
  readonly rejected: BufferedFile;
  private readonly feedbackTemporary: string;
  private readonly feedback: FeedbackWriter;
  /** Feedback files grading workers wrote into the same folder. */
  private feedbackFromWorkers = 0;
  private closed = false;

  /** `manifest` says what the earlier run wrote; `written` is what this one writes (gradeFiles). */
  constructor(
    readonly dir: string,
    private readonly manifest: OutputManifest,
    private readonly written: ReadonlySet<string>,
  ) {
    mkdirSync(dir, { recursive: true });
    this.details = new BufferedFile(join(dir, 'details.csv'));
    this.rejected = new BufferedFile(join(dir, 'rejected.csv'));
    this.feedbackTemporary = join(dir, `feedback.tmp-${process.pid}`);
    rmSync(this.feedbackTemporary, { recursive: true, force: true });
    mkdirSync(this.feedbackTemporary);
    this.feedback = new FeedbackWriter(this.feedbackTemporary);
  }

  /** Writes feedback/<student>.md, or returns why not (see FeedbackWriter.write). */
  writeFeedback(student: string, markdown: string): string | null {
    return this.feedback.write(student, markdown);
  }

  roomToWrite(): Promise<void> | null {
    return this.feedback.roomToWrite();
  }

  settle(): Promise<void> {
    return this.feedback.settle();
  }

  get feedbackCount(): number {
    return this.feedback.count + this.feedbackFromWorkers;
  }

  /** Where feedback files go until commit(), for a grading worker that writes its own. */
  get feedbackFolder(): string {
    return this.feedbackTemporary;
  }

  /** Counts the files a grading worker wrote into feedbackFolder. */
  countFeedback(files: number): void {
    this.feedbackFromWorkers += files;
  }

  /**
   * Puts every file in place; grades.csv last, so it appears only once the rest is there.
   * Then removes what the earlier run wrote and this one did not (a student no longer in
   * the variants file), and records what this one wrote.
   */
  commit(files: { grades: string; report: string; gradebooks?: Readonly<Record<string, string>> }): string[] {
    this.manifest.willWrite(this.written);
    const feedback = join(this.dir, FEEDBACK);
    const old = join(this.dir, `${FEEDBACK}.old-${process.pid}`);
    const earlier = existsSync(feedback);
    if (earlier) renameSync(feedback, old);
    renameSync(this.feedbackTemporary, feedback);
    if (earlier) this.keepOthersFiles(old, feedback);
    this.details.commit();
    this.rejected.commit();
    writeFileAtomic(join(this.dir, 'report.md'), files.report);
    const gradebooks = Object.entries(files.gradebooks ?? {});
    for (const [name, text] of gradebooks) writeFileAtomic(join(this.dir, name), text);
    writeFileAtomic(join(this.dir, 'grades.csv'), files.grades);
    this.manifest.commit(this.written);
    this.closed = true;
    return ['details.csv', 'grades.csv', 'rejected.csv', 'report.md', 'feedback/', ...gradebooks.map(([name]) => name)].map((f) => join(this.dir, f));
  }

  /**
   * The earlier feedback folder, swapped out: the files a grade run wrote (this one again,
   * or the earlier one by its manifest) go; anything else moves into the new folder.
   */
  private keepOthersFiles(old: string, feedback: string): void {
    for (const entry of readdirSync(old, { withFileTypes: true })) {
      const path = `${FEEDBACK}/${entry.name}`;
      const ours = entry.isFile() && (this.written.has(path) || this.manifest.previous.has(path));
      if (ours) rmSync(join(old, entry.name));
      else renameSync(join(old, entry.name), join(feedback, entry.name));
    }
    rmdirSync(old);
  }

  /** Removes every temporary file; what an earlier run wrote stays as it was. */
  abort(): void {
    if (this.closed) return;
    this.details.abort();
    this.rejected.abort();
    rmSync(this.feedbackTemporary, { recursive: true, force: true });
    this.closed = true;
  }
}

/** Why a student id may not name a feedback file, or null when it may. */
export function feedbackRefusal(student: string): string | null {
  const unsafe = unsafeFileName(student);
  return unsafe ? `student id ${JSON.stringify(student)} ${unsafe}; no feedback file written for it` : null;
}

/**
 * Files written at once, a bound on the memory they hold (~5 KB each). Not small: a
 * file takes three thread-pool steps (open, write, close), and each step's callback
 * waits for the grading thread to yield to the event loop, which it does once per
 * 64 KB of variants.jsonl (~17 students). At 32 the grader waited for room after
 * nearly every student (1.5-5 s of the bench's wall time on a busy machine); at 512 never.
 */
const MAX_WRITING = 512;

/**
 * Feedback files written in the background, by libuv's thread pool beside the
 * grading thread (the main one or a worker), at most MAX_WRITING at once.
 * Written one after the other instead, a worker spent more time creating files
 * than grading (~1.7 ms a file on a busy machine).
 */
export class FeedbackWriter {
  private written = 0;
  private writing = 0;
  private writeFailure: Error | undefined;
  private waiting: (() => void)[] = [];

  constructor(readonly folder: string) {}

  /**
   * Writes <folder>/<student>.md; returns why not when the student id cannot
   * be a file name inside the folder (`../x`, `/etc/x`), and writes nothing then.
   */
  write(student: string, markdown: string): string | null {
    const path = feedbackPath(this.folder, student);
    if (!path.ok) return path.refused;
    this.written++;
    this.writing++;
    // Written plainly, not one by one atomically: the folder as a whole is swapped in on commit.
    writeFile(path.path, markdown, (error) => {
      this.writing--;
      if (error) this.writeFailure ??= error;
      if (this.writing < MAX_WRITING) for (const wake of this.waiting.splice(0)) wake();
    });
    return null;
  }

  /** Resolves once fewer than MAX_WRITING files are being written (null: already so). */
  roomToWrite(): Promise<void> | null {
    return this.writing < MAX_WRITING ? null : new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Waits for every file being written; throws the first write error. */
  async settle(): Promise<void> {
    while (this.writing > 0) await new Promise<void>((resolve) => this.waiting.push(resolve));
    if (this.writeFailure) throw this.writeFailure;
  }

  /** Files written (or being written). */
  get count(): number {
    return this.written;
  }
}

/** The path of <folder>/<student>.md, or why a student id may not name a file there. */
export function feedbackPath(folder: string, student: string): { ok: true; path: string } | { ok: false; refused: string } {
  const refused = feedbackRefusal(student);
  if (refused) return { ok: false, refused };
  // The name check is the rule; this is the guarantee.
  const path = resolve(folder, `${student}.md`);
  const inside = relative(resolve(folder), path);
  if (inside.startsWith('..') || inside.includes(sep)) {
    return { ok: false, refused: `student id ${JSON.stringify(student)} leaves the folder; no feedback file written for it` };
  }
  return { ok: true, path };
}

/**
 * An atomic file written in chunks of about 64 KB: one write per row would be slow, and
 * larger chunks outlive V8's young generation, so every row written became old-generation garbage.
 */
export const WRITE_CHUNK = 1 << 16;

export class BufferedFile {
  private readonly file: AtomicFile;
  private pending: string[] = [];
  private pendingLength = 0;
  private readonly chunk: number;
  private readonly encode: ((text: string) => Uint8Array) | undefined;

  /**
   * `chunk`: characters gathered before a write (default WRITE_CHUNK); `encode`: what
   * each gathered chunk is written as (default its UTF-8 text; gzipSync makes each a gzip member).
   */
  constructor(
    readonly path: string,
    options: { chunk?: number; encode?: (text: string) => Uint8Array } = {},
  ) {
    this.file = new AtomicFile(path);
    this.chunk = options.chunk ?? WRITE_CHUNK;
    this.encode = options.encode;
  }

  write(text: string): void {
    this.pending.push(text);
    this.pendingLength += text.length;
    if (this.pendingLength > this.chunk) this.flush();
  }

  /** Appends bytes as they are (a shard's rows, joined by the merge). */
  writeBytes(bytes: Uint8Array): void {
    this.flush();
    this.file.writeBytes(bytes);
  }

  /** Appends a whole file (a worker's part of details.csv), a megabyte at a time. */
  append(path: string): void {
    this.flush();
    const fd = openSync(path, 'r');
    try {
      const buffer = Buffer.allocUnsafe(1 << 20);
      for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) {
        this.file.writeBytes(buffer.subarray(0, read));
      }
    } finally {
      closeSync(fd);
    }
  }

  commit(): void {
    this.flush();
    this.file.commit();
  }

  abort(): void {
    this.pending = [];
    this.file.abort();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const text = this.pending.join('');
    if (this.encode) this.file.writeBytes(this.encode(text));
    else this.file.write(text);
    this.pending = [];
    this.pendingLength = 0;
  }
}
