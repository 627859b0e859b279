// Lays the Markdown blocks out down the pages: headings kept with what
// follows, paragraphs broken line by line across pages, display math
// centred (broken or scaled to the measure), lists with hanging markers.
// Right to left (ctx.text.rtl): lines align right, markers hang on the right.
import type { Digits } from '../../bank/bank.js';
import type { Block } from '../markdown/markdown-blocks.js';
import { persianDigits } from '../prose-digits.js';
import type { InlineStyle } from './inline-layout.js';
import type { InlineSetter, LaidLine } from './inline-setter.js';
import { textWidth } from './fonts.js';
import { drawText } from './text-operators.js';
import type { MathSetter } from './math-box.js';
import type { PageFlow } from './page-flow.js';
import { figureHeight, layoutFigure } from './figure-layout.js';
import type { SheetForm } from './form-fields.js';
import { layoutTable } from './table-layout.js';
import { DISPLAY_MATH, HEADING_SIZES, LIST, TEXT } from './typography.js';

export interface LayoutContext {
  doc: PDFKit.PDFDocument;
  flow: PageFlow;
  math: MathSetter;
  /** Paragraph text left to right, or right to left for a Persian page. */
  text: InlineSetter;
  /** Digits of the numbers the layout writes itself (list markers), as the set prints prose numbers; Latin when absent. */
  digits?: Digits;
  /** What could not be drawn as asked (a figure's unsupported SVG), said to the caller. */
  warnings?: string[];
  /** The answer boxes of a fillable sheet, made where the table cells that hold them are drawn. */
  form?: SheetForm;
}

interface Column {
  x: number;
  width: number;
  /** Inside a tight list item: less space after paragraphs. */
  tight: boolean;
  /** Called once with the first baseline set in this column (draws a list marker beside it). */
  onFirstBaseline: ((baseline: number) => void) | null;
}

/** Room a heading keeps for what follows it, so it never ends a page alone. */
const KEEP_WITH_NEXT = 3 * TEXT.size * (1 + TEXT.lineGap);

export function layoutBlocks(blocks: readonly Block[], ctx: LayoutContext): void {
  layoutColumn(blocks, ctx, { x: ctx.flow.left, width: ctx.flow.width, tight: false, onFirstBaseline: null });
}

function layoutColumn(blocks: readonly Block[], ctx: LayoutContext, column: Column): void {
  const { flow } = ctx;
  const body: InlineStyle = { size: TEXT.size, color: TEXT.color };
  const afterParagraph = (column.tight ? 0.25 : TEXT.paragraphGap) * TEXT.size;
  const firstBaseline = (baseline: number) => {
    column.onFirstBaseline?.(baseline);
    column.onFirstBaseline = null;
  };
  for (let at = 0; at < blocks.length; at++) {
    const block = blocks[at]!;
    switch (block.kind) {
      case 'heading': {
        const size = HEADING_SIZES[block.level - 1] ?? TEXT.size;
        const style: InlineStyle = { size, color: TEXT.color, bold: true };
        flow.gap(size * (block.level <= 2 ? 0.9 : 0.6));
        const lines = ctx.text.layout(block.inlines, column.width, style, ctx.math);
        flow.ensure(lines.reduce((h, l) => h + lineHeight(l, size), 0) + roomAfterHeading(blocks, at, ctx, column.width));
        placeLines(lines, ctx, column, style, firstBaseline);
        flow.y += size * 0.35;
        break;
      }
      case 'paragraph': {
        placeLines(ctx.text.layout(block.inlines, column.width, body, ctx.math), ctx, column, body, firstBaseline);
        flow.y += afterParagraph;
        break;
      }
      case 'math': {
        const box = ctx.math.display(block.tex, column.width, TEXT.size);
        const x = column.x + Math.max(0, (column.width - box.width) / 2);
        // Line by line: a long formula broken over several lines may continue on the next page.
        box.lines.forEach((line, i) => {
          const above = i === 0 ? DISPLAY_MATH.spaceAbove : box.lineGap;
          flow.ensure(above + line.ascent + line.descent);
          if (i === 0) flow.gap(above);
          else if (!flow.atTop) flow.y += above;
          const baseline = flow.y + line.ascent;
          line.draw(ctx.doc, x, baseline);
          firstBaseline(baseline);
          flow.y = baseline + line.descent;
        });
        flow.y += DISPLAY_MATH.spaceBelow;
        break;
      }
      case 'list':
        layoutList(block, ctx, column);
        flow.y += column.tight ? 0 : afterParagraph * 0.5;
        break;
      case 'table':
        layoutTable(block, ctx, column.x, column.width);
        firstBaseline(flow.y);
        flow.y += afterParagraph;
        break;
      case 'code':
        layoutCode(block.text, ctx, column);
        flow.y += afterParagraph;
        break;
      case 'quote':
        layoutColumn(block.blocks, ctx, { ...column, x: ctx.text.rtl ? column.x : column.x + LIST.indent, width: column.width - LIST.indent });
        break;
      case 'figure':
        layoutFigure(block.svg, ctx, column.x, column.width);
        firstBaseline(flow.y);
        flow.y += afterParagraph;
        break;
      case 'rule': {
        flow.ensure(12);
        flow.gap(4);
        ctx.doc.save().lineWidth(0.6).strokeColor(TEXT.muted).moveTo(column.x, flow.y).lineTo(column.x + column.width, flow.y).stroke().restore();
        flow.y += 8;
        break;
      }
    }
  }
}

/**
 * Room a heading keeps below it: a few lines of text, or the whole figure it
 * heads (when that fits a page at all), through any subheadings between.
 */
function roomAfterHeading(blocks: readonly Block[], at: number, ctx: LayoutContext, width: number): number {
  const next = blocks[at + 1];
  if (next?.kind === 'figure') return figureHeight(next.svg, ctx, width);
  if (next?.kind === 'heading') {
    const size = HEADING_SIZES[next.level - 1] ?? TEXT.size;
    return size * (2.3 + TEXT.lineGap) + roomAfterHeading(blocks, at + 1, ctx, width);
  }
  return KEEP_WITH_NEXT;
}

function lineHeight(line: LaidLine, size: number): number {
  return line.ascent + line.descent + TEXT.lineGap * size;
}

function placeLines(lines: readonly LaidLine[], ctx: LayoutContext, column: Column, style: InlineStyle, first: (b: number) => void) {
  const { flow } = ctx;
  lines.forEach((line, i) => {
    flow.ensure(line.ascent + line.descent);
    if (i > 0) flow.y += TEXT.lineGap * style.size;
    const baseline = flow.y + line.ascent;
    const x = ctx.text.rtl ? column.x + column.width - line.width : column.x;
    ctx.text.draw(ctx.doc, line, x, baseline, style);
    first(baseline);
    flow.y = baseline + line.descent;
  });
}

function layoutList(list: Extract<Block, { kind: 'list' }>, ctx: LayoutContext, column: Column) {
  if (ctx.text.rtl) return layoutRtlList(list, ctx, column);
  const inner = { x: column.x + LIST.indent, width: column.width - LIST.indent };
  // A list whose items are single short paragraphs is "tight" in Markdown: keep it compact.
  const tight = list.items.every((item) => item.length <= 1);
  list.items.forEach((item, i) => {
    const marker = list.ordered ? `${list.start + i}.` : '•';
    const drawMarker = (baseline: number) => {
      drawText(ctx.doc, 'regular', TEXT.size, TEXT.color, marker, inner.x - LIST.markerGap - textWidth('regular', marker, TEXT.size), baseline);
    };
    layoutColumn(item, ctx, { ...inner, tight, onFirstBaseline: drawMarker });
  });
}

/** The items indented from the right, each marker set right to left (".1" reads "1." from the right) beside the item's first line. */
function layoutRtlList(list: Extract<Block, { kind: 'list' }>, ctx: LayoutContext, column: Column) {
  const inner = { x: column.x, width: column.width - LIST.indent };
  const tight = list.items.every((item) => item.length <= 1);
  const style: InlineStyle = { size: TEXT.size, color: TEXT.color };
  list.items.forEach((item, i) => {
    // Markdown reads only 0–9 in a list marker: prose-digits left it Latin, the marker is drawn in the set's digits here.
    const number = ctx.digits === 'persian' ? persianDigits(String(list.start + i)) : String(list.start + i);
    const marker = ctx.text.layout([{ kind: 'text', text: list.ordered ? `${number}.` : '•', style: { bold: false, italic: false, code: false } }], Number.POSITIVE_INFINITY, style, ctx.math)[0]!;
    const drawMarker = (baseline: number) => ctx.text.draw(ctx.doc, marker, inner.x + inner.width + LIST.markerGap, baseline, style);
    layoutColumn(item, ctx, { ...inner, tight, onFirstBaseline: drawMarker });
  });
}

function layoutCode(text: string, ctx: LayoutContext, column: Column) {
  const size = TEXT.size * 0.9;
  const step = size * 1.3;
  for (const line of text.split('\n')) {
    ctx.flow.ensure(step);
    const baseline = ctx.flow.y + size;
    if (line.trim() !== '') drawText(ctx.doc, 'mono', size, TEXT.color, line, column.x + 6, baseline);
    ctx.flow.y += step;
  }
}
