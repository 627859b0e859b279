import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES, loadBank } from '../../src/bank/bank.js';
import { classKeyMarkdown, studentMarkdown } from '../../src/render/compose-markdown.js';
import { BUILT_IN_TEMPLATES, DOCUMENT_TEMPLATES, GENERIC_FAMILY, loadTemplates, templateFolders } from '../../src/render/template-set.js';
import { FAMILIES } from '../../src/families/index.js';
import { drawVariant } from '../../src/variant/draw-variant.js';
import { runCli } from '../cli/run-cli.js';
import { ROOT, tempDir } from './run-sigmax.js';

/** A bank with one problem per family and combination of its choice params (mode, activation, hidden, output, …). */
function everyChoiceBank(): string {
  const problems: string[] = [];
  for (const family of FAMILIES.values()) {
    const choices = Object.entries(family.params).flatMap(([name, spec]) => (spec.kind === 'choice' ? [{ name, values: spec.choices }] : []));
    const combinations = choices.reduce<Record<string, string>[]>(
      (all, { name, values }) => all.flatMap((partial) => values.map((value) => ({ ...partial, [name]: value }))),
      [{}],
    );
    for (const params of combinations) {
      const samples = 'samples' in family.params ? { samples: '3' } : {};
      problems.push(`  - id: q${problems.length + 1}\n    family: ${family.name}\n    params: ${JSON.stringify({ ...samples, ...params })}\n`);
    }
  }
  const file = join(tempDir(), 'every-choice.yaml');
  writeFileSync(file, `id: every\ntitle: Every choice\nseed: s\nproblems:\n${problems.join('')}`);
  return file;
}

const banks = [
  ...readdirSync(join(ROOT, 'problem-banks'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => join(ROOT, 'problem-banks', f)),
  everyChoiceBank(),
];
const students = [
  { id: 's001', name: 'Ana Popescu' },
  { id: 's002', name: '' },
];

/** The built-in document templates and generic family templates of a locale alone, so every family falls back to generic. */
function genericOnly(locale: string): string {
  const dir = tempDir();
  const names = [...DOCUMENT_TEMPLATES.map((d) => `${d}.md.hbs`), `${GENERIC_FAMILY}.problem.md.hbs`, `${GENERIC_FAMILY}.solution.md.hbs`];
  for (const name of names) copyFileSync(join(BUILT_IN_TEMPLATES, locale, name), join(dir, name));
  return dir;
}

describe('templates in strict mode', () => {
  for (const locale of LOCALES) {
    it(`renders every built-in ${locale} template, the generic ones too, for every shipped bank and every family's choices`, () => {
      const sets = [loadTemplates(templateFolders(locale)), loadTemplates([genericOnly(locale)])];
      for (const file of banks) {
        const bank = loadBank(file);
        const set = { id: bank.id, title: bank.title, locale, digits: bank.digits, problemTitles: Object.fromEntries(bank.problems.map((p) => [p.id, p.title])) };
        const all = students.map((student) => ({ student, records: bank.problems.map((problem) => drawVariant(bank, problem, student).record) }));
        for (const templates of sets) {
          for (const { student, records } of all) {
            for (const kind of ['sheet', 'key', 'solution'] as const) {
              // Throws on a field the context lacks; the text must not show a value that did not render.
              expect(studentMarkdown(templates, kind, set, student, records), `${file} ${kind}`).not.toMatch(/undefined|\[object /);
            }
          }
          expect(classKeyMarkdown(templates, set, all)).not.toMatch(/undefined|\[object /);
        }
      }
    });
  }

  it('refuses a misspelt field in a custom template with file:line and exit 1, inline and in worker threads', () => {
    const dir = tempDir();
    const mine = join(dir, 'mine');
    mkdirSync(mine);
    writeFileSync(join(mine, 'sheet.md.hbs'), '# Quiz for {{student.id}}\n\n{{#each problems}}\n## {{titel}}\n{{/each}}\n');
    const inline = runCli(['generate', '--format', 'md', '--out', join(dir, 'md'), '--templates', mine]);
    expect(inline.status).toBe(1);
    expect(inline.stderr.trim()).toBe(
      `${join(mine, 'sheet.md.hbs')}:4: no field "titel" here (column 6): a misspelt name, or one this template's context does not have (README: Templates)`,
    );
    const threads = runCli(['generate', '--format', 'pdf', '--count', '2', '--workers', '2', '--out', join(dir, 'pdf'), '--templates', mine]);
    expect(threads.status).toBe(1);
    expect(threads.stderr).toContain(`${join(mine, 'sheet.md.hbs')}:4: no field "titel" here`);
  });

  it('refuses a template that is not valid Handlebars, naming its line', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'key.md.hbs'), '# Key\n\n{{#each problems}}\n{{#if title}}\n{{/each}}\n');
    const run = runCli(['generate', '--format', 'md', '--out', join(dir, 'out'), '--templates', dir]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${join(dir, 'key.md.hbs')}:4: if doesn't match each`);
  });
});
