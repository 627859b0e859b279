import type { Locale } from '../bank/bank.js';
import { D } from '../engine/decimal.js';
import { cutText } from '../text/long-text.js';
import { KeyCheck, type KeyCheckData, type KeyCheckMode, emptyKeyCheck } from './check-keys.js';
import { csvCell, csvLine, studentCell } from './csv-line.js';
import { type GradedProblem, feedbackMarkdown, partScore, points } from './feedback.js';
import { FormulaGraphs } from './formula-graph.js';
import { type CreditOverrides, type Credits, DEFAULT_CREDITS, type PartResult, creditKind, gradeVariant } from './grade-variant.js';
import { type GradeMessages, messagesFor } from './messages/index.js';
import { GradeTally, type TallyData } from './report.js';
import type { KeyedVariant } from './variant-index.js';

/** Where one grading pass puts what it makes. */
export interface PassSinks {
  /** One variant's details rows, and the variants line it stands on. */
  writeDetails(text: string, line: number): void;
  /** Writes feedback/<student>.md, or says why it may not. */
  writeFeedback(student: string, markdown: string): string | null;
  /** A promise to wait on when feedback files are written faster than the disk takes them. */
  roomToWrite?(): Promise<void> | null;
  onStudent(): void;
  /**
   * For a shard of a class: each student's own counts for the report as they are finished,
   * with the line of their last variant (the order a single run finishes them in) and their
   * notes; merging them in that order gives the single run's tally. The pass's tally holds them too.
   */
  studentTallied?(student: string, line: number, tally: TallyData, notes: readonly string[]): void;
}

/** How a pass scores: what a student with no submission gets, and how the keys are checked. */
export interface PassRules {
  /** Score a student who handed in no answer at all 0, as an attempt (default: an empty score, left out of the statistics). */
  missingAsZero?: boolean;
  /** Whether each record's keys are checked against its givens before it is graded (default: `screen`; see check-keys.ts). */
  keyCheck?: KeyCheckMode;
}

export interface PassResult {
  tally: GradeTally;
  /** The grades.csv row of each student graded. */
  gradeRows: Map<string, string>;
  notes: string[];
  /** What the key check found (nothing when it is off). */
  keys: KeyCheckData;
}

/**
 * Grades variants as they come (in file order), writing details rows as it
 * goes; a student is finished — feedback file, grades row, report counts —
 * once their last variant is graded. Runs in the main thread or in a worker
 * alike. Feedback is written in `locale`. A student with no answer in any part
 * (no row, or only blank cells) has no submission: an empty score, unless
 * `rules.missingAsZero`.
 */
export async function gradePass(
  variants: AsyncIterable<KeyedVariant>,
  variantsOf: (student: string) => number,
  problems: readonly string[],
  credits: CreditOverrides,
  locale: Locale,
  sinks: PassSinks,
  rules: PassRules = {},
): Promise<PassResult> {
  const messages = messagesFor(locale);
  const creditsOf = creditResolver(credits);
  const result: PassResult = { tally: new GradeTally(), gradeRows: new Map(), notes: [], keys: emptyKeyCheck() };
  const graphs = new FormulaGraphs();
  const mode = rules.keyCheck ?? 'screen';
  const keyCheck = mode === 'off' ? null : new KeyCheck(graphs, mode);
  const pending = new Map<string, GradedProblem[]>();
  for await (const variant of variants) {
    keyCheck?.check(variant);
    const graded = gradeOne(variant, graphs, creditsOf(variant), messages, sinks);
    const { student } = variant;
    const sofar = pending.get(student) ?? [];
    sofar.push(graded);
    if (sofar.length < variantsOf(student)) {
      pending.set(student, sofar);
      continue;
    }
    pending.delete(student);
    const total = sofar.reduce((sum, p) => sum.plus(p.earned), new D(0));
    const max = sofar.reduce((sum, p) => sum.plus(p.max), new D(0));
    const submitted = sofar.some((p) => p.slot.submitted !== undefined);
    const tally = sinks.studentTallied ? new GradeTally() : result.tally;
    if (!submitted) tally.addNoSubmission(student);
    // An empty score is no attempt: it stays out of the report's shares, means and distribution.
    const scored = submitted || rules.missingAsZero === true;
    if (scored) tallyStudent(tally, sofar, total, max);
    tally.partScores.addStudent(sofar);
    const cells = problems.map((problem) => {
      const found = sofar.find((p) => p.slot.problem === problem);
      return found && scored ? points(found.earned) : '';
    });
    result.gradeRows.set(student, csvLine([studentCell(student), ...cells, scored ? points(total) : '', points(max)]));
    const markdown = feedbackMarkdown(student, sofar[0]!.slot.name, sofar, messages, scored);
    const refused = sinks.writeFeedback(student, markdown);
    if (refused) result.notes.push(refused);
    if (sinks.studentTallied) {
      const data = tally.toData();
      result.tally.merge(data);
      sinks.studentTallied(student, variant.line, data, refused ? [refused] : []);
    }
    sinks.onStudent();
    const room = sinks.roomToWrite?.();
    if (room) await room;
  }
  if (keyCheck) result.keys = keyCheck.result();
  return result;
}

/** Grades one variant, writing its details rows; the points it earned, for feedback and grades. */
function gradeOne(
  variant: KeyedVariant,
  graphs: FormulaGraphs,
  credits: Credits,
  messages: GradeMessages,
  sinks: PassSinks,
): GradedProblem {
  const results = gradeVariant(variant, graphs, credits, messages);
  const max = new D(variant.points);
  const { shares, shareTexts } = variant;
  const earned = earnedPoints(results, shares, variant.equalShares);
  // The cells every row of this variant shares.
  const prefix = `${csvLine([studentCell(variant.student), variant.problem]).slice(0, -1)},`;
  const partCells = partCellsOf(variant.parts.ids);
  // Written cell by cell rather than through csvLine (a million rows): the points and the
  // verdict never need quotes, the part ids are quoted once per shape.
  let text = '';
  for (let at = 0; at < results.length; at++) {
    const r = results[at]!;
    const score = partScore(r, shares[at]!, shareTexts[at]!);
    text +=
      `${prefix}${partCells[at]},${textCell(cutText(r.submitted))},${csvCell(r.expected)},${score},${shareTexts[at]!},${r.verdict},` +
      `${textCell(r.feedback)}\n`;
  }
  sinks.writeDetails(text, variant.line);
  return { slot: variant, results, earned, max };
}

/** Adds a finished student's verdicts, problem scores and total to the report's counts. */
function tallyStudent(tally: GradeTally, graded: readonly GradedProblem[], total: D, max: D): void {
  for (const { slot, results, earned, max: problemMax } of graded) {
    const counts = tally.countsFor(slot.problem, slot.parts.ids);
    results.forEach((r, at) => tally.addPart(slot.problem, r, counts[at]!));
    tally.addVariant(slot.problem, earned, problemMax);
  }
  tally.addStudent(total, max);
}

/**
 * Credit per verdict for a variant: what the command line says, else what the bank set
 * (recorded in the variant), else the defaults. One object per recorded setting, so
 * creditKind classifies each once.
 */
function creditResolver(overrides: CreditOverrides): (variant: KeyedVariant) => Credits {
  const resolved = new Map<KeyedVariant['credit'], Credits>();
  return (variant) => {
    let credits = resolved.get(variant.credit);
    if (!credits) {
      credits = {
        ecf: overrides.ecf ?? variant.credit?.ecf ?? DEFAULT_CREDITS.ecf,
        misconception: overrides.misconception ?? variant.credit?.misconception ?? DEFAULT_CREDITS.misconception,
      };
      resolved.set(variant.credit, credits);
    }
    return credits;
  };
}

/** Points earned: with equal shares, one share times the credits' sum (as before part points); else part by part. */
function earnedPoints(results: readonly PartResult[], shares: readonly D[], equal: boolean): D {
  if (results.length === 0) return new D(0);
  if (equal) return shares[0]!.times(creditSum(results));
  return results.reduce((sum, r, at) => sum.plus(shares[at]!.times(r.credit)), new D(0));
}

/** A cell of text from a student (or about their answer), as csvLine writes it. */
const textCell = (text: string): string => (text === '' ? '' : csvCell(studentCell(text)));

/**
 * The sum of the parts' credits. With the default credits every one is 0 or 1: then the
 * count of ones, without a Decimal addition per part; otherwise added up in order.
 */
function creditSum(results: readonly PartResult[]): D {
  let ones = 0;
  for (const r of results) {
    const kind = creditKind(r.credit);
    if (kind === -1) return results.reduce((sum, p) => sum.plus(p.credit), new D(0));
    ones += kind;
  }
  return new D(ones);
}


// The part ids of a shape as details.csv cells, made once per shape.
const partCellLists = new WeakMap<readonly string[], string[]>();
function partCellsOf(ids: readonly string[]): string[] {
  let cells = partCellLists.get(ids);
  if (!cells) partCellLists.set(ids, (cells = ids.map(csvCell)));
  return cells;
}
