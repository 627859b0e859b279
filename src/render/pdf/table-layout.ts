// Tables: columns as wide as their content; a table too wide for the measure
// first gets a smaller font, then wraps its cells. Rows never split; a row
// that starts a new page brings the header row with it. Right to left, the
// first column is on the right and the table hangs from the right margin.
import type { Align, Block, Inline } from '../markdown/markdown-blocks.js';
import type { LayoutContext } from './block-layout.js';
import type { InlineStyle } from './inline-layout.js';
import type { LaidLine } from './inline-setter.js';
import { TABLE, TEXT } from './typography.js';

type Table = Extract<Block, { kind: 'table' }>;

interface RowLayout {
  cells: LaidLine[][];
  height: number;
  /** The answer box of each cell (a field name), on a fillable sheet. */
  fields?: readonly (string | null)[] | undefined;
}

/** Font size and column widths that fit `width`, shrinking the font before wrapping. */
function fitColumns(table: Table, ctx: LayoutContext, width: number): { size: number; widths: number[] } {
  const columns = Math.max(table.head.length, ...table.rows.map((r) => r.length));
  const measure = (size: number) => {
    const natural = new Array<number>(columns).fill(0);
    const minimum = new Array<number>(columns).fill(0);
    const rows: [Inline[][], boolean][] = [[table.head, true], ...table.rows.map((r): [Inline[][], boolean] => [r, false])];
    for (const [row, head] of rows) {
      row.forEach((cell, c) => {
        const w = ctx.text.widths(cell, { size, color: TEXT.color, bold: head }, ctx.math);
        natural[c] = Math.max(natural[c]!, w.natural + 2 * TABLE.padX);
        minimum[c] = Math.max(minimum[c]!, w.minimum + 2 * TABLE.padX);
      });
    }
    return { natural, minimum };
  };
  let size = TABLE.size;
  let { natural, minimum } = measure(size);
  while (sum(natural) > width && size > TABLE.minSize) {
    size = Math.max(TABLE.minSize, size - 0.5);
    ({ natural, minimum } = measure(size));
  }
  if (sum(natural) <= width) return { size, widths: stretchEmpty(table, natural, width) };
  // Still too wide: every column keeps its longest word, the rest is shared by what each would like more.
  const spare = Math.max(0, width - sum(minimum));
  const wish = sum(natural) - sum(minimum) || 1;
  return { size, widths: minimum.map((m, c) => m + (spare * (natural[c]! - m)) / wish) };
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** Columns left empty in every row are for writing in: they share the room the table does not use. */
function stretchEmpty(table: Table, widths: number[], width: number): number[] {
  const empty = widths.map((_, c) => table.rows.length > 0 && table.rows.every((row) => (row[c] ?? []).length === 0));
  const count = empty.filter(Boolean).length;
  if (count === 0) return widths;
  const spare = (width - sum(widths)) / count;
  return widths.map((w, c) => (empty[c] ? w + spare : w));
}

export function layoutTable(table: Table, ctx: LayoutContext, left: number, width: number): void {
  const { doc, flow } = ctx;
  const { rtl } = ctx.text;
  const { size, widths } = fitColumns(table, ctx, width);
  const rowOf = (row: readonly Inline[][], head: boolean): RowLayout => {
    const style: InlineStyle = { size, color: TEXT.color, bold: head };
    const cells = widths.map((w, c) => ctx.text.layout(row[c] ?? [], w - 2 * TABLE.padX, style, ctx.math));
    const gap = TEXT.lineGap * size;
    const height = Math.max(...cells.map((lines) => lines.reduce((h, l, i) => h + l.ascent + l.descent + (i ? gap : 0), 0)));
    return { cells, height: height + 2 * TABLE.padY };
  };
  const head = table.head.length > 0 ? rowOf(table.head, true) : null;
  const tableWidth = sum(widths);
  const x = rtl ? left + width - tableWidth : left;

  const drawRow = (row: RowLayout, isHead: boolean) => {
    const top = flow.y;
    if (isHead) doc.save().rect(x, top, tableWidth, row.height).fill(TABLE.headFill).restore();
    let cx = rtl ? x + tableWidth : x;
    row.cells.forEach((lines, c) => {
      if (rtl) cx -= widths[c]!;
      const field = row.fields?.[c];
      if (field) ctx.form?.answerBox(field, cx, top, widths[c]!, row.height);
      const style: InlineStyle = { size, color: TEXT.color, bold: isHead };
      let y = top + TABLE.padY;
      lines.forEach((line, i) => {
        if (i > 0) y += TEXT.lineGap * size;
        const inner = widths[c]! - 2 * TABLE.padX;
        const align: Align = table.align[c] ?? 'left';
        // Right to left a cell starts on the right: Markdown's default ("left") means the start.
        const toRight = align === 'right' || (rtl && align === 'left');
        const dx = toRight ? inner - line.width : align === 'center' ? (inner - line.width) / 2 : 0;
        ctx.text.draw(doc, line, cx + TABLE.padX + Math.max(0, dx), y + line.ascent, style);
        y += line.ascent + line.descent;
      });
      if (!rtl) cx += widths[c]!;
    });
    doc.save().lineWidth(TABLE.lineWidth).strokeColor(TABLE.border);
    doc.moveTo(x, top + row.height).lineTo(x + tableWidth, top + row.height).stroke();
    doc.restore();
    flow.y = top + row.height;
  };
  const drawTop = () => {
    doc.save().lineWidth(TABLE.lineWidth).strokeColor(TABLE.border).moveTo(x, flow.y).lineTo(x + tableWidth, flow.y).stroke().restore();
  };

  flow.ensure((head?.height ?? 0) + (table.rows[0] ? rowOf(table.rows[0], false).height : 0));
  drawTop();
  if (head) drawRow(head, true);
  table.rows.forEach((row, r) => {
    const laid = { ...rowOf(row, false), fields: table.fields?.[r] };
    if (flow.y + laid.height > flow.bottom) {
      flow.newPage();
      drawTop();
      if (head) drawRow(head, true);
    }
    drawRow(laid, false);
  });
}
