import { describe, expect, it } from 'vitest';
import type { PartScoresData } from '../../src/grade/part-scores.js';
import { classStatistics } from '../../src/report/item-analysis.js';

const V = { correct: 0, ecf: 1, misconception: 2, incorrect: 3, invalid: 4, missing: 5 } as const;
type Cell = [column: number, share: number, points: number, verdict: keyof typeof V];

/** A class written out cell by cell, as the grader would store it. */
function classOf(columns: [string, string][], rows: { submitted: boolean; cells: Cell[] }[]): PartScoresData {
  const cells = rows.flatMap((r) => r.cells);
  const rowStarts = [0];
  for (const r of rows) rowStarts.push(rowStarts[rowStarts.length - 1]! + r.cells.length);
  return {
    columns,
    rowStarts: Int32Array.from(rowStarts),
    cellColumns: Int32Array.from(cells, (c) => c[0]),
    cellShares: Float64Array.from(cells, (c) => c[1]),
    cellPoints: Float64Array.from(cells, (c) => c[2]),
    cellVerdicts: Uint8Array.from(cells, (c) => V[c[3]]),
    submitted: Uint8Array.from(rows, (r) => (r.submitted ? 1 : 0)),
  };
}

// q1: a (1 point), b (1 point), c (2 points); q2: d (nobody answers it), e (everyone right), 1 point each.
const columns: [string, string][] = [['q1', 'a'], ['q1', 'b'], ['q1', 'c'], ['q2', 'd'], ['q2', 'e']];
const q2 = (): Cell[] => [[3, 0, 1, 'missing'], [4, 1, 1, 'correct']];
const small = classOf(columns, [
  { submitted: true, cells: [[0, 1, 1, 'correct'], [1, 1, 1, 'correct'], [2, 1, 2, 'correct'], ...q2()] }, //          S1: 5 of 6
  { submitted: true, cells: [[0, 1, 1, 'correct'], [1, 0, 1, 'incorrect'], [2, 1, 2, 'ecf'], ...q2()] }, //            S2: 4
  { submitted: true, cells: [[0, 1, 1, 'correct'], [1, 1, 1, 'correct'], [2, 0, 2, 'misconception'], ...q2()] }, //    S3: 3
  { submitted: true, cells: [[0, 0, 1, 'incorrect'], [1, 1, 1, 'correct'], [2, 0.25, 2, 'ecf'], ...q2()] }, //         S4: 2.5
  { submitted: true, cells: [[0, 1, 1, 'correct'], [1, 0, 1, 'missing'], [2, 0, 2, 'missing'], ...q2()] }, //          S5: 2
  { submitted: true, cells: [[0, 0, 1, 'missing'], [1, 0, 1, 'missing'], [2, 0, 2, 'invalid'], ...q2()] }, //          S6: 1
  // S7 submitted nothing: left out of every figure.
  { submitted: false, cells: [[0, 0, 1, 'missing'], [1, 0, 1, 'missing'], [2, 0, 2, 'missing'], [3, 0, 1, 'missing'], [4, 0, 1, 'missing']] },
]);

describe('classStatistics on a class worked by hand', () => {
  const stats = classStatistics(small);
  const part = (id: string) => stats.problems.flatMap((p) => p.parts).find((p) => p.part === id)!;

  it('leaves the student with no submission out', () => {
    expect([stats.students, stats.noSubmission, stats.analysed]).toEqual([7, 1, 6]);
  });

  it('computes facility and missing rate as plain shares', () => {
    expect(part('a').facility).toBeCloseTo(4 / 6, 12);
    expect(part('b').facility).toBeCloseTo(3 / 6, 12);
    expect(part('c').facility).toBeCloseTo((1 + 1 + 0.25) / 6, 12);
    expect(part('a').missingRate).toBeCloseTo(1 / 6, 12);
    expect(part('b').missingRate).toBeCloseTo(2 / 6, 12);
    expect(part('d').missingRate).toBe(1);
  });

  it('correlates a part with the rest of the test (point-biserial), by the closed form', () => {
    // a: x = (1,1,1,0,1,0), rest = total − x = (4,3,2,2.5,1,1); x̄ = 2/3, rest mean = 13.5/6 = 2.25.
    // Sxr = ⅓(1.75 + 0.75 − 0.25 − 1.25) − ⅔(0.25 − 1.25) = 1; Sxx = 4·(1/9) + 2·(4/9) = 4/3;
    // Srr = 1.75² + 0.75² + 0.25² + 0.25² + 1.25² + 1.25² = 6.875.
    expect(part('a').pointBiserial).toBeCloseTo(1 / Math.sqrt((4 / 3) * 6.875), 12);
    // b: x = (1,0,1,1,0,0), rest = (4,4,2,1.5,2,1); x̄ = ½, rest mean = 14.5/6.
    // dx = ±½; Sxr = ½[(4 + 2 + 1.5) − (4 + 2 + 1)] = ¼; Sxx = 6/4; Srr = Σ rest² − 6·mean² = 43.25 − 14.5²/6.
    expect(part('b').pointBiserial).toBeCloseTo(0.25 / Math.sqrt(1.5 * (43.25 - (14.5 * 14.5) / 6)), 12);
    // c (2 points): x = (1,1,0,¼,0,0), rest = total − 2x = (3,2,3,2,2,1); x̄ = 2.25/6 = 0.375, rest mean = 13/6.
    // Sxr = Σ x·rest − 6·x̄·rest mean = (3 + 2 + 0.5) − 6 · 0.375 · 13/6; Sxx = (1 + 1 + 1/16) − 6 · 0.375²;
    // Srr = (9 + 4 + 9 + 4 + 4 + 1) − 13²/6.
    const sxr = 5.5 - 0.375 * 13;
    const sxx = 2.0625 - 6 * 0.375 * 0.375;
    const srr = 31 - 169 / 6;
    expect(part('c').pointBiserial).toBeCloseTo(sxr / Math.sqrt(sxx * srr), 12);
  });

  it('takes the upper and lower 27 % by total score (2 of 6 students each)', () => {
    // Ranked by total: S1 5, S2 4, S3 3, S4 2.5, S5 2, S6 1 → upper S1 S2, lower S5 S6.
    expect(part('a').upperLower).toBeCloseTo((1 + 1) / 2 - (1 + 0) / 2, 12);
    expect(part('b').upperLower).toBeCloseTo((1 + 0) / 2 - (0 + 0) / 2, 12);
    expect(part('c').upperLower).toBeCloseTo((1 + 1) / 2 - 0, 12);
  });

  it('flags a part nobody answered and one everybody got right, without a figure that is not a number', () => {
    expect(part('d').flags).toEqual(['nobody-answered']);
    expect(part('d').pointBiserial).toBeNull();
    expect(part('d').noDiscrimination).toBe('same-score');
    expect(part('e').flags).toContain('too-easy');
    expect(part('e').facility).toBe(1);
    expect(part('e').pointBiserial).toBeNull();
    for (const p of ['a', 'c']) expect(part(p).flags).toEqual([]);
    // b: r = 0.25 / √(1.5 · 8.2083) ≈ 0.071, below 0.2.
    expect(part('b').flags).toEqual(['low-discrimination']);
  });

  it('counts verdicts and where each chain of errors starts', () => {
    expect(part('c').verdicts).toEqual([1, 2, 1, 0, 1, 1]);
    // First part not correct: S2 b, S3 c, S4 a, S5 b, S6 a; S1 got all of q1 right.
    expect(['a', 'b', 'c'].map((p) => part(p).chainRoots)).toEqual([2, 2, 1]);
    expect(stats.problems[0]!.allCorrect).toBe(1);
    expect(part('d').chainRoots).toBe(6);
  });

  it('bins the total scores and gives their mean and median', () => {
    // 5/6, 4/6, 3/6, 2.5/6, 2/6, 1/6 of the points.
    expect(stats.bins).toEqual([0, 1, 0, 1, 1, 1, 1, 0, 1, 0]);
    expect(stats.mean).toBeCloseTo((100 * 17.5) / 36, 10);
    expect(stats.median).toBeCloseTo(((3 / 6 + 2.5 / 6) / 2) * 100, 10);
    expect(stats.problems[0]!.mean).toBeCloseTo((100 * (4 + 3 + 2 + 1.5 + 1 + 0)) / (6 * 4), 10);
  });
});

describe('classStatistics on degenerate classes', () => {
  it('gives no discrimination for a class of one student, and says why', () => {
    const one = classStatistics(classOf([['q1', 'a'], ['q1', 'b']], [{ submitted: true, cells: [[0, 1, 1, 'correct'], [1, 0, 1, 'incorrect']] }]));
    for (const p of one.problems[0]!.parts) {
      expect(p.pointBiserial).toBeNull();
      expect(p.upperLower).toBeNull();
      expect(p.noDiscrimination).toBe('one-student');
      expect(Number.isNaN(p.facility)).toBe(false);
    }
    expect(one.median).toBe(50);
  });

  it('gives no figures at all when nobody submitted anything', () => {
    const none = classStatistics(classOf([['q1', 'a']], [{ submitted: false, cells: [[0, 0, 1, 'missing']] }]));
    expect([none.analysed, none.mean, none.median]).toEqual([0, null, null]);
    expect(none.problems[0]!.parts[0]!.facility).toBeNull();
    expect(none.problems[0]!.parts[0]!.noDiscrimination).toBe('no-student');
  });
});
