// What the block and table layout need from paragraph text, whatever its
// direction: break inlines into lines, measure them, draw one line.
import type { Inline } from '../markdown/markdown-blocks.js';
import { drawLine, inlineWidths, layoutInlines, type InlineStyle, type Line } from './inline-layout.js';
import type { MathSetter } from './math-box.js';

/** A line laid out and ready to draw with its left edge at x. */
export interface LaidLine {
  width: number;
  ascent: number;
  descent: number;
}

export interface InlineSetter<L extends LaidLine = LaidLine> {
  /** Right to left: lines align right, list markers and table columns start on the right. */
  readonly rtl: boolean;
  layout(inlines: readonly Inline[], maxWidth: number, style: InlineStyle, math: MathSetter): L[];
  /** Widths a table column needs: on one line, and at least (its widest unbreakable group). */
  widths(inlines: readonly Inline[], style: InlineStyle, math: MathSetter): { natural: number; minimum: number };
  draw(doc: PDFKit.PDFDocument, line: L, x: number, baseline: number, style: InlineStyle): void;
}

/** Left-to-right text: the layout of English and Romanian pages without right-to-left text (bidi-inline-layout has the others). */
export const ltrInlineSetter: InlineSetter<Line> = {
  rtl: false,
  layout: layoutInlines,
  widths: inlineWidths,
  draw: drawLine,
};
