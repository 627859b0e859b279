import { describe, expect, it } from 'vitest';
import { fieldMark, fieldNameIn, withoutFieldMarks } from '../../src/render/markdown/field-marks.js';
import { parseMarkdown } from '../../src/render/markdown/markdown-blocks.js';
import { withPersianDigits } from '../../src/render/prose-digits.js';

const table = (cells: string) => `| Part | Your answer |\n|---|---|\n${cells}\n`;

describe('answer boxes in a sheet’s Markdown', () => {
  it('reads a cell that holds only a box as an empty cell with the field’s name', () => {
    const [block] = parseMarkdown(table(`| \`dw[1]\` | ${fieldMark('q2.steps[1].dw[1]')} |\n| \`db\` | |`));
    expect(block).toMatchObject({ kind: 'table', rows: [[[{ text: 'dw[1]' }], []], [[{ text: 'db' }], []]] });
    expect(block).toMatchObject({ fields: [[null, 'q2.steps[1].dw[1]'], [null, null]] });
  });

  it('gives a table without boxes no field list (its layout is as before)', () => {
    const [block] = parseMarkdown(table('| `z` | |'));
    expect(block).not.toHaveProperty('fields');
  });

  it('drops a box that is not alone in its cell, and one in a paragraph', () => {
    const [first, second] = parseMarkdown(`${table(`| \`z\` | z = ${fieldMark('q1.z')} |`)}\nType ${fieldMark('q1.z')} here.\n`);
    expect(first).not.toHaveProperty('fields');
    expect(JSON.stringify([first, second])).not.toMatch(/[\uE010\uE011]/);
    expect(second).toMatchObject({ kind: 'paragraph', inlines: [{ text: 'Type  here.' }] });
  });

  it('keeps the digits of a field’s name when prose numbers turn Persian', () => {
    const mark = fieldMark('q1.dw[1]');
    expect(withPersianDigits(`گام 2 |${mark} |`)).toBe(`گام ۲ |${mark} |`);
    expect(fieldNameIn(` ${mark} `)).toBe('q1.dw[1]');
  });

  it('leaves an empty cell where a sheet is printed without boxes', () => {
    expect(withoutFieldMarks(`| \`z\` | $z$ |${fieldMark('q1.z')} |`)).toBe('| `z` | $z$ | |');
  });
});
