// workerPool runs workers as TypeScript from src/ (tests, through tsx) and as
// compiled JavaScript from dist/ (what users run): both ways are tried here.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { workerPool } from '../../src/threads/worker-pool.js';
import { ROOT, runCli, tempDir } from '../cli/run-cli.js';

describe('workerPool', () => {
  it('runs a TypeScript worker in threads of its own, as many as asked', async () => {
    const pool = workerPool<number, { square: number; threadId: number }>(new URL('./square-worker.js', import.meta.url), 2);
    try {
      const results = await Promise.all([1, 2, 3, 4, 5].map((n) => pool.run(n)));
      expect(results.map((r) => r.square)).toEqual([1, 4, 9, 16, 25]);
      expect(results.every((r) => r.threadId !== threadId)).toBe(true);
      expect(pool.threads).toHaveLength(2);
    } finally {
      await pool.destroy();
    }
  });

  describe('from compiled JavaScript', () => {
    // Inside node_modules so that the compiled files find the packages as dist/ does.
    const compiled = join(ROOT, 'node_modules', '.cache', `sigmax-compiled-${process.pid}`);
    afterAll(() => rmSync(compiled, { recursive: true, force: true }));
    const compiledCli = (args: string[]) => {
      const run = spawnSync(process.execPath, [join(compiled, 'cli/main.js'), ...args], { cwd: ROOT, encoding: 'utf8' });
      return { status: run.status, stdout: run.stdout, stderr: run.stderr };
    };

    it('draws and grades in worker threads exactly as the source does in one thread', () => {
      const build = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', compiled], {
        cwd: ROOT,
        encoding: 'utf8',
      });
      expect(build.status, build.stdout + build.stderr).toBe(0);
      const dir = tempDir();
      const bank = ['--bank', 'problem-banks/week1-sigmoid-bce.yaml', '--format', 'json'];
      // 820 students: enough for two drawing workers (see STUDENTS_PER_WORKER).
      const drawn = compiledCli(['generate', ...bank, '--count', '820', '--workers', '2', '--out', join(dir, 'compiled')]);
      expect(drawn.status, drawn.stderr).toBe(0);
      expect(runCli(['generate', ...bank, '--count', '820', '--workers', '1', '--out', join(dir, 'source')]).status).toBe(0);
      const variants = readFileSync(join(dir, 'source', 'variants.jsonl'), 'utf8');
      expect(readFileSync(join(dir, 'compiled', 'variants.jsonl'), 'utf8')).toBe(variants);

      // Every student answers 0.25 to every part: a mix of verdicts to grade.
      const sheet = readFileSync(join(dir, 'source', 'answer-sheet.csv'), 'utf8').split('\n');
      const answered = sheet.map((line, k) => (k === 0 || line === '' ? line : line.replace(/,/g, ',0.25')));
      writeFileSync(join(dir, 'answers.csv'), answered.join('\n'));
      const grade = (run: typeof runCli, out: string, workers: string) =>
        run(['grade', '--variants', join(dir, 'source', 'variants.jsonl'), '--submissions', join(dir, 'answers.csv'), '--out', join(dir, out), '--workers', workers]);
      const graded = grade(compiledCli, 'graded-compiled', '2');
      expect(graded.status, graded.stderr).toBe(0);
      expect(grade(runCli, 'graded-source', '1').status).toBe(0);
      for (const file of ['details.csv', 'grades.csv', 'report.md', 'feedback/s001.md', 'feedback/s820.md']) {
        expect(readFileSync(join(dir, 'graded-compiled', file), 'utf8'), file).toBe(readFileSync(join(dir, 'graded-source', file), 'utf8'));
      }
      expect(readdirSync(join(dir, 'graded-compiled', 'feedback'))).toHaveLength(820);
      expect(readFileSync(join(dir, 'graded-source', 'details.csv'), 'utf8')).toContain(',0.25,');
      rmSync(dir, { recursive: true, force: true });
    });
  });
});
