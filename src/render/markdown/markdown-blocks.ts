// Markdown (with TeX math) → a small tree of blocks the PDF layout walks.
// markdown-it does the parsing; this file only reshapes its flat token list.
import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import { fieldNameIn, withoutFieldMarks } from './field-marks.js';
import { mathSyntax } from './math-syntax.js';

export interface TextStyle {
  bold: boolean;
  italic: boolean;
  code: boolean;
}

export type Inline =
  | { kind: 'text'; text: string; style: TextStyle }
  | { kind: 'math'; tex: string }
  | { kind: 'break' };

export type Align = 'left' | 'center' | 'right';

export type Block =
  | { kind: 'heading'; level: number; inlines: Inline[] }
  | { kind: 'paragraph'; inlines: Inline[] }
  | { kind: 'list'; ordered: boolean; start: number; items: Block[][] }
  /** `fields`, when a cell of the body holds an answer box: the field's name by row and column (null: no box). */
  | { kind: 'table'; align: Align[]; head: Inline[][]; rows: Inline[][][]; fields?: (string | null)[][] }
  | { kind: 'math'; tex: string }
  | { kind: 'code'; text: string }
  | { kind: 'quote'; blocks: Block[] }
  | { kind: 'rule' }
  /** An SVG picture (a chart), drawn as vector graphics; not from Markdown: a caller puts it among the blocks. */
  | { kind: 'figure'; svg: string };

const markdown = new MarkdownIt('default', { html: false, linkify: false, typographer: false }).use(mathSyntax);

export function parseMarkdown(source: string): Block[] {
  const tokens = markdown.parse(source, {});
  return readBlocks(tokens, { at: 0 }, null);
}

interface Cursor {
  at: number;
}

/** Reads blocks until the closing token `until` (or the end). */
function readBlocks(tokens: readonly Token[], cursor: Cursor, until: string | null): Block[] {
  const blocks: Block[] = [];
  while (cursor.at < tokens.length) {
    const token = tokens[cursor.at++]!;
    if (until && token.type === until) return blocks;
    switch (token.type) {
      case 'heading_open': {
        const inline = tokens[cursor.at++]!;
        cursor.at++; // heading_close
        blocks.push({ kind: 'heading', level: Number(token.tag.slice(1)), inlines: readInlines(inline.children ?? []) });
        break;
      }
      case 'paragraph_open': {
        const inline = tokens[cursor.at++]!;
        cursor.at++; // paragraph_close
        blocks.push({ kind: 'paragraph', inlines: readInlines(inline.children ?? []) });
        break;
      }
      case 'bullet_list_open':
      case 'ordered_list_open': {
        const ordered = token.type === 'ordered_list_open';
        const close = ordered ? 'ordered_list_close' : 'bullet_list_close';
        const items: Block[][] = [];
        while (cursor.at < tokens.length && tokens[cursor.at]!.type !== close) {
          if (tokens[cursor.at++]!.type === 'list_item_open') items.push(readBlocks(tokens, cursor, 'list_item_close'));
        }
        cursor.at++;
        blocks.push({ kind: 'list', ordered, start: Number(token.attrGet('start') ?? 1), items });
        break;
      }
      case 'table_open':
        blocks.push(readTable(tokens, cursor));
        break;
      case 'math_block':
        blocks.push({ kind: 'math', tex: token.content });
        break;
      case 'fence':
      case 'code_block':
        blocks.push({ kind: 'code', text: token.content.replace(/\n$/, '') });
        break;
      case 'blockquote_open':
        blocks.push({ kind: 'quote', blocks: readBlocks(tokens, cursor, 'blockquote_close') });
        break;
      case 'hr':
        blocks.push({ kind: 'rule' });
        break;
      default:
        break; // html blocks and anything else: not part of a sheet
    }
  }
  return blocks;
}

function readTable(tokens: readonly Token[], cursor: Cursor): Block {
  const head: Inline[][] = [];
  const rows: Inline[][][] = [];
  const align: Align[] = [];
  const fields: (string | null)[][] = [];
  let inHead = false;
  let row: Inline[][] | null = null;
  let rowFields: (string | null)[] = [];
  while (cursor.at < tokens.length) {
    const token = tokens[cursor.at++]!;
    if (token.type === 'table_close') break;
    if (token.type === 'thead_open') inHead = true;
    else if (token.type === 'thead_close') inHead = false;
    else if (token.type === 'tr_open') [row, rowFields] = [[], []];
    else if (token.type === 'tr_close' && row) {
      if (inHead) head.push(...row);
      else {
        rows.push(row);
        fields.push(rowFields);
      }
      row = null;
    } else if ((token.type === 'th_open' || token.type === 'td_open') && row) {
      if (inHead) {
        const style = String(token.attrGet('style') ?? '');
        align.push(style.includes('right') ? 'right' : style.includes('center') ? 'center' : 'left');
      }
      const inline = tokens[cursor.at]!;
      const field = !inHead && inline.type === 'inline' ? fieldNameIn(inline.content) : null;
      row.push(inline.type === 'inline' && field === null ? readInlines(inline.children ?? []) : []);
      if (!inHead) rowFields.push(field);
    }
  }
  const table: Block = { kind: 'table', align, head, rows };
  if (fields.some((cells) => cells.some((name) => name !== null))) table.fields = fields;
  return table;
}

function readInlines(tokens: readonly Token[]): Inline[] {
  const out: Inline[] = [];
  let bold = 0;
  let italic = 0;
  for (const token of tokens) {
    const style = { bold: bold > 0, italic: italic > 0, code: false };
    switch (token.type) {
      case 'text': {
        // An answer box anywhere but alone in a table cell is left out.
        const text = withoutFieldMarks(token.content);
        if (text) out.push({ kind: 'text', text, style });
        break;
      }
      case 'code_inline':
        out.push({ kind: 'text', text: token.content, style: { ...style, code: true } });
        break;
      case 'math_inline':
        out.push({ kind: 'math', tex: token.content });
        break;
      case 'softbreak':
        out.push({ kind: 'text', text: ' ', style });
        break;
      case 'hardbreak':
        out.push({ kind: 'break' });
        break;
      case 'strong_open':
        bold++;
        break;
      case 'strong_close':
        bold--;
        break;
      case 'em_open':
        italic++;
        break;
      case 'em_close':
        italic--;
        break;
      default:
        break; // links keep their text (the text token follows); images are dropped
    }
  }
  return out;
}
