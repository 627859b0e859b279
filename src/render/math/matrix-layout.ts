// Matrices of numbers laid out from cached parts. A pmatrix of answers is
// different for every student, so typeset whole it would never hit the piece
// cache. Here each cell is its own (cached) piece, and the delimiters, row
// baselines and column gap come from a *skeleton* — the same matrix with a 0
// in every cell — typeset once per size. Cells as tall as MathJax's row strut
// or less (plain numbers) give exactly MathJax's layout; anything taller is
// left to MathJax whole.
import type { SvgFormula, SvgItem } from './mathjax-svg.js';
import { typesetTex } from './mathjax-svg.js';
import { type MathPiece, compilePiece } from './math-piece.js';
import { typesetPiece } from './piece-cache.js';

/** A piece placed inside a larger box (formula units, y up). */
export interface Placed {
  piece: MathPiece;
  x: number;
  y: number;
}

export interface CompoundBox {
  width: number;
  ascent: number;
  descent: number;
  placed: Placed[];
}

const ENVIRONMENT = /^\s*\\begin\{(pmatrix|bmatrix|vmatrix|matrix)\}([\s\S]*?)\\end\{\1\}/;
/** Thin space MathJax puts between two adjacent matrices (inner atoms). */
const BETWEEN_MATRICES = 1000 * (3 / 18);
/** MathJax's row strut: cells within it leave the skeleton's rows as they are. */
const STRUT_ASCENT = 750;
const STRUT_DESCENT = 250;

interface Skeleton {
  width: number;
  ascent: number;
  descent: number;
  left: MathPiece;
  right: MathPiece;
  /** Start of column j and baseline of row i, for 0.5 em wide cells. */
  columnStarts: number[];
  rowBaselines: number[];
  gap: number;
}

const skeletons = new Map<string, Skeleton | null>();

/**
 * One or more adjacent matrices (`\begin{pmatrix}…\end{pmatrix}` and nothing
 * else) as a compound box, or null when the TeX is anything else.
 */
export function layoutMatrices(tex: string, display: boolean): CompoundBox | null {
  const matrices: CompoundBox[] = [];
  let rest = tex.trim();
  while (rest !== '') {
    const match = ENVIRONMENT.exec(rest);
    if (!match) return null;
    const box = layoutMatrix(match[1]!, match[2]!, display);
    if (!box) return null;
    matrices.push(box);
    rest = rest.slice(match[0].length).trim();
  }
  if (matrices.length === 0) return null;
  const placed: Placed[] = [];
  let x = 0;
  for (const [i, m] of matrices.entries()) {
    if (i > 0) x += BETWEEN_MATRICES;
    placed.push(...m.placed.map((p) => ({ ...p, x: p.x + x })));
    x += m.width;
  }
  return {
    width: x,
    ascent: Math.max(...matrices.map((m) => m.ascent)),
    descent: Math.max(...matrices.map((m) => m.descent)),
    placed,
  };
}

/** Cells of a matrix body: rows split at \\, cells at &, both outside braces. */
function cellsOf(body: string): string[][] | null {
  if (/\\begin|\\\\\[/.test(body)) return null; // nested environments, row spacing options
  const rows: string[][] = [[]];
  let depth = 0;
  let cell = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch === '\\' && body[i + 1] === '\\' && depth === 0) {
      rows[rows.length - 1]!.push(cell.trim());
      rows.push([]);
      cell = '';
      i++;
      continue;
    }
    if (ch === '\\') {
      cell += ch + (body[i + 1] ?? '');
      i++;
      continue;
    }
    if (ch === '{') depth++;
    if (ch === '}') depth--;
    if (ch === '&' && depth === 0) {
      rows[rows.length - 1]!.push(cell.trim());
      cell = '';
      continue;
    }
    cell += ch;
  }
  rows[rows.length - 1]!.push(cell.trim());
  if (rows.length > 1 && rows[rows.length - 1]!.every((c) => c === '')) rows.pop(); // a trailing \\
  return depth === 0 ? rows : null;
}

function layoutMatrix(environment: string, body: string, display: boolean): CompoundBox | null {
  const rows = cellsOf(body);
  if (!rows) return null;
  const columns = Math.max(...rows.map((r) => r.length));
  const skeleton = skeletonFor(environment, rows.length, columns, display);
  if (!skeleton) return null;
  const cells = rows.map((row) => row.map((cell) => (cell === '' ? null : typesetPiece(`{${cell}}`, false))));
  if (cells.flat().some((c) => c && (c.ascent > STRUT_ASCENT + 0.5 || c.descent > STRUT_DESCENT + 0.5 || c.error))) return null;
  const widths = Array.from({ length: columns }, (_, j) => Math.max(0, ...cells.map((row) => row[j]?.width ?? 0)));

  const placed: Placed[] = [{ piece: skeleton.left, x: 0, y: 0 }];
  let start = skeleton.columnStarts[0]!;
  widths.forEach((width, j) => {
    cells.forEach((row, i) => {
      const cell = row[j];
      if (cell) placed.push({ piece: cell, x: start + (width - cell.width) / 2, y: skeleton.rowBaselines[i]! });
    });
    start += width + (j < columns - 1 ? skeleton.gap : 0);
  });
  // The skeleton's columns are 0.5 em wide: the right delimiter moves by what the real columns add.
  const shift = start - (skeleton.columnStarts[columns - 1]! + 500);
  placed.push({ piece: skeleton.right, x: shift, y: 0 });
  return { width: skeleton.width + shift, ascent: skeleton.ascent, descent: skeleton.descent, placed };
}

function skeletonFor(environment: string, rowCount: number, columns: number, display: boolean): Skeleton | null {
  const key = `${environment}:${rowCount}x${columns}:${display ? 'D' : 'T'}`;
  if (skeletons.has(key)) return skeletons.get(key)!;
  const zeros = Array.from({ length: rowCount }, () => Array.from({ length: columns }, () => '0').join(' & ')).join(' \\\\ ');
  const formula = typesetTex(`{\\begin{${environment}} ${zeros} \\end{${environment}}}`, display);
  const skeleton = readSkeleton(formula, rowCount, columns);
  skeletons.set(key, skeleton);
  return skeleton;
}

function readSkeleton(formula: SvgFormula, rowCount: number, columns: number): Skeleton | null {
  const cells = formula.items.filter((item) => item.kind === 'glyph' && item.char === '30');
  if (formula.error || cells.length !== rowCount * columns) return null;
  const xOf = (item: SvgItem) =>
    item.matrix[4] + (item.kind === 'rect' || item.kind === 'clip' ? item.x : item.kind === 'line' ? Math.min(item.x1, item.x2) : 0);
  const columnStarts = cells.slice(0, columns).map(xOf);
  const rowBaselines = Array.from({ length: rowCount }, (_, i) => cells[i * columns]!.matrix[5]);
  const lastRight = columnStarts[columns - 1]! + 500;
  const others = formula.items.filter((item) => !cells.includes(item));
  const left = others.filter((item) => xOf(item) < columnStarts[0]!);
  const right = others.filter((item) => xOf(item) >= lastRight - 0.5);
  if (left.length + right.length !== others.length) return null; // something between the cells: not a plain matrix
  const part = (items: SvgItem[]) => compilePiece({ ...formula, items, error: null });
  return {
    width: formula.width,
    ascent: formula.ascent,
    descent: formula.descent,
    left: part(left),
    right: part(right),
    columnStarts,
    rowBaselines,
    gap: columns > 1 ? columnStarts[1]! - columnStarts[0]! - 500 : 0,
  };
}
