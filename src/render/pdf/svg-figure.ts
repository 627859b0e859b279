// An SVG figure (a chart) drawn into the page as vector graphics. svg-to-pdfkit
// draws the shapes; the text is taken out first and set by the page's own
// text setter, so a label has the page's fonts (Vazirmatn, DejaVu fallback
// per character), is put in bidirectional order as a paragraph is, and stays
// text that can be searched and copied. svg-to-pdfkit would set it with one
// font and no bidi reordering.
import SVGtoPDF from 'svg-to-pdfkit';
import type { Inline } from '../markdown/markdown-blocks.js';
import type { InlineSetter } from './inline-setter.js';
import { type MathSetter, plainMathSetter } from './math-box.js';

/** One text element of the figure: where it stands (its full transform) and how it is set. */
export interface FigureLabel {
  /** SVG matrix [a b c d e f] from the label's own coordinates to the figure's. */
  matrix: Matrix;
  x: number;
  y: number;
  text: string;
  anchor: 'start' | 'middle' | 'end';
  size: number;
  bold: boolean;
  /** '#rrggbb'. */
  color: string;
}

export interface SplitFigure {
  /** The SVG without its text elements. */
  shapes: string;
  labels: FigureLabel[];
  width: number;
  height: number;
}

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];

/** An SVG transform list (translate, rotate, scale, matrix) as one matrix. */
export function parseTransform(list: string | undefined): Matrix {
  let m = IDENTITY;
  if (!list) return m;
  for (const [, name, args] of list.matchAll(/(\w+)\s*\(([^)]*)\)/g)) {
    const v = args!.split(/[\s,]+/).filter(Boolean).map(Number);
    const [p = 0, q, r] = v;
    switch (name) {
      case 'translate':
        m = multiply(m, [1, 0, 0, 1, p, q ?? 0]);
        break;
      case 'scale':
        m = multiply(m, [p, 0, 0, q ?? p, 0, 0]);
        break;
      case 'rotate': {
        const a = (p * Math.PI) / 180;
        const [cx, cy] = [q ?? 0, r ?? 0];
        m = multiply(m, [1, 0, 0, 1, cx, cy]);
        m = multiply(m, [Math.cos(a), Math.sin(a), -Math.sin(a), Math.cos(a), 0, 0]);
        m = multiply(m, [1, 0, 0, 1, -cx, -cy]);
        break;
      }
      case 'matrix':
        if (v.length === 6) m = multiply(m, v as Matrix);
        break;
    }
  }
  return m;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (text: string) =>
  text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) => {
    if (name[0] === '#') return String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1)));
    return ENTITIES[name] ?? whole;
  });

const attributesOf = (text: string): Record<string, string> =>
  Object.fromEntries([...text.matchAll(/([\w:-]+)\s*=\s*"([^"]*)"/g)].map(([, k, v]) => [k!, decode(v!)]));

const NAMED_COLOURS: Record<string, string> = { black: '#000000', white: '#ffffff', gray: '#808080', grey: '#808080' };

/** A fill as '#rrggbb' (black when it is none the page can set). */
function colourOf(fill: string | undefined): string {
  if (!fill) return '#000000';
  if (/^#[0-9a-f]{6}$/i.test(fill)) return fill.toLowerCase();
  if (/^#[0-9a-f]{3}$/i.test(fill)) return `#${[...fill.slice(1)].map((c) => c + c).join('')}`.toLowerCase();
  const rgb = fill.match(/^rgb\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*\)$/);
  if (rgb) return `#${rgb.slice(1).map((c) => Number(c).toString(16).padStart(2, '0')).join('')}`;
  return NAMED_COLOURS[fill.toLowerCase()] ?? '#000000';
}

/**
 * Takes the text elements out of an SVG (as a charting library writes it:
 * groups with transforms, text with its anchor and size), each with the
 * transform it is drawn under.
 */
export function splitFigure(svg: string): SplitFigure {
  const root = svg.match(/<svg\b([^>]*)>/);
  if (!root) throw new Error('figure: not an SVG document');
  const rootAttributes = attributesOf(root[1]!);
  const labels: FigureLabel[] = [];
  const stack: Matrix[] = [IDENTITY];
  let shapes = '';
  let at = 0;
  const tags = /<(\/?)([a-zA-Z][\w:-]*)([^>]*?)(\/?)>/g;
  for (let tag = tags.exec(svg); tag; tag = tags.exec(svg)) {
    const [whole, closing, name, attributeText, selfClosing] = tag;
    if (name === 'text' && selfClosing) {
      // An empty label: nothing to set.
      shapes += svg.slice(at, tag.index);
      at = tag.index + whole.length;
      continue;
    }
    if (name === 'text' && !closing) {
      const end = svg.indexOf('</text>', tag.index);
      if (end < 0) throw new Error('figure: a <text> element is not closed');
      shapes += svg.slice(at, tag.index);
      at = end + '</text>'.length;
      tags.lastIndex = at;
      const a = attributesOf(attributeText!);
      // Tags inside (a tspan) are dropped; their text is kept.
      const text = decode(svg.slice(tag.index + whole.length, end).replace(/<[^>]*>/g, ''));
      if (text.trim() === '' || a.display === 'none' || a.opacity === '0' || a['fill-opacity'] === '0') continue;
      const weight = a['font-weight'] ?? '';
      labels.push({
        matrix: multiply(stack[stack.length - 1]!, parseTransform(a.transform)),
        x: Number(a.x ?? 0) + Number(a.dx ?? 0),
        y: Number(a.y ?? 0) + Number(a.dy ?? 0),
        text,
        anchor: a['text-anchor'] === 'middle' || a['text-anchor'] === 'end' ? a['text-anchor'] : 'start',
        size: Number.parseFloat(a['font-size'] ?? '10') || 10,
        bold: weight === 'bold' || Number(weight) >= 600,
        color: colourOf(a.fill),
      });
      continue;
    }
    if (name === 'g' || name === 'svg') {
      if (closing) stack.pop();
      else if (!selfClosing) stack.push(multiply(stack[stack.length - 1]!, parseTransform(attributesOf(attributeText!).transform)));
    }
  }
  shapes += svg.slice(at);
  const width = Number.parseFloat(rootAttributes.width ?? '');
  const height = Number.parseFloat(rootAttributes.height ?? '');
  if (!(width > 0 && height > 0)) throw new Error('figure: the SVG has no width and height');
  return { shapes, labels, width, height };
}

const plain = { bold: false, italic: false, code: false };
const asInlines = (text: string): Inline[] => [{ kind: 'text', text, style: plain }];

/** The width of a label as the page sets it (a chart measures its labels with this, so they fit as drawn). */
export function labelWidth(setter: InlineSetter, text: string, size: number, bold: boolean): number {
  return setter.layout(asInlines(text), Number.POSITIVE_INFINITY, { size, color: '#000000', bold }, plainMathSetter)[0]?.width ?? 0;
}

/** Draws a split figure with its top left at (x, y), `scale` points per SVG unit. */
export function drawFigure(
  doc: PDFKit.PDFDocument,
  figure: SplitFigure,
  x: number,
  y: number,
  scale: number,
  setter: InlineSetter,
  math: MathSetter,
  warnings: string[],
): void {
  doc.save();
  doc.transform(scale, 0, 0, scale, x, y);
  SVGtoPDF(doc, figure.shapes, 0, 0, { assumePt: true, warningCallback: (message: string) => warnings.push(message) });
  for (const label of figure.labels) {
    const style = { size: label.size, color: label.color, bold: label.bold };
    const line = setter.layout(asInlines(label.text), Number.POSITIVE_INFINITY, style, math)[0];
    if (!line) continue;
    const shift = label.anchor === 'middle' ? line.width / 2 : label.anchor === 'end' ? line.width : 0;
    doc.save();
    doc.transform(...label.matrix);
    setter.draw(doc, line, label.x - shift, label.y, style);
    doc.restore();
  }
  doc.restore();
}
