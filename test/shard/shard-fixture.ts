// What the shard tests share: the CLI run as separate processes (several at
// once, with a batch engine's variables), a class whose roster and answers
// have the awkward cases in them, and a byte-for-byte comparison of folders.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { D } from '../../src/engine/decimal.js';
import { afterAll, expect } from 'vitest';
import { ROOT } from '../cli/run-cli.js';

const made: string[] = [];
/** A fresh folder, removed when the test file is done. */
export const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'sigmax-shard-'));
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Every variable a batch engine sets: removed from the children's environment unless a test sets it. */
const ENGINE_VARIABLES = /^(JOB_COMPLETION_INDEX|SIGMAX_SHARDS|SLURM_ARRAY_.*|AWS_BATCH_JOB_ARRAY_.*|CI_NODE_.*)$/;

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The CLI from source in a process of its own, with `env` over a clean environment. */
export function sigmax(args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<Run> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !ENGINE_VARIABLES.test(name)));
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), ...args], {
    cwd: ROOT,
    env: { ...clean, ...env },
  });
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (data: Buffer) => (out.stdout += data.toString()));
  child.stderr.on('data', (data: Buffer) => (out.stderr += data.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, ...out }));
  });
}

/** Runs the shards' processes, a few at a time, and checks each exits 0. */
export async function runShards(runs: readonly { args: readonly string[]; env?: Record<string, string> }[]): Promise<Run[]> {
  const results: Run[] = [];
  for (let at = 0; at < runs.length; at += 4) {
    const batch = await Promise.all(runs.slice(at, at + 4).map(({ args, env }) => sigmax(args, env)));
    for (const run of batch) expect(run.status, run.stderr).toBe(0);
    results.push(...batch);
  }
  return results;
}

/** Every file under a folder (hidden ones too), relative, with /, sorted. */
export function filesUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .sort();
}

/** The two folders hold the same files with the same bytes (or, given `files`, these files). */
export function expectSameFolder(actual: string, expected: string, files?: readonly string[]): void {
  if (!files) {
    files = filesUnder(expected);
    expect(filesUnder(actual)).toEqual(files);
  }
  for (const file of files) {
    const [a, b] = [readFileSync(join(actual, file)), readFileSync(join(expected, file))];
    expect(a.equals(b), `${file} differs`).toBe(true);
  }
}

/**
 * A roster of `count` students whose ids are not in hash order, with the awkward
 * ones: a formula-like id (written '-ab in CSVs), a space, Persian letters, a comma in a name.
 */
export function writeRoster(dir: string, count: number): string {
  const special = ['-ab', 'ann lee', 'دانشجو۱', 'o\'neil'];
  const ids = Array.from({ length: count }, (_, i) => special[i] ?? `st${String((i * 37) % 101).padStart(3, '0')}-${i}`);
  const rows = ids.map((id, i) => `"${id}","Name ${i}, Jr."`);
  const file = join(dir, 'roster.csv');
  writeFileSync(file, `student_id,name\n${rows.join('\n')}\n`);
  return file;
}

interface Record_ {
  student: string;
  problem: string;
  family: string;
  given: Record<string, unknown>;
  answers: Record<string, unknown>;
}

/** Flat part ids and key texts of an answers object, in the order of the answer sheet. */
function flatten(answers: unknown, path: string, into: [string, string][]): void {
  if (typeof answers === 'string') into.push([path, answers]);
  else if (Array.isArray(answers)) answers.forEach((sub, i) => flatten(sub, `${path}[${i + 1}]`, into));
  else for (const [key, sub] of Object.entries(answers as object)) flatten(sub, path ? `${path}.${key}` : key, into);
}

/**
 * A wide submissions file for the class of `variantsFile`: most students answer,
 * each cell right, blank, text, off by half, or (for sigmoid-bce-step's w_new) the
 * update-sign misconception; some students hand in nothing; rows for unknown
 * students, a duplicate, an empty row, and last an unclosed quote.
 */
export function writeSubmissions(dir: string, variantsFile: string): string {
  const records = readFileSync(variantsFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record_);
  const students = [...new Set(records.map((r) => r.student))];
  const columns: string[] = [];
  const cells = new Map<string, Map<string, string>>();
  let k = 0;
  for (const record of records) {
    const parts: [string, string][] = [];
    flatten(record.answers, '', parts);
    let row = cells.get(record.student);
    if (!row) cells.set(record.student, (row = new Map()));
    for (const [part, key] of parts) {
      const column = `${record.problem}.${part}`;
      if (!columns.includes(column)) columns.push(column);
      const pick = (k++ * 7) % 10;
      let answer = key;
      if (pick === 6) answer = '';
      if (pick === 7) answer = 'abc';
      if (pick === 8) answer = new D(key).times(1.5).toString();
      const sign = /^w_new\[(\d+)\]$/.exec(part);
      if (pick === 9 && record.family === 'sigmoid-bce-step' && sign) {
        // update-sign: w + lr·dw instead of w − lr·dw
        const j = Number(sign[1]) - 1;
        const given = record.given as { w: string[]; lr: string };
        const dw = (record.answers as { dw: string[] }).dw[j]!;
        answer = new D(given.w[j]!).plus(new D(given.lr).times(dw)).toString();
      }
      row.set(column, answer);
    }
  }
  const quote = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
  const lines = [['student', ...columns].join(',')];
  students.forEach((student, at) => {
    if (at % 5 === 3) return; // no submission
    const row = cells.get(student)!;
    lines.push([quote(student.startsWith('-') ? `'${student}` : student), ...columns.map((c) => row.get(c) ?? '')].join(','));
    if (at === 2) lines.push('nobody-here,0.5,1');
    if (at === 4) lines.push([quote(students[0]!), '0.25'].join(','));
    if (at === 6) lines.push(',,,');
  });
  lines.push('s-unclosed,"0.5');
  const file = join(dir, 'answers.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}
