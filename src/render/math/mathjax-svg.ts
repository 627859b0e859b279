// TeX → MathJax 3 SVG (lite DOM) → drawing primitives in formula units.
//
// Units are MathJax's: 1000 per em, y up, the baseline at y = 0, so a
// formula's size and baseline come straight from the viewBox (see
// notes-pdf-stack.md: svg-to-pdfkit's `ex` guess makes math ~23% too large).
import { mathjax } from 'mathjax-full/js/mathjax.js';
import { TeX } from 'mathjax-full/js/input/tex.js';
import { SVG } from 'mathjax-full/js/output/svg.js';
import { liteAdaptor } from 'mathjax-full/js/adaptors/liteAdaptor.js';
import { RegisterHTMLHandler } from 'mathjax-full/js/handlers/html.js';
import type { LiteElement, LiteNode } from 'mathjax-full/js/adaptors/lite/Element.js';
import 'mathjax-full/js/input/tex/base/BaseConfiguration.js';
import 'mathjax-full/js/input/tex/ams/AmsConfiguration.js';
import 'mathjax-full/js/input/tex/boldsymbol/BoldsymbolConfiguration.js';
import 'mathjax-full/js/input/tex/cancel/CancelConfiguration.js';
import 'mathjax-full/js/input/tex/newcommand/NewcommandConfiguration.js';
import 'mathjax-full/js/input/tex/noundefined/NoUndefinedConfiguration.js';
import { type Matrix, compose, parseTransform } from './svg-path.js';

/** One thing a formula draws, in formula units. */
export type SvgItem =
  | { kind: 'glyph'; d: string; char: string | null; matrix: Matrix }
  | { kind: 'rect'; x: number; y: number; width: number; height: number; matrix: Matrix; stroke: number | null }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; matrix: Matrix; stroke: number }
  | { kind: 'text'; text: string; size: number; matrix: Matrix }
  /** A nested <svg>: its items drawn clipped to its box (MathJax stretches delimiter extenders this way). */
  | { kind: 'clip'; x: number; y: number; width: number; height: number; matrix: Matrix; items: SvgItem[] };

/** The glyphs of items in drawing order, those inside clips included. */
export function glyphsOf(items: readonly SvgItem[]): Extract<SvgItem, { kind: 'glyph' }>[] {
  return items.flatMap((item) => (item.kind === 'glyph' ? [item] : item.kind === 'clip' ? glyphsOf(item.items) : []));
}

export interface SvgFormula {
  width: number;
  ascent: number;
  descent: number;
  items: SvgItem[];
  /** MathJax's message when the TeX did not parse (it then draws the message in red). */
  error: string | null;
}

const adaptor = liteAdaptor();
RegisterHTMLHandler(adaptor);
const texDocument = mathjax.document('', {
  InputJax: new TeX({ packages: ['base', 'ams', 'boldsymbol', 'cancel', 'newcommand', 'noundefined'] }),
  // Glyph paths inline (no <defs>/<use>): each path sits where it is drawn.
  OutputJax: new SVG({ fontCache: 'none' }),
});

/** Typesets TeX with MathJax; a TeX error comes back as MathJax's red error box, not a throw. */
export function typesetTex(tex: string, display: boolean): SvgFormula {
  const container = texDocument.convert(tex, { display }) as LiteElement;
  const svg = firstElement(container, 'svg');
  if (!svg) throw new Error(`MathJax produced no SVG for ${JSON.stringify(tex)}`);
  const [minX = 0, minY = 0, width = 0, height = 0] = String(attr(svg, 'viewBox') ?? '')
    .split(/[\s,]+/)
    .map(Number);
  const items: SvgItem[] = [];
  // SVG's y grows downwards; flipping once here makes every item y-up with the baseline at 0.
  walk(svg, [1, 0, 0, -1, -minX, 0], items, null);
  return { width, ascent: -minY, descent: height + minY, items, error: errorIn(svg) };
}

function walk(node: LiteElement, outer: Matrix, items: SvgItem[], strokeWidth: number | null): void {
  for (const child of adaptor.childNodes(node) as LiteNode[]) {
    const kind = adaptor.kind(child);
    if (kind.startsWith('#')) continue;
    const el = child as LiteElement;
    let m = compose(outer, parseTransform(attr(el, 'transform')));
    const fillNone = attr(el, 'fill') === 'none';
    const width = attr(el, 'stroke-width');
    const stroke = width === undefined ? strokeWidth : Number(width);
    switch (kind) {
      case 'g':
        walk(el, m, items, stroke);
        break;
      case 'svg': {
        // A nested <svg> is a viewport: placed at x/y, its viewBox mapped onto width × height, and clipped there.
        const [x, y, w, h] = [num(el, 'x'), num(el, 'y'), num(el, 'width'), num(el, 'height')];
        const [vx = 0, vy = 0, vw = w, vh = h] = String(attr(el, 'viewBox') ?? '').split(/[\s,]+/).filter(Boolean).map(Number);
        const sx = vw > 0 ? w / vw : 1;
        const sy = vh > 0 ? h / vh : 1;
        const children: SvgItem[] = [];
        walk(el, compose(m, [sx, 0, 0, sy, x - vx * sx, y - vy * sy]), children, stroke);
        if (w > 0 && h > 0) items.push({ kind: 'clip', x, y, width: w, height: h, matrix: m, items: children });
        else items.push(...children);
        break;
      }
      case 'path': {
        const d = String(attr(el, 'd') ?? '');
        if (d.trim() === '') break; // spaces are empty paths
        items.push({ kind: 'glyph', d, char: attr(el, 'data-c') ?? null, matrix: m });
        break;
      }
      case 'rect': {
        const rect = { x: num(el, 'x'), y: num(el, 'y'), width: num(el, 'width'), height: num(el, 'height') };
        // In PDF a zero-width stroke still draws a hairline: an unfilled box without a stroke draws nothing.
        if (fillNone) {
          if (stroke && stroke > 0) items.push({ kind: 'rect', ...rect, matrix: m, stroke });
        } else items.push({ kind: 'rect', ...rect, matrix: m, stroke: null });
        break;
      }
      case 'line': {
        if (stroke && stroke > 0) {
          const [x1, y1, x2, y2] = ['x1', 'y1', 'x2', 'y2'].map((name) => num(el, name)) as [number, number, number, number];
          items.push({ kind: 'line', x1, y1, x2, y2, matrix: m, stroke });
        }
        break;
      }
      case 'text': {
        const size = parseFloat(String(attr(el, 'font-size') ?? '1000'));
        const text = adaptor.textContent(el);
        m = compose(m, [1, 0, 0, 1, num(el, 'x'), num(el, 'y')]);
        if (text) items.push({ kind: 'text', text, size, matrix: m });
        break;
      }
      default:
        break; // title, defs: nothing to draw
    }
  }
}

function errorIn(node: LiteElement): string | null {
  if (attr(node, 'data-mml-node') === 'merror') return attr(node, 'data-mjx-error') ?? adaptor.textContent(node);
  for (const child of adaptor.childNodes(node) as LiteNode[]) {
    if (adaptor.kind(child).startsWith('#')) continue;
    const found = errorIn(child as LiteElement);
    if (found !== null) return found;
  }
  return null;
}

function attr(el: LiteElement, name: string): string | undefined {
  const value = adaptor.getAttribute(el, name);
  return value === null || value === undefined ? undefined : String(value);
}

function num(el: LiteElement, name: string): number {
  const value = Number.parseFloat(attr(el, name) ?? '0');
  return Number.isFinite(value) ? value : 0;
}

function firstElement(node: LiteElement, kind: string): LiteElement | null {
  for (const child of adaptor.childNodes(node) as LiteNode[]) {
    if (adaptor.kind(child) === kind) return child as LiteElement;
    if (!adaptor.kind(child).startsWith('#')) {
      const found = firstElement(child as LiteElement, kind);
      if (found) return found;
    }
  }
  return null;
}
