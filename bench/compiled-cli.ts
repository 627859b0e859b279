// The benches that time `sigmax` as a user runs it use the compiled CLI (dist/),
// built first when src/ is newer.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CLI = join(ROOT, 'bin', 'sigmax.js');

function newest(dir: string): number {
  return Math.max(
    0,
    ...readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs)),
  );
}

export function buildIfStale() {
  const built = (() => {
    try {
      return statSync(join(ROOT, 'dist', 'cli', 'main.js')).mtimeMs;
    } catch {
      return 0;
    }
  })();
  if (built >= newest(join(ROOT, 'src'))) return;
  const run = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, encoding: 'utf8' });
  if (run.status !== 0) console.log(`warning: build reported errors (dist/ may be partly stale):\n${run.stdout}`);
}
