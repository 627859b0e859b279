import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sigmax, tempDir } from './run-sigmax.js';

describe('--format md', () => {
  it('writes the sheet, the key and the class key as Markdown with Jekyll front matter (snapshot)', async () => {
    const out = tempDir();
    sigmax(['generate', '--format', 'md', '--out', out]);
    const sheet = readFileSync(join(out, 'problems', 'demo.md'), 'utf8');
    expect(sheet.startsWith('---\ntitle: "Gradient descent on one neuron and a softmax layer: Problem sheet"\n')).toBe(true);
    expect(sheet).toMatch(/\nstudent: "demo"\nname: "Demo Student"\nsheet: "[0-9A-F]{4}-[0-9A-F]{4}"\n---\n/);
    expect(sheet).toContain('The grader also accepts a decimal comma (`0,34`), Persian or Arabic-Indic digits, and `3.49×10^-32`.');
    // No Arabic-script text in the English templates: a sheet for a Latin name stays on the plain left-to-right PDF layout, byte for byte.
    expect(sheet).not.toMatch(/[\u0600-\u06FF]/);
    await expect(sheet).toMatchFileSnapshot('__snapshots__/demo-sheet.md');
    await expect(readFileSync(join(out, 'keys', 'demo.md'), 'utf8')).toMatchFileSnapshot('__snapshots__/demo-key.md');
    await expect(readFileSync(join(out, 'key.md'), 'utf8')).toMatchFileSnapshot('__snapshots__/demo-class-key.md');
  });

  it('takes a template from --templates and the others from the built-in set', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'mine'));
    writeFileSync(join(dir, 'mine', 'sheet.md.hbs'), '# Quiz for {{student.id}}\n\n{{#each problems}}## {{title}}\n\n{{body}}\n\n{{/each}}');
    writeFileSync(join(dir, 'mine', 'softmax-ce-step.problem.md.hbs'), 'Our own softmax wording, $\\eta = {{exact given.lr}}$.\n');
    sigmax(['generate', '--format', 'md', '--out', join(dir, 'out'), '--templates', join(dir, 'mine')]);
    const sheet = readFileSync(join(dir, 'out', 'problems', 'demo.md'), 'utf8');
    expect(sheet).toContain('# Quiz for demo');
    expect(sheet).toContain('Our own softmax wording, $\\eta = 0.5$.');
    expect(sheet).toContain('A single sigmoid neuron computes'); // built-in problem template
    expect(readFileSync(join(dir, 'out', 'keys', 'demo.md'), 'utf8')).toContain('## All answers'); // built-in key
  });
});
