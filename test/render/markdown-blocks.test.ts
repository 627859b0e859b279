import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/render/markdown/markdown-blocks.js';

describe('Markdown with TeX math', () => {
  it('reads $…$ as inline math and $$…$$ as display math, leaving TeX untouched by emphasis rules', () => {
    const blocks = parseMarkdown('Let $w_1 x_1$ and $\\hat y_i$ be *given*.\n\n$$\nz = w_1 x_1 + b\n$$\n\n$$L = -\\ln \\hat y$$\n');
    expect(blocks[0]).toMatchObject({
      kind: 'paragraph',
      inlines: [
        { kind: 'text', text: 'Let ' },
        { kind: 'math', tex: 'w_1 x_1' },
        { kind: 'text', text: ' and ' },
        { kind: 'math', tex: '\\hat y_i' },
        { kind: 'text', text: ' be ' },
        { kind: 'text', text: 'given', style: { italic: true } },
        { kind: 'text', text: '.' },
      ],
    });
    expect(blocks[1]).toEqual({ kind: 'math', tex: 'z = w_1 x_1 + b' });
    expect(blocks[2]).toEqual({ kind: 'math', tex: 'L = -\\ln \\hat y' });
  });

  it('leaves prices alone: $5 and $6 are not math', () => {
    const [block] = parseMarkdown('It costs $5 and $6.');
    expect(block).toMatchObject({ kind: 'paragraph', inlines: [{ kind: 'text', text: 'It costs $5 and $6.' }] });
  });

  it('reads tables with alignment, code spans and math in cells', () => {
    const [table] = parseMarkdown('| Part | Value |\n|---|--:|\n| `dw[1]` | $\\partial L/\\partial w_1$ |\n');
    expect(table).toMatchObject({
      kind: 'table',
      align: ['left', 'right'],
      rows: [[[{ kind: 'text', text: 'dw[1]', style: { code: true } }], [{ kind: 'math', tex: '\\partial L/\\partial w_1' }]]],
    });
  });

  it('reads lists and headings', () => {
    const blocks = parseMarkdown('## Step 1\n\n1. first $z$\n2. second\n');
    expect(blocks.map((b) => b.kind)).toEqual(['heading', 'list']);
    expect(blocks[1]).toMatchObject({ ordered: true, start: 1, items: [[{ kind: 'paragraph' }], [{ kind: 'paragraph' }]] });
  });
});
