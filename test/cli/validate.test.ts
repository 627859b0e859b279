import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBank } from '../../src/bank/bank.js';
import { runCli, tempDir } from './run-cli.js';

function validateText(yaml: string) {
  const file = join(tempDir(), 'week3.yaml');
  writeFileSync(file, yaml);
  return { file, ...runCli(['validate', '--bank', file]) };
}

const HEADER = 'id: week3\ntitle: T\nseed: fall-2026\nproblems:\n';

describe('sigmax validate', () => {
  it('accepts every shipped bank', () => {
    for (const bank of readdirSync('problem-banks')) {
      const run = runCli(['validate', '--bank', join('problem-banks', bank)]);
      expect(run.status, `${bank}: ${run.stderr}`).toBe(0);
    }
  });

  it('names file, line and field of a digits value other than latin or persian', () => {
    const run = validateText(`id: week3\ntitle: T\nseed: fall-2026\ndigits: arabic\nproblems:\n  - id: q1\n    family: sigmoid-bce-step\n`);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${run.file}:4: digits: expected latin|persian, got "arabic"`);
  });

  it('reads the digits option, latin unless the bank says persian', () => {
    expect(loadBank('problem-banks/week1-sigmoid-bce.yaml').digits).toBe('latin');
    expect(loadBank('problem-banks/week1-sigmoid-bce.fa.yaml').digits).toBe('persian');
  });

  it('names file, line and field of a bad mode', () => {
    const run = validateText(
      `${HEADER}  - id: q1\n    family: sigmoid-bce-step\n  - id: q2\n    family: sigmoid-bce-batch\n    params: { samples: 4, mode: bach }\n`,
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${run.file}:9: problems[1].params.mode: expected batch|sgd|minibatch, got "bach"`);
  });

  it('reports every problem of a bank at once', () => {
    const run = validateText(
      `${HEADER}  - id: q1\n    family: sigmoid-bce-step\n    params: { lr: -0.1, colour: red }\n  - id: q1\n    family: softmax-neuron\n`,
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(':7: problems[0].params.lr: expected a positive number, got "-0.1"');
    expect(run.stderr).toContain(':7: problems[0].params.colour: unknown param for sigmoid-bce-step');
    expect(run.stderr).toContain(':8: problems[1].id: duplicate problem id "q1"');
    expect(run.stderr).toContain(':9: problems[1].family: unknown family "softmax-neuron"');
  });

  it('lists a bank’s problems in line order, with "did you mean" for a misspelt family, field, param or given', () => {
    const run = validateText(
      `id: week3\ntitle: T\nseed: fall-2026\ndefualts:\n  points: 5\nproblems:\n` +
        `  - id: q1\n    family: sigmoid-bce-step\n    params: { fetaures: 2, lr: -1 }\n    given: { W: [1, 2] }\n    titel: x\n` +
        `  - id: q2\n    family: softmax-ce-stp\n`,
    );
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines.map((line) => Number(line.slice(run.file.length + 1).split(':')[0]))).toEqual([4, 9, 9, 10, 11, 13]);
    expect(lines[0]).toBe(`${run.file}:4: defualts: unknown field (did you mean "defaults"?); expected one of id, title, seed, locale, digits, site, defaults, problems`);
    expect(run.stderr).toContain(':9: problems[0].params.fetaures: unknown param for sigmoid-bce-step (did you mean "features"?)');
    expect(run.stderr).toContain(':10: problems[0].given.W: unknown given for sigmoid-bce-step (did you mean "w"?)');
    expect(run.stderr).toContain(':11: problems[0].titel: unknown field (did you mean "title"?)');
    expect(run.stderr).toContain(':13: problems[1].family: unknown family "softmax-ce-stp" (did you mean "softmax-ce-step"?)');
  });

  it('checks the shape and values of pinned givens', () => {
    const run = validateText(
      `${HEADER}  - id: q1\n    family: softmax-ce-step\n    params: { classes: 3, features: 3 }\n    given:\n      x: [1, 3]\n      b: ["0,1", 0.1, 0.1]\n`,
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(':9: problems[0].given.x: expected 3 values (features: 3), got 2 values');
    expect(run.stderr).toContain(':10: problems[0].given.b[0]: expected a decimal number (use a decimal point), got "0,1"');
  });

  it('takes lr, epochs, mode and batch_size pinned under given as the params they are, through to the variant and the sheet', () => {
    const dir = tempDir();
    const bank = join(dir, 'pins.yaml');
    writeFileSync(
      bank,
      `${HEADER}  - id: q1\n    family: sigmoid-bce-batch\n    params: { samples: 2, lr: 0.10 }\n` +
        `    given: { lr: "0.1", epochs: 2, mode: sgd, batch_size: 1 }\n  - id: q2\n    family: sigmoid-bce-step\n    given: { lr: 1 }\n`,
    );
    expect(runCli(['validate', '--bank', bank]).status).toBe(0);
    const out = join(dir, 'out');
    const run = runCli(['generate', '--bank', bank, '--format', 'json,md', '--out', out]);
    expect(run.status, run.stderr).toBe(0);
    const [q1, q2] = readFileSync(join(out, 'variants.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(q1.given).toMatchObject({ lr: '0.1', epochs: '2', mode: 'sgd', batch_size: '1' });
    expect(q1.answers.steps).toHaveLength(4); // sgd over 2 samples, 2 epochs
    expect(q2.given.lr).toBe('1');
    const sheet = readFileSync(join(out, 'problems', 'demo.md'), 'utf8');
    expect(sheet).toContain('for 2 epoch(s) with learning rate $\\eta = 0.1$');
    expect(sheet).toContain('\\eta = 1$$');
  });

  it('refuses a pinned lr that conflicts with params, naming both lines, and checks a pinned value as the param', () => {
    const run = validateText(
      `${HEADER}  - id: q1\n    family: sigmoid-bce-step\n    params: { lr: 0.1 }\n    given:\n      lr: "0.5"\n` +
        `  - id: q2\n    family: sigmoid-bce-batch\n    params: { samples: 4 }\n    given: { epochs: 9, mode: sgd, lr: -1 }\n`,
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      `${run.file}:9: problems[0].given.lr: "0.5" conflicts with problems[0].params.lr = "0.1" at ${run.file}:7; set lr in one place`,
    );
    expect(run.stderr).toContain(`${run.file}:13: problems[1].given.lr: expected a positive number, got "-1"`);
    expect(run.stderr).toContain(`${run.file}:13: problems[1].given.epochs: expected at most 24 steps in all, got 36`);
    expect(run.stderr).not.toContain('under params');
  });

  it('refuses a pinned label vector that is not one-hot', () => {
    const run = validateText(`${HEADER}  - id: q1\n    family: softmax-ce-step\n    given: { y: [0, 1, 1] }\n`);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/week3\.yaml:5: q1\.given\.y: expected one-hot \(exactly one "1"\), got 2 ones/);
  });

  it('refuses a tolerance override for a part that does not exist', () => {
    const run = validateText(
      `${HEADER}  - id: q1\n    family: sigmoid-bce-step\n    tolerance:\n      rel: 0.01\n      parts:\n        "dw[9]": { sigfigs: 3 }\n`,
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('q1.tolerance.parts.dw[9]: unknown part');
  });

  it('names the line of broken YAML and an unreadable file', () => {
    const run = validateText(`${HEADER}  - id: q1\n    family: [sigmoid\n`);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/week3\.yaml:\d+: not valid YAML/);
    const missing = runCli(['validate', '--bank', 'no/such.yaml']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('no/such.yaml: cannot read the file: no such file');
    const folder = runCli(['validate', '--bank', 'problem-banks']);
    expect(folder.status).toBe(1);
    expect(folder.stderr).toContain('problem-banks: cannot read the file: it is a folder, not a file');
  });

  it('warns about, but keeps, a pinned degenerate variant', () => {
    const run = validateText(
      `${HEADER}  - id: q1\n    family: sigmoid-bce-step\n    given: { x: [1, 1], w: [0.5, -0.5], b: 0, y: 1 }\n`,
    );
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('q1: the pinned variant is degenerate (z = 0 exactly)');
  });
});
