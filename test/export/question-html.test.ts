import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBank } from '../../src/bank/bank.js';
import { clozeSlot } from '../../src/export/cloze-slot.js';
import { partAnswers } from '../../src/export/part-answers.js';
import { SlotNotPrinted, lmsQuestionHtml } from '../../src/export/question-html.js';
import { setInfoOf } from '../../src/render/sheet-context.js';
import { templateFolders } from '../../src/render/template-folders.js';
import { loadTemplates } from '../../src/render/template-set.js';
import { drawVariant } from '../../src/variant/draw-variant.js';
import { tempDir } from '../cli/run-cli.js';
import { extractCloze } from './moodle-cloze-grammar.js';

// A title that reads like a cloze answer box, and one like Moodle's {#1} placeholder.
const BANK = `id: look
seed: s
title: "Set {#1}"
problems:
  - id: q1
    family: sigmoid-bce-step
    title: "{1:NUMERICAL:=5} and {:SA:=x}"
`;

function setup(templatesDir?: string) {
  const dir = tempDir('sigmax-html-');
  writeFileSync(join(dir, 'bank.yaml'), BANK);
  const bank = loadBank(join(dir, 'bank.yaml'));
  const { record } = drawVariant(bank, bank.problems[0]!, { id: 's1', name: '' });
  const set = setInfoOf(bank);
  const templates = loadTemplates(templateFolders('en', templatesDir));
  const slots = partAnswers(record).map((part) => ({ id: part.id, slot: clozeSlot(1, [{ percent: 100, answer: part.key, feedback: '' }]) }));
  return { record, set, templates, slots };
}

describe('the HTML of an LMS question', () => {
  it('keeps a title that looks like a cloze box from becoming one', () => {
    const { record, set, templates, slots } = setup();
    const html = lmsQuestionHtml(templates, { set, sheetId: 'ABCD-1234', record, number: 1 }, { statement: true, parts: slots });
    expect(html).toContain('<strong>&#123;1:NUMERICAL:=5} and &#123;:SA:=x}</strong>');
    const { slots: parsed, text } = extractCloze(html);
    expect(parsed).toHaveLength(slots.length);
    expect(text).toContain('{#1}');
    expect(text.match(/\{#\d+\}/g)).toHaveLength(slots.length);
  });

  it('prints only the parts asked, without the statement when it is not asked', () => {
    const { record, set, templates } = setup();
    const html = lmsQuestionHtml(templates, { set, sheetId: 'ABCD-1234', record, number: 1 }, { statement: false, parts: [{ id: 'loss', slot: '[box]' }] });
    expect(html).toContain('<td><code>loss</code></td>');
    expect(html).toContain('<td>[box]</td>');
    expect(html).not.toContain('<code>z</code>');
    expect(html).not.toContain('Rounding');
    expect(html).toContain('sheet ABCD-1234 · problem q1');
  });

  it('refuses a template that leaves out an answer box', () => {
    const own = tempDir('sigmax-templates-');
    mkdirSync(own, { recursive: true });
    writeFileSync(join(own, 'lms-question.md.hbs'), '{{problem.body}}\n\n{{#each parts}}{{#if @first}}{{slot}}{{/if}}{{/each}}\n');
    const { record, set, templates, slots } = setup(own);
    expect(() => lmsQuestionHtml(templates, { set, sheetId: 'ABCD-1234', record, number: 1 }, { statement: true, parts: slots })).toThrow(SlotNotPrinted);
    expect(() => lmsQuestionHtml(templates, { set, sheetId: 'ABCD-1234', record, number: 1 }, { statement: true, parts: slots })).toThrow(/q1\.yhat 0 times/);
  });
});
