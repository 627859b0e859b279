import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { VariantRecord } from '../../src/variant/record.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Runs `sigmax` from source in a process of its own (workers load TypeScript through tsx). */
export function sigmax(args: string[], env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  if (run.status !== 0) throw new Error(`sigmax ${args.join(' ')} exited ${run.status}:\n${run.stderr}`);
  return run;
}

export const tempDir = () => mkdtempSync(join(tmpdir(), 'sigmax-render-'));

export function readVariants(out: string): VariantRecord[] {
  return readFileSync(join(out, 'variants.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as VariantRecord);
}
