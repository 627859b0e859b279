import type { Locale } from '../bank/bank.js';
import { D } from '../engine/decimal.js';
import { csvLine, studentCell } from './csv-line.js';
import { type GradedProblem, feedbackMarkdown, partScore, points } from './feedback.js';
import { FormulaGraphs } from './formula-graph.js';
import { type CreditOverrides, type Credits, DEFAULT_CREDITS, gradeVariant } from './grade-variant.js';
import { type GradeMessages, messagesFor } from './messages/index.js';
import { GradeTally } from './report.js';
import type { KeyedVariant } from './variant-index.js';

/** Where one grading pass puts what it makes. */
export interface PassSinks {
  writeDetails(text: string): void;
  /** Writes feedback/<student>.md, or says why it may not. */
  writeFeedback(student: string, markdown: string): string | null;
  /** A promise to wait on when feedback files are written faster than the disk takes them. */
  roomToWrite?(): Promise<void> | null;
  onStudent(): void;
}

export interface PassResult {
  tally: GradeTally;
  /** The grades.csv row of each student graded. */
  gradeRows: Map<string, string>;
  notes: string[];
}

/**
 * Grades variants as they come (in file order), writing details rows as it
 * goes; a student is finished — feedback file, grades row — once their last
 * variant is graded. Runs in the main thread or in a worker alike. Feedback
 * is written in `locale`.
 */
export async function gradePass(
  variants: AsyncIterable<KeyedVariant>,
  variantsOf: (student: string) => number,
  problems: readonly string[],
  credits: CreditOverrides,
  locale: Locale,
  sinks: PassSinks,
): Promise<PassResult> {
  const messages = messagesFor(locale);
  const result: PassResult = { tally: new GradeTally(), gradeRows: new Map(), notes: [] };
  const graphs = new FormulaGraphs();
  const pending = new Map<string, GradedProblem[]>();
  for await (const variant of variants) {
    const graded = gradeOne(variant, graphs, credits, messages, result.tally, sinks);
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
    result.tally.addStudent(total, max);
    const cells = problems.map((problem) => {
      const found = sofar.find((p) => p.slot.problem === problem);
      return found ? points(found.earned) : '';
    });
    result.gradeRows.set(student, csvLine([studentCell(student), ...cells, points(total), points(max)]));
    const refused = sinks.writeFeedback(student, feedbackMarkdown(student, sofar[0]!.slot.name, sofar, messages));
    if (refused) result.notes.push(refused);
    sinks.onStudent();
    const room = sinks.roomToWrite?.();
    if (room) await room;
  }
  return result;
}

/** Grades one variant, writing its details rows; the points it earned, for feedback and grades. */
function gradeOne(
  variant: KeyedVariant,
  graphs: FormulaGraphs,
  credits: CreditOverrides,
  messages: GradeMessages,
  tally: GradeTally,
  sinks: PassSinks,
): GradedProblem {
  const results = gradeVariant(variant, graphs, creditsFor(variant, credits), messages);
  const max = new D(variant.points);
  const { shares, shareTexts } = variant;
  const earned = results.reduce((sum, r, at) => sum.plus(shares[at]!.times(r.credit)), new D(0));
  // The cells every row of this variant shares.
  const prefix = `${csvLine([studentCell(variant.student), variant.problem]).slice(0, -1)},`;
  const counts = tally.countsFor(variant.problem, variant.parts.ids);
  let text = '';
  results.forEach((r, at) => {
    tally.addPart(variant.problem, r, counts[at]!);
    const score = partScore(r, shares[at]!, shareTexts[at]!);
    text +=
      prefix +
      csvLine([r.partId, studentCell(r.submitted), r.expected, score, shareTexts[at]!, r.verdict, studentCell(r.feedback)]);
  });
  sinks.writeDetails(text);
  tally.addVariant(variant.problem, earned, max);
  return { slot: variant, results, earned, max };
}

/** Credit per verdict for this variant: what the command line says, else what the bank set, else the defaults. */
function creditsFor(variant: KeyedVariant, overrides: CreditOverrides): Credits {
  return {
    ecf: overrides.ecf ?? variant.credit?.ecf ?? DEFAULT_CREDITS.ecf,
    misconception: overrides.misconception ?? variant.credit?.misconception ?? DEFAULT_CREDITS.misconception,
  };
}
