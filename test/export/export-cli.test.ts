import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../cli/run-cli.js';
import { extractCloze } from './moodle-cloze-grammar.js';

// x1 = 0 makes dw[1] = dz·x1 exactly 0; with abs: 0 its interval has width 0.
const ZERO_BANK = `id: zero
seed: s
problems:
  - id: q1
    family: sigmoid-bce-step
    params: { features: 2, lr: 0.1 }
    given: { x: [0, 1], w: [0.5, -0.5], b: 0.1, y: 1 }
    tolerance: { rel: 0.01, abs: 0 }
`;

describe('sigmax export', () => {
  it('exports a tolerance it cannot express with a warning naming the problem and part', () => {
    const dir = tempDir('sigmax-export-');
    writeFileSync(join(dir, 'zero.yaml'), ZERO_BANK);
    const run = runCli(['export', '--bank', join(dir, 'zero.yaml'), '--format', 'moodle,qti12', '--count', '2', '--out', join(dir, 'out')]);
    expect(run.status, run.stderr).toBe(0);
    const warnings = run.stderr.split('\n').filter((line) => line.startsWith('warning:'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^warning: q1\.dw\[1\]: its interval has width 0 .*\(2 variant\(s\): s001, s002\)/);
    const xml = readFileSync(join(dir, 'out', 'moodle.xml'), 'utf8');
    const question = /<!\[CDATA\[([\s\S]*?)\]\]>/.exec(xml)![1]!;
    const dw1 = extractCloze(question).slots[4]!.alternatives[0]!;
    expect(dw1.number).toEqual({ value: '0', margin: '0' });
    expect(run.stdout).toContain('canvas-qti.zip');
  });

  it('writes the same bytes on every run', () => {
    const [a, b] = [tempDir('sigmax-export-a-'), tempDir('sigmax-export-b-')];
    for (const out of [a, b]) {
      const run = runCli(['export', '--bank', 'problem-banks/week3-softmax.yaml', '--format', 'qti12,moodle', '--count', '2', '--seed', 'x', '--out', out]);
      expect(run.status, run.stderr).toBe(0);
    }
    for (const file of ['moodle.xml', 'canvas-qti.zip', 'variants.jsonl']) {
      expect(readFileSync(join(a, file)).equals(readFileSync(join(b, file))), file).toBe(true);
    }
  });

  it('refuses a title XML cannot hold as a bad bank (exit 1), naming the file and the character', () => {
    const dir = tempDir('sigmax-export-');
    writeFileSync(join(dir, 'bell.yaml'), 'id: bell\nseed: s\ntitle: "ring \\a"\nproblems:\n  - id: q1\n    family: sigmoid-bce-step\n');
    const run = runCli(['export', '--bank', join(dir, 'bell.yaml'), '--format', 'moodle', '--out', join(dir, 'out')]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${join(dir, 'bell.yaml')}: a title or name cannot go into moodle.xml: U+0007 cannot be written in XML`);
    expect(existsSync(join(dir, 'out', 'moodle.xml'))).toBe(false);
  });

  it('refuses an unknown format, and a missing --format, as bad usage', () => {
    const dir = tempDir('sigmax-export-');
    const unknown = runCli(['export', '--bank', 'problem-banks/default.yaml', '--format', 'moodle,pdf', '--out', dir]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('--format: expected a comma list of moodle, qti12, got "pdf"');
    expect(runCli(['export', '--bank', 'problem-banks/default.yaml', '--out', dir]).status).toBe(2);
  });
});
