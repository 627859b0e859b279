import { describe, expect, it } from 'vitest';
import { parseTransform, splitFigure } from '../../src/render/pdf/svg-figure.js';

const apply = (m: number[], x: number, y: number) => [m[0]! * x + m[2]! * y + m[4]!, m[1]! * x + m[3]! * y + m[5]!];

describe('splitFigure: an SVG chart’s labels taken out to be set as page text', () => {
  it('composes translate, rotate and scale as SVG does (left to right)', () => {
    const m = parseTransform('translate(10,20) rotate(90) scale(2)');
    // (1, 0) → scaled (2, 0) → rotated +90° in SVG's y-down frame (0, 2) → moved (10, 22).
    const [x, y] = apply(m, 1, 0);
    expect(x).toBeCloseTo(10, 12);
    expect(y).toBeCloseTo(22, 12);
  });

  it('takes each text out with the transforms of the groups around it, and leaves the shapes', () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100">' +
      '<g transform="translate(5,6)"><rect width="10" height="10" fill="#4e79a7"/>' +
      '<g transform="translate(1,2)"><text text-anchor="end" transform="translate(3,4) rotate(270)" font-size="10px" font-weight="bold" fill="#000">q1 &amp; z</text></g>' +
      '<text x="7" y="8" font-size="9px" fill="rgb(255, 0, 0)">بخش ۲</text><text/></g></svg>';
    const figure = splitFigure(svg);
    expect([figure.width, figure.height]).toEqual([200, 100]);
    expect(figure.shapes).not.toContain('<text');
    expect(figure.shapes).toContain('<rect width="10" height="10" fill="#4e79a7"/>');
    const [first, second] = figure.labels;
    expect(figure.labels).toHaveLength(2);
    expect(first).toMatchObject({ text: 'q1 & z', anchor: 'end', size: 10, bold: true, color: '#000000', x: 0, y: 0 });
    const [x, y] = apply(first!.matrix, 0, 0);
    expect([x, y]).toEqual([9, 12]);
    // rotate(270): the label's x axis points up the page.
    const [ux, uy] = apply(first!.matrix, 1, 0);
    expect(ux! - x!).toBeCloseTo(0, 12);
    expect(uy! - y!).toBeCloseTo(-1, 12);
    expect(second).toMatchObject({ text: 'بخش ۲', anchor: 'start', size: 9, bold: false, color: '#ff0000', x: 7, y: 8 });
    expect(apply(second!.matrix, 0, 0)).toEqual([5, 6]);
  });

  it('refuses what is not an SVG with a size', () => {
    expect(() => splitFigure('<div/>')).toThrow(/not an SVG/);
    expect(() => splitFigure('<svg><text>x</svg>')).toThrow(/not closed/);
  });
});
