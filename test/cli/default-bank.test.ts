import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from './run-cli.js';

/** tsx by its path: `--import tsx` is looked up from the folder the command runs in. */
const TSX = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

/** The CLI from source, run in `cwd` (not the repository). */
function runIn(cwd: string, args: string[]) {
  const run = spawnSync(process.execPath, ['--import', TSX, join(ROOT, 'src/cli/main.ts'), ...args], { cwd, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const setOf = (variantsFile: string) => (JSON.parse(readFileSync(variantsFile, 'utf8').split('\n')[0]!) as { set: string }).set;

describe('without --bank', () => {
  it('uses the bank sigmax comes with when run from another folder, and says which file', () => {
    const elsewhere = tempDir();
    const run = runIn(elsewhere, ['generate', '--format', 'json', '--out', 'out']);
    expect(run.status, run.stderr).toBe(0);
    const packaged = join(ROOT, 'problem-banks', 'default.yaml');
    expect(run.stderr).toContain(`note: no --bank and no problem-banks/default.yaml in ${elsewhere}: using the bank sigmax comes with, ${packaged}`);
    expect(run.stdout).toContain(`${packaged}: 1 student(s) × 3 problem(s)`);
    expect(setOf(join(elsewhere, 'out', 'variants.jsonl'))).toBe('demo-set');
    const validate = runIn(elsewhere, ['validate']);
    expect(validate.status, validate.stderr).toBe(0);
    expect(validate.stdout).toContain(`${packaged}: valid (3 problems)`);
    const exported = runIn(elsewhere, ['export', '--format', 'moodle', '--out', 'lms']);
    expect(exported.status, exported.stderr).toBe(0);
    expect(exported.stderr).toContain('using the bank sigmax comes with');
  });

  it('prefers problem-banks/default.yaml in the folder it runs in, as the contract names it', () => {
    const course = tempDir();
    mkdirSync(join(course, 'problem-banks'));
    copyFileSync(join(ROOT, 'problem-banks', 'week3-softmax.yaml'), join(course, 'problem-banks', 'default.yaml'));
    const run = runIn(course, ['generate', '--format', 'json', '--out', 'out']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).not.toContain('note: no --bank');
    expect(run.stdout).toContain('problem-banks/default.yaml: 1 student(s)');
    expect(setOf(join(course, 'out', 'variants.jsonl'))).not.toBe('demo-set');
  });
});
