import type { LayoutContext } from './block-layout.js';
import { type SplitFigure, drawFigure, splitFigure } from './svg-figure.js';

/** SVG pixels (96 per inch) in points: a figure is printed at its own size unless it does not fit. */
const POINTS_PER_PIXEL = 0.75;

/** Points per SVG unit: the figure's own size, shrunk to fit the column and a page. */
function scaleOf(figure: SplitFigure, ctx: LayoutContext, width: number): number {
  return Math.min(POINTS_PER_PIXEL, width / figure.width, (ctx.flow.bottom - ctx.flow.top) / figure.height);
}

/** The height a figure takes on the page. */
export function figureHeight(svg: string, ctx: LayoutContext, width: number): number {
  const figure = splitFigure(svg);
  return figure.height * scaleOf(figure, ctx, width);
}

/** Places an SVG figure down the page, centred in the column. */
export function layoutFigure(svg: string, ctx: LayoutContext, x: number, width: number): void {
  const { flow } = ctx;
  const figure = splitFigure(svg);
  const scale = scaleOf(figure, ctx, width);
  const height = figure.height * scale;
  flow.ensure(height);
  const left = x + (width - figure.width * scale) / 2;
  drawFigure(ctx.doc, figure, left, flow.y, scale, ctx.text, ctx.math, ctx.warnings ?? []);
  flow.y += height;
}
