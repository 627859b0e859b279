import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * A file written under a temporary name and renamed into place on commit(),
 * so an interrupted run never leaves a half-written file behind.
 */
export class AtomicFile {
  private readonly temporary: string;
  private fd: number | null;

  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.temporary = `${path}.tmp-${process.pid}`;
    this.fd = openSync(this.temporary, 'w');
  }

  write(text: string): void {
    if (this.fd === null) throw new Error(`${this.path}: already closed`);
    writeSync(this.fd, text);
  }

  writeBytes(bytes: Uint8Array): void {
    if (this.fd === null) throw new Error(`${this.path}: already closed`);
    writeSync(this.fd, bytes);
  }

  commit(): void {
    if (this.fd === null) throw new Error(`${this.path}: already closed`);
    fsyncSync(this.fd);
    closeSync(this.fd);
    this.fd = null;
    renameSync(this.temporary, this.path);
  }

  abort(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    rmSync(this.temporary, { force: true });
  }
}

/** Writes a whole file atomically. */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  const file = new AtomicFile(path);
  try {
    if (typeof content === 'string') file.write(content);
    else file.writeBytes(content);
    file.commit();
  } catch (error) {
    file.abort();
    throw error;
  }
}
