// The class's figures for the report: score distributions, verdicts per
// part, where each student's chain of errors starts, and the classical item
// analysis of each part (formulas in the README, "Class report"). Students
// with no submission at all are left out of every figure: an absent student
// says nothing about a part.
import { VERDICTS } from '../grade/grade-variant.js';
import { type PartScoresData, VERDICT_CODES } from '../grade/part-scores.js';

/** Share of the class in each of the upper and lower groups of the discrimination index (Kelley's 27 %). */
export const GROUP_SHARE = 0.27;
/** A part is flagged when it discriminates less than this… */
export const LOW_DISCRIMINATION = 0.2;
/** …or when more of the class than this got it right. */
export const HIGH_FACILITY = 0.95;
/** Score bins of the distributions: 0–10 %, …, 90–100 % (100 % in the last). */
export const BINS = 10;

export type Flag = 'nobody-answered' | 'too-easy' | 'low-discrimination';
/** Why a part has no discrimination figure. */
export type NoDiscrimination = 'one-student' | 'no-student' | 'same-score';

export interface PartStatistics {
  problem: string;
  part: string;
  /** Students given this part (who submitted anything). */
  students: number;
  /** Mean share of the part's points earned; null for no student. */
  facility: number | null;
  /** Correlation of the part score with the rest-of-test score; null (see `noDiscrimination`) when it has no value. */
  pointBiserial: number | null;
  /** Mean part score of the upper 27 % by total minus that of the lower 27 %. */
  upperLower: number | null;
  noDiscrimination: NoDiscrimination | null;
  /** Share of the students given the part who left it blank. */
  missingRate: number | null;
  /** Students per verdict, in VERDICTS order. */
  verdicts: number[];
  /** Students whose first part that is not correct, in their problem's part order, is this one. */
  chainRoots: number;
  flags: Flag[];
}

export interface ProblemStatistics {
  problem: string;
  students: number;
  /** Students per score bin (percent of the problem's points). */
  bins: number[];
  /** Mean percentage; null for no student. */
  mean: number | null;
  /** Students with every part of the problem correct (no chain to start). */
  allCorrect: number;
  parts: PartStatistics[];
}

export interface ClassStatistics {
  /** Every student graded. */
  students: number;
  /** Students with no answer to any part: left out of every figure below. */
  noSubmission: number;
  /** Students the figures are about. */
  analysed: number;
  /** Students per total score bin. */
  bins: number[];
  mean: number | null;
  median: number | null;
  problems: ProblemStatistics[];
}

const CORRECT = VERDICT_CODES.correct;
const MISSING = VERDICT_CODES.missing;

export function classStatistics(data: PartScoresData): ClassStatistics {
  const { columns, rowStarts, cellColumns, cellShares, cellPoints, cellVerdicts, submitted } = data;
  const students = rowStarts.length - 1;
  const C = columns.length;
  const problemIds = [...new Set(columns.map(([problem]) => problem))];
  const problemOf = Int32Array.from(columns, ([problem]) => problemIds.indexOf(problem));
  const P = problemIds.length;

  const rows: number[] = [];
  for (let s = 0; s < students; s++) if (submitted[s]) rows.push(s);
  const N = rows.length;

  // Dense student × part tables of the analysed students (NaN: part not given).
  const share = new Float64Array(N * C).fill(Number.NaN);
  const rest = new Float64Array(N * C);
  const percents = new Float64Array(N);
  const verdicts = new Int32Array(C * VERDICTS.length);
  const chainRoots = new Int32Array(C);
  const allCorrect = new Int32Array(P);
  const problemStudents = new Int32Array(P);
  const problemBins = Array.from({ length: P }, () => new Array<number>(BINS).fill(0));
  const problemPercentSums = new Float64Array(P);

  rows.forEach((s, i) => {
    const [from, to] = [rowStarts[s]!, rowStarts[s + 1]!];
    let earned = 0;
    let max = 0;
    for (let k = from; k < to; k++) {
      earned += cellShares[k]! * cellPoints[k]!;
      max += cellPoints[k]!;
    }
    percents[i] = max > 0 ? (100 * earned) / max : 0;
    // A problem's parts are consecutive cells, in part order.
    let k = from;
    while (k < to) {
      const problem = problemOf[cellColumns[k]!]!;
      let problemEarned = 0;
      let problemMax = 0;
      let rooted = false;
      for (; k < to && problemOf[cellColumns[k]!] === problem; k++) {
        const c = cellColumns[k]!;
        share[i * C + c] = cellShares[k]!;
        rest[i * C + c] = earned - cellShares[k]! * cellPoints[k]!;
        verdicts[c * VERDICTS.length + cellVerdicts[k]!]!++;
        if (!rooted && cellVerdicts[k] !== CORRECT) {
          rooted = true;
          chainRoots[c]!++;
        }
        problemEarned += cellShares[k]! * cellPoints[k]!;
        problemMax += cellPoints[k]!;
      }
      if (!rooted) allCorrect[problem]!++;
      const percent = problemMax > 0 ? (100 * problemEarned) / problemMax : 0;
      problemStudents[problem]!++;
      problemPercentSums[problem]! += percent;
      problemBins[problem]![binOf(percent)]!++;
    }
  });

  const parts = columns.map(([problem, part], c) =>
    partStatistics(problem, part, c, { share, rest, percents, N, C }, verdicts.slice(c * VERDICTS.length, (c + 1) * VERDICTS.length), chainRoots[c]!),
  );
  const sorted = Float64Array.from(percents).sort();
  const bins = new Array<number>(BINS).fill(0);
  for (const p of percents) bins[binOf(p)]!++;
  return {
    students,
    noSubmission: students - N,
    analysed: N,
    bins,
    mean: N > 0 ? percents.reduce((a, b) => a + b, 0) / N : null,
    median: N === 0 ? null : N % 2 === 1 ? sorted[(N - 1) / 2]! : (sorted[N / 2 - 1]! + sorted[N / 2]!) / 2,
    problems: problemIds.map((problem, p) => ({
      problem,
      students: problemStudents[p]!,
      bins: problemBins[p]!,
      mean: problemStudents[p]! > 0 ? problemPercentSums[p]! / problemStudents[p]! : null,
      allCorrect: allCorrect[p]!,
      parts: parts.filter((stats) => stats.problem === problem),
    })),
  };
}

const binOf = (percent: number) => Math.min(BINS - 1, Math.max(0, Math.floor(percent / (100 / BINS))));

interface Tables {
  share: Float64Array;
  rest: Float64Array;
  percents: Float64Array;
  N: number;
  C: number;
}

function partStatistics(problem: string, part: string, c: number, t: Tables, verdicts: Int32Array, chainRoots: number): PartStatistics {
  const { share, rest, N, C } = t;
  let n = 0;
  let sumX = 0;
  let sumR = 0;
  for (let i = 0; i < N; i++) {
    const x = share[i * C + c]!;
    if (Number.isNaN(x)) continue;
    n++;
    sumX += x;
    sumR += rest[i * C + c]!;
  }
  const missing = verdicts[MISSING]!;
  const base = { problem, part, students: n, verdicts: [...verdicts], chainRoots };
  if (n === 0) {
    return { ...base, facility: null, pointBiserial: null, upperLower: null, noDiscrimination: 'no-student', missingRate: null, flags: [] };
  }
  const facility = sumX / n;
  const missingRate = missing / n;
  // Centred sums (two passes): no cancellation between large sums of squares.
  const [meanX, meanR] = [sumX / n, sumR / n];
  let sxx = 0;
  let srr = 0;
  let sxr = 0;
  for (let i = 0; i < N; i++) {
    const x = share[i * C + c]!;
    if (Number.isNaN(x)) continue;
    const [dx, dr] = [x - meanX, rest[i * C + c]! - meanR];
    sxx += dx * dx;
    srr += dr * dr;
    sxr += dx * dr;
  }
  const spread = (s: number, mean: number) => s > 1e-12 * n * Math.max(1, mean * mean);
  let noDiscrimination: NoDiscrimination | null = null;
  let pointBiserial: number | null = null;
  let upperLower: number | null = null;
  if (n < 2) noDiscrimination = 'one-student';
  else {
    upperLower = upperLowerIndex(c, t, Math.round(GROUP_SHARE * n));
    if (spread(sxx, meanX) && spread(srr, meanR)) pointBiserial = sxr / Math.sqrt(sxx * srr);
    else noDiscrimination = 'same-score';
  }
  const flags: Flag[] = [];
  if (missing === n) flags.push('nobody-answered');
  else {
    if (facility > HIGH_FACILITY) flags.push('too-easy');
    if ((pointBiserial !== null && pointBiserial < LOW_DISCRIMINATION) || (upperLower !== null && upperLower < LOW_DISCRIMINATION)) {
      flags.push('low-discrimination');
    }
  }
  return { ...base, facility, pointBiserial, upperLower, noDiscrimination, missingRate, flags };
}

// Students by total score, highest first (ties in grading order), made once per table.
const rankings = new WeakMap<Float64Array, Int32Array>();

/** Mean part score of the `g` highest-scoring students given the part minus that of the `g` lowest. */
function upperLowerIndex(c: number, t: Tables, g: number): number {
  const { share, percents, N, C } = t;
  let order = rankings.get(percents);
  if (!order) {
    order = Int32Array.from({ length: N }, (_, i) => i).sort((a, b) => percents[b]! - percents[a]! || a - b);
    rankings.set(percents, order);
  }
  const groupMean = (from: number, step: number) => {
    let sum = 0;
    let taken = 0;
    for (let at = from; taken < g && at >= 0 && at < N; at += step) {
      const x = share[order![at]! * C + c]!;
      if (Number.isNaN(x)) continue;
      sum += x;
      taken++;
    }
    return sum / taken;
  };
  return groupMean(0, 1) - groupMean(N - 1, -1);
}
