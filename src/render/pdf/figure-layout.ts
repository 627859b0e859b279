import type { LayoutContext } from './block-layout.js';
import { drawFigure, splitFigure } from './svg-figure.js';

/** SVG pixels (96 per inch) in points: a figure is printed at its own size unless it does not fit. */
const POINTS_PER_PIXEL = 0.75;

/** Places an SVG figure down the page, centred in the column, shrunk to fit the column and the page. */
export function layoutFigure(svg: string, ctx: LayoutContext, x: number, width: number): void {
  const { flow } = ctx;
  const figure = splitFigure(svg);
  const scale = Math.min(POINTS_PER_PIXEL, width / figure.width, (flow.bottom - flow.top) / figure.height);
  const height = figure.height * scale;
  flow.ensure(height);
  const left = x + (width - figure.width * scale) / 2;
  drawFigure(ctx.doc, figure, left, flow.y, scale, ctx.text, ctx.math, ctx.warnings ?? []);
  flow.y += height;
}
