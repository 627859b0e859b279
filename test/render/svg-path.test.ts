import { describe, expect, it } from 'vitest';
import { type PathCommand, compose, parsePath, parseTransform, pathOperators } from '../../src/render/math/svg-path.js';

type Cubic = Extract<PathCommand, { op: 'C' }>;
const cubicAt = (p0: [number, number], c: Cubic, t: number): [number, number] => {
  const u = 1 - t;
  return [
    u ** 3 * p0[0] + 3 * u * u * t * c.x1 + 3 * u * t * t * c.x2 + t ** 3 * c.x,
    u ** 3 * p0[1] + 3 * u * u * t * c.y1 + 3 * u * t * t * c.y2 + t ** 3 * c.y,
  ];
};
const quadAt = (p0: number[], q: number[], p2: number[], t: number) =>
  [0, 1].map((k) => (1 - t) ** 2 * p0[k]! + 2 * (1 - t) * t * q[k]! + t * t * p2[k]!);

describe('SVG paths to PDF', () => {
  it('raises a quadratic to the cubic that draws the very same curve', () => {
    const [move, curve] = parsePath('M10 20Q50 90 100 20');
    expect(move).toEqual({ op: 'M', x: 10, y: 20 });
    for (const t of [0.1, 0.25, 0.5, 0.9]) {
      const [x, y] = cubicAt([10, 20], curve as Cubic, t);
      const [qx, qy] = quadAt([10, 20], [50, 90], [100, 20], t);
      expect(x).toBeCloseTo(qx!, 9);
      expect(y).toBeCloseTo(qy!, 9);
    }
  });

  it('reflects the control point of chained T commands about the current point (pdfkit #1334)', () => {
    const path = parsePath('M0 0Q10 10 20 0T40 0T60 0');
    // Second segment: control (30,-10); third: reflected again to (50,10).
    const [, , second, third] = path as [PathCommand, Cubic, Cubic, Cubic];
    const mid = (start: [number, number], c: Cubic) => cubicAt(start, c, 0.5);
    expect(mid([20, 0], second)[1]).toBeCloseTo(-5, 9);
    expect(mid([40, 0], third)[1]).toBeCloseTo(5, 9);
  });

  it('reads relative commands, H, V and Z', () => {
    expect(parsePath('m10 10h5v5l-5 0z')).toEqual([
      { op: 'M', x: 10, y: 10 },
      { op: 'L', x: 15, y: 10 },
      { op: 'L', x: 15, y: 15 },
      { op: 'L', x: 10, y: 15 },
      { op: 'Z' },
    ]);
  });

  it('composes SVG transforms and writes them into the coordinates', () => {
    const m = compose(parseTransform('translate(100,0)'), parseTransform('scale(2) translate(1 1)'));
    expect(pathOperators(parsePath('M0 0L1 0'), m)).toBe('102 2 m 104 2 l');
  });
});
