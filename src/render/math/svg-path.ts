// SVG path data and transforms → PDF path operators.
//
// MathJax glyphs are quadratic outlines (Q/T). PDF has only cubics, and
// pdfkit's own path() reflects chained T commands wrongly (pdfkit #1334) and
// approximates quadratics (#550), so each quadratic is raised to the exact
// cubic with the same curve: C1 = P0 + 2/3·(Q − P0), C2 = P2 + 2/3·(Q − P2).

/** An affine map [a b c d e f]: (x, y) → (a·x + c·y + e, b·x + d·y + f), as in SVG and PDF. */
export type Matrix = readonly [number, number, number, number, number, number];

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** outer ∘ inner: apply `inner` first, then `outer`. */
export function compose(outer: Matrix, inner: Matrix): Matrix {
  const [a, b, c, d, e, f] = outer;
  const [A, B, C, D, E, F] = inner;
  return [a * A + c * B, b * A + d * B, a * C + c * D, b * C + d * D, a * E + c * F + e, b * E + d * F + f];
}

export function translation(x: number, y: number): Matrix {
  return [1, 0, 0, 1, x, y];
}

/** Parses an SVG transform list: translate, scale, matrix, rotate. */
export function parseTransform(text: string | undefined | null): Matrix {
  let m = IDENTITY;
  if (!text) return m;
  for (const [, name, args] of text.matchAll(/(\w+)\s*\(([^)]*)\)/g)) {
    const v = (args ?? '').split(/[\s,]+/).filter(Boolean).map(Number);
    let step: Matrix;
    switch (name) {
      case 'translate':
        step = [1, 0, 0, 1, v[0] ?? 0, v[1] ?? 0];
        break;
      case 'scale':
        step = [v[0] ?? 1, 0, 0, v[1] ?? v[0] ?? 1, 0, 0];
        break;
      case 'matrix':
        step = [v[0] ?? 1, v[1] ?? 0, v[2] ?? 0, v[3] ?? 1, v[4] ?? 0, v[5] ?? 0];
        break;
      case 'rotate': {
        const r = ((v[0] ?? 0) * Math.PI) / 180;
        step = [Math.cos(r), Math.sin(r), -Math.sin(r), Math.cos(r), 0, 0];
        break;
      }
      default:
        continue;
    }
    m = compose(m, step);
  }
  return m;
}

/** A coordinate as PDF text: one decimal (1/10000 em at MathJax's 1000 units per em) and no "-0". */
export function pdfNumber(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return rounded === 0 ? '0' : String(rounded);
}

/** A path in absolute coordinates with only M, L, C and Z: easy to transform and to write. */
export type PathCommand =
  | { op: 'M' | 'L'; x: number; y: number }
  | { op: 'C'; x1: number; y1: number; x2: number; y2: number; x: number; y: number }
  | { op: 'Z' };

const TOKEN = /[MmLlHhVvCcSsQqTtAaZz]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/g;
const ARITY: Record<string, number> = { M: 2, L: 2, H: 1, V: 1, C: 6, S: 4, Q: 4, T: 2, A: 7, Z: 0 };

/** Parses SVG path data into absolute M/L/C/Z commands (quadratics raised to cubics). */
export function parsePath(d: string): PathCommand[] {
  const tokens = d.match(TOKEN) ?? [];
  const out: PathCommand[] = [];
  let x = 0;
  let y = 0;
  let startX = 0;
  let startY = 0;
  // The last control point, for the smooth forms S and T (reflected about the current point).
  let lastCubic: [number, number] | null = null;
  let lastQuad: [number, number] | null = null;
  let i = 0;
  let command = '';
  while (i < tokens.length) {
    const token = tokens[i]!;
    if (/[A-Za-z]/.test(token)) {
      command = token;
      i++;
      if (command === 'Z' || command === 'z') {
        out.push({ op: 'Z' });
        [x, y] = [startX, startY];
        lastCubic = lastQuad = null;
        continue;
      }
    } else if (!command) {
      break; // numbers before any command: malformed, draw nothing more
    }
    const upper = command.toUpperCase();
    const relative = command !== upper;
    const n = ARITY[upper] ?? 0;
    if (i + n > tokens.length) break;
    const v = tokens.slice(i, i + n).map(Number);
    i += n;
    const ox = relative ? x : 0;
    const oy = relative ? y : 0;
    let nextCubic: [number, number] | null = null;
    let nextQuad: [number, number] | null = null;
    switch (upper) {
      case 'M':
        [x, y] = [ox + v[0]!, oy + v[1]!];
        [startX, startY] = [x, y];
        out.push({ op: 'M', x, y });
        command = relative ? 'l' : 'L'; // further pairs are line-tos
        break;
      case 'L':
        [x, y] = [ox + v[0]!, oy + v[1]!];
        out.push({ op: 'L', x, y });
        break;
      case 'H':
        x = (relative ? x : 0) + v[0]!;
        out.push({ op: 'L', x, y });
        break;
      case 'V':
        y = (relative ? y : 0) + v[0]!;
        out.push({ op: 'L', x, y });
        break;
      case 'C': {
        const c: Omit<Extract<PathCommand, { op: 'C' }>, 'op'> = { x1: ox + v[0]!, y1: oy + v[1]!, x2: ox + v[2]!, y2: oy + v[3]!, x: ox + v[4]!, y: oy + v[5]! };
        out.push({ op: 'C', ...c });
        nextCubic = [c.x2, c.y2];
        [x, y] = [c.x, c.y];
        break;
      }
      case 'S': {
        const [x1, y1] = reflect(lastCubic, x, y);
        const c: Omit<Extract<PathCommand, { op: 'C' }>, 'op'> = { x1, y1, x2: ox + v[0]!, y2: oy + v[1]!, x: ox + v[2]!, y: oy + v[3]! };
        out.push({ op: 'C', ...c });
        nextCubic = [c.x2, c.y2];
        [x, y] = [c.x, c.y];
        break;
      }
      case 'Q':
      case 'T': {
        const control: [number, number] = upper === 'Q' ? [ox + v[0]!, oy + v[1]!] : reflect(lastQuad, x, y);
        const qx: number = control[0];
        const qy: number = control[1];
        const [ex, ey] = upper === 'Q' ? [ox + v[2]!, oy + v[3]!] : [ox + v[0]!, oy + v[1]!];
        out.push({
          op: 'C',
          x1: x + (2 / 3) * (qx - x),
          y1: y + (2 / 3) * (qy - y),
          x2: ex + (2 / 3) * (qx - ex),
          y2: ey + (2 / 3) * (qy - ey),
          x: ex,
          y: ey,
        });
        nextQuad = [qx, qy];
        [x, y] = [ex, ey];
        break;
      }
      case 'A':
        // MathJax never emits arcs; a chord keeps the outline closed if one appears.
        [x, y] = [ox + v[5]!, oy + v[6]!];
        out.push({ op: 'L', x, y });
        break;
    }
    lastCubic = nextCubic;
    lastQuad = nextQuad;
  }
  return out;
}

/** The control point a smooth S/T segment implies: the last one reflected about the current point. */
function reflect(last: readonly [number, number] | null, x: number, y: number): [number, number] {
  return last ? [2 * x - last[0], 2 * y - last[1]] : [x, y];
}

/** PDF path-construction operators for a parsed path under a transform (no paint operator). */
export function pathOperators(path: readonly PathCommand[], m: Matrix): string {
  const [a, b, c, d, e, f] = m;
  const px = (x: number, y: number) => `${pdfNumber(a * x + c * y + e)} ${pdfNumber(b * x + d * y + f)}`;
  const parts: string[] = [];
  for (const cmd of path) {
    if (cmd.op === 'Z') parts.push('h');
    else if (cmd.op === 'C') parts.push(`${px(cmd.x1, cmd.y1)} ${px(cmd.x2, cmd.y2)} ${px(cmd.x, cmd.y)} c`);
    else parts.push(`${px(cmd.x, cmd.y)} ${cmd.op === 'M' ? 'm' : 'l'}`);
  }
  return parts.join(' ');
}
