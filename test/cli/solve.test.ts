import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './run-cli.js';

/** Persian Markdown isolates its code spans (LRI … PDI, see rtl-markdown.test.ts); read here without the marks. */
const withoutCodeIsolates = (markdown: string) => markdown.replace(/\u2066(`[^`\n]+`)\u2069/g, '$1');

type Answers = Record<string, string | string[] | string[][]>;

function solveFile(family: string, json: string) {
  const dir = tempDir();
  writeFileSync(join(dir, 'given.json'), json);
  const run = runCli(['solve', '--family', family, '--given', join(dir, 'given.json'), '--out', dir]);
  const read = () => JSON.parse(readFileSync(join(dir, 'solution.json'), 'utf8')) as { family: string; answers: Answers };
  return { ...run, dir, read };
}

function writeGiven(json: string): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'given.json'), json);
  return dir;
}

const round4 = (x: string) => Number(x).toFixed(4);

describe('sigmax solve', () => {
  it('corrects the worked example of notes 004: ŷ ≈ (0.3469, 0.0211, 0.6320), dW = dz xᵀ', () => {
    const run = runCli(['solve', '--family', 'softmax-ce-step', '--given', 'examples/notes-004-softmax.json', '--out', tempDir()]);
    expect(run.status, run.stderr).toBe(0);
    const out = run.stdout.match(/→ (.*solution\.json)/)![1]!;
    const { answers } = JSON.parse(readFileSync(out, 'utf8')) as { answers: Answers };
    expect((answers.yhat as string[]).map(round4)).toEqual(['0.3469', '0.0211', '0.6320']);
    const dW = answers.dW as string[][];
    // Row i is class i: dW[i][j] = dz_i · x_j, so row 2 is −0.979 · (1, 3, 0); the notes print its transpose.
    expect(dW[1]!.map(round4)).toEqual(['-0.9789', '-2.9367', '0.0000']);
    expect(dW.map((row) => round4(row[2]!))).toEqual(['0.0000', '0.0000', '0.0000']);
    expect((answers.b_new as string[]).map(round4)).toEqual(['-0.2469', '1.0789', '-0.5320']);
  });

  it('reads numbers exactly and says which values came from the defaults', () => {
    const run = solveFile('sigmoid-bce-step', '{"x": [0.7, -1.3], "w": [0.25, -0.4], "b": 0.1, "y": 1}');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain('lr = 0.1 (not in the file');
    expect(run.read().answers.z).toBe('0.795');
  });

  it('solves a two-layer network and a multi-label step', () => {
    const mlp = solveFile(
      'mlp-backprop',
      JSON.stringify({ x: ['1', '0.5'], y: ['1', '0'], W1: [['0.1', '0.2'], ['-0.3', '0.4']], b1: ['0', '0'], W2: [['0.5', '-0.5'], ['0.3', '0.2']], b2: ['0', '0'], lr: '0.5', hidden: 'sigmoid', output: 'sigmoid-bce' }),
    );
    expect(mlp.status, mlp.stderr).toBe(0);
    expect(mlp.read().answers.net1).toEqual(['0.2', '-0.1']);
    const multi = solveFile('sigmoid-multilabel-step', JSON.stringify({ x: ['1'], y: ['1', '0'], W: [['0'], ['0']], b: ['0', '0'], reduction: 'mean' }));
    expect(multi.status, multi.stderr).toBe(0);
    expect(multi.read().answers.dz).toEqual(['-0.25', '0.25']);
  });

  it('names the line and field of sizes that disagree and of missing givens', () => {
    const run = solveFile('softmax-ce-step', '{"x": [1, 3], "y": [0, 1, 0],\n "W": [[0.1, 0.2, -0.3]], "b": [0.1]}');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('given.json:2: W: expected 3 values (classes, as y has), got 1');
    const missing = solveFile('sigmoid-bce-step', '{"x": [1], "w": [1], "y": 1}');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('b: missing; sigmoid-bce-step needs it');
  });

  it('writes the worked solution as PDF and Markdown on request', () => {
    const out = tempDir();
    const run = runCli(['solve', '--family', 'softmax-ce-step', '--given', 'examples/notes-004-softmax.json', '--out', out, '--format', 'json,pdf,md']);
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(join(out, 'solution.md'), 'utf8')).toContain('0.3469');
    expect(readFileSync(join(out, 'solution.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    const text = spawnSync('pdftotext', [join(out, 'solution.pdf'), '-'], { encoding: 'utf8' });
    if (text.error) console.warn('pdftotext not installed: PDF text of the worked solution not checked');
    else expect(text.stdout).toContain('0.3469');
  });

  it('writes the worked solution in Persian with --locale fa: Persian words, formulas in TeX with Latin digits', () => {
    const out = tempDir();
    const run = runCli(['solve', '--family', 'softmax-ce-step', '--given', 'examples/notes-004-softmax.json', '--out', out, '--format', 'json,md', '--locale', 'fa']);
    expect(run.status, run.stderr).toBe(0);
    const md = withoutCodeIsolates(readFileSync(join(out, 'solution.md'), 'utf8'));
    expect(md).toMatch(/^---\ntitle: "softmax-ce-step: حل کامل"\n(?:.+\n)*dir: "rtl"\n/);
    for (const words of ['# حل کامل: softmax-ce-step', 'قاعدهٔ زنجیره\u200cای', '## همهٔ پاسخ\u200cها', 'گردشده تا 4 رقم معنادار']) expect(md, words).toContain(words);
    expect(md).toContain('\\approx 0.3469$$');
    expect(md).toContain('| `yhat[1]` | $\\hat y_{1}$ | 0.3469 |');
    expect(md).not.toMatch(/Worked solution|All answers|Forward pass/);
  });

  it('prints the Persian worked solution’s prose numbers in Persian digits with --digits persian', () => {
    const out = tempDir();
    const run = runCli(['solve', '--family', 'softmax-ce-step', '--given', 'examples/notes-004-softmax.json', '--out', out, '--format', 'json,md', '--locale', 'fa', '--digits', 'persian']);
    expect(run.status, run.stderr).toBe(0);
    const md = withoutCodeIsolates(readFileSync(join(out, 'solution.md'), 'utf8'));
    expect(md).toContain('گردشده تا ۴ رقم معنادار');
    expect(md).toContain('| `yhat[1]` | $\\hat y_{1}$ | ۰٫۳۴۶۹ |');
    expect(md).toContain('| `dz[2]` | $\\partial L/\\partial z_{2}$ | \u2066−۰٫۹۷۸۹\u2069 |');
    expect(md).toContain('\\approx 0.3469$$');
    // solution.json keeps Latin digits.
    expect(readFileSync(join(out, 'solution.json'), 'utf8')).not.toMatch(/[۰-۹]/);
  });

  it('writes the worked solution in Romanian as Markdown and PDF with --locale ro', () => {
    const out = tempDir();
    const run = runCli(['solve', '--family', 'sigmoid-bce-step', '--given', join(writeGiven('{"x": [0.7, -1.3], "w": [0.25, -0.4], "b": 0.1, "y": 1}'), 'given.json'), '--out', out, '--format', 'json,pdf,md', '--locale', 'ro']);
    expect(run.status, run.stderr).toBe(0);
    const md = withoutCodeIsolates(readFileSync(join(out, 'solution.md'), 'utf8'));
    expect(md).toContain('# Rezolvare completă: sigmoid-bce-step');
    expect(md).toContain('## Toate răspunsurile');
    expect(md).not.toContain('dir:');
    const text = spawnSync('pdftotext', [join(out, 'solution.pdf'), '-'], { encoding: 'utf8' });
    if (text.error) console.warn('pdftotext not installed: PDF text of the Romanian worked solution not checked');
    else {
      expect(text.stdout).toContain('Rezolvare completă');
      expect(text.stdout).not.toMatch(/Worked solution|All answers/);
    }
  });

  it('writes a Persian PDF worked solution, with Persian digits too', () => {
    const out = join(tempDir(), 'out');
    const run = runCli(['solve', '--family', 'softmax-ce-step', '--given', 'examples/notes-004-softmax.json', '--out', out, '--format', 'pdf', '--locale', 'fa', '--digits', 'persian']);
    expect(run.status, run.stderr).toBe(0);
    const pdf = readdirSync(out).filter((f) => f.endsWith('.pdf'));
    expect(pdf).toHaveLength(1);
    expect(readFileSync(join(out, pdf[0]!)).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('refuses Persian digits in a left-to-right PDF as bad usage (exit 2) and writes nothing', () => {
    const out = join(tempDir(), 'out');
    const run = runCli(['solve', '--family', 'softmax-ce-step', '--given', 'examples/notes-004-softmax.json', '--out', out, '--format', 'json,pdf', '--locale', 'en', '--digits', 'persian']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Persian digits in a PDF need the Persian (right-to-left) layout');
    expect(existsSync(out)).toBe(false);
    expect(runCli(['solve', '--family', 'softmax-ce-step', '--given', 'examples/notes-004-softmax.json', '--locale', 'de']).status).toBe(2);
  });

  it('refuses an unknown family as bad usage', () => {
    expect(runCli(['solve', '--family', 'perceptron', '--given', 'x.json']).status).toBe(2);
  });
});
