import type { D } from '../engine/decimal.js';
import type { GradedProblem } from './feedback.js';
import { VERDICTS, type Verdict, creditKind } from './grade-variant.js';

/**
 * Every student's score on every part, as the class report's item analysis
 * needs it, in typed arrays (a class of 20,000 × 53 parts is ~20 MB, not a
 * million objects). A student is one row of cells, in grading order; a cell
 * is one part of one of their problems, the parts of a problem in part order.
 * Rows are variable (a student may lack a problem), so the cells are stored
 * sparse: each row's start, then per cell its column, score share, points and verdict.
 */
export interface PartScoresData {
  /** Each column's problem and part, in order of first appearance. */
  columns: [string, string][];
  /** Where each student's cells start (one more entry than students: the end). */
  rowStarts: Int32Array;
  cellColumns: Int32Array;
  /** The share of the part's points earned (its credit): 0 to 1. */
  cellShares: Float64Array;
  /** The part's points. */
  cellPoints: Float64Array;
  /** Index into VERDICTS. */
  cellVerdicts: Uint8Array;
  /** Per student: 1 if they submitted an answer to any part, 0 for no submission at all. */
  submitted: Uint8Array;
}

export const VERDICT_CODES = Object.fromEntries(VERDICTS.map((v, i) => [v, i])) as Record<Verdict, number>;

export class PartScores {
  private readonly columnOf = new Map<string, number>();
  private readonly columns: [string, string][] = [];
  private readonly rowStarts = new Growable(Int32Array, [0]);
  private readonly cellColumns = new Growable(Int32Array);
  private readonly cellShares = new Growable(Float64Array);
  private readonly cellPoints = new Growable(Float64Array);
  private readonly cellVerdicts = new Growable(Uint8Array);
  private readonly submitted = new Growable(Uint8Array);
  /** The column of each part of a problem shape, looked up once per shape. */
  private readonly shapeColumns = new Map<string, WeakMap<readonly string[], number[]>>();

  /** One student's row: their graded problems, each one's parts in part order. */
  addStudent(problems: readonly GradedProblem[]): void {
    let answered = false;
    for (const { slot, results } of problems) {
      const columns = this.columnsFor(slot.problem, slot.parts.ids);
      const points = numbersOf(slot.shares);
      results.forEach((r, at) => {
        this.cellColumns.push(columns[at]!);
        const kind = creditKind(r.credit);
        this.cellShares.push(kind === -1 ? r.credit.toNumber() : kind);
        this.cellPoints.push(points[at]!);
        this.cellVerdicts.push(VERDICT_CODES[r.verdict]);
        if (r.submitted !== '') answered = true;
      });
    }
    this.submitted.push(answered ? 1 : 0);
    this.rowStarts.push(this.cellColumns.length);
  }

  toData(): PartScoresData {
    return {
      columns: this.columns.map(([problem, part]) => [problem, part]),
      rowStarts: this.rowStarts.trimmed(),
      cellColumns: this.cellColumns.trimmed(),
      cellShares: this.cellShares.trimmed(),
      cellPoints: this.cellPoints.trimmed(),
      cellVerdicts: this.cellVerdicts.trimmed(),
      submitted: this.submitted.trimmed(),
    };
  }

  /** Appends another thread's rows (its students come after these), its columns renamed into these. */
  merge(data: PartScoresData): void {
    const renamed = data.columns.map(([problem, part]) => this.column(problem, part));
    const offset = this.cellColumns.length;
    for (let s = 1; s < data.rowStarts.length; s++) this.rowStarts.push(offset + data.rowStarts[s]!);
    for (const column of data.cellColumns) this.cellColumns.push(renamed[column]!);
    this.cellShares.append(data.cellShares);
    this.cellPoints.append(data.cellPoints);
    this.cellVerdicts.append(data.cellVerdicts);
    this.submitted.append(data.submitted);
  }

  private columnsFor(problem: string, partIds: readonly string[]): number[] {
    let byList = this.shapeColumns.get(problem);
    if (!byList) this.shapeColumns.set(problem, (byList = new WeakMap()));
    let columns = byList.get(partIds);
    if (!columns) byList.set(partIds, (columns = partIds.map((part) => this.column(problem, part))));
    return columns;
  }

  private column(problem: string, part: string): number {
    const key = `${problem}\u0000${part}`;
    let at = this.columnOf.get(key);
    if (at === undefined) {
      at = this.columns.push([problem, part]) - 1;
      this.columnOf.set(key, at);
    }
    return at;
  }
}

// Part points as numbers (layout and statistics only), once per shared shares array.
const pointNumbers = new WeakMap<readonly D[], number[]>();
function numbersOf(shares: readonly D[]): number[] {
  let numbers = pointNumbers.get(shares);
  if (!numbers) pointNumbers.set(shares, (numbers = shares.map((share) => share.toNumber())));
  return numbers;
}

type TypedArray = Int32Array | Float64Array | Uint8Array;
interface TypedArrayType<T extends TypedArray> {
  new (length: number): T;
}

/** A typed array that grows by doubling as values are pushed. */
class Growable<T extends TypedArray> {
  private values: T;
  length = 0;

  constructor(
    private readonly type: TypedArrayType<T>,
    initial: readonly number[] = [],
  ) {
    this.values = new type(64);
    for (const value of initial) this.push(value);
  }

  push(value: number): void {
    if (this.length === this.values.length) this.grow(this.length + 1);
    this.values[this.length++] = value;
  }

  append(values: ArrayLike<number>): void {
    if (this.length + values.length > this.values.length) this.grow(this.length + values.length);
    this.values.set(values as never, this.length);
    this.length += values.length;
  }

  /** A copy of exactly the values pushed. */
  trimmed(): T {
    return this.values.slice(0, this.length) as T;
  }

  private grow(needed: number): void {
    const larger = new this.type(Math.max(needed, this.values.length * 2));
    larger.set(this.values as never);
    this.values = larger;
  }
}
