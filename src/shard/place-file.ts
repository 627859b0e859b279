import { closeSync, copyFileSync, fsyncSync, linkSync, mkdirSync, openSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';

/** Errors of link() that mean "not here": another file system, or one without hard links. */
const NO_LINK = new Set(['EXDEV', 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EMLINK', 'ENOSYS']);

/**
 * Puts a shard's file at `to`: a hard link where the file system allows (no copy,
 * and the shard keeps its file, so the merge can be run again), else a copy; under
 * a temporary name renamed into place, so `to` is never half there. A later run
 * that rewrites either file replaces it by renaming, so the other stays as it was.
 */
export function placeFile(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true });
  const temporary = `${to}.tmp-${process.pid}`;
  rmSync(temporary, { force: true });
  try {
    try {
      linkSync(from, temporary);
    } catch (error) {
      if (!NO_LINK.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
      copyFileSync(from, temporary);
      const fd = openSync(temporary, 'r+');
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
    renameSync(temporary, to);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
