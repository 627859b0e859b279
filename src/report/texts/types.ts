import type { Flag, NoDiscrimination } from '../item-analysis.js';

/**
 * The class report's own texts in one language (verdict names and
 * misconception titles come from the grading messages). Numbers reach these
 * functions already formatted, in Latin digits: the report turns them into
 * Persian digits afterwards when the set prints them so.
 */
export interface ReportTexts {
  title(set: string): string;
  /** The footer's name of the document. */
  readonly documentName: string;
  /** "page {page} of {count}" (English when absent). */
  readonly pageLabel?: string;
  graded(students: string, file: string): string;
  noSubmission(students: string): string;
  readonly nobodySubmitted: string;
  readonly oneStudent: string;
  meanAndMedian(mean: string, median: string): string;
  percent(value: string): string;
  readonly sections: {
    readonly scores: string;
    readonly scoresByProblem: string;
    readonly verdicts: string;
    readonly misconceptions: string;
    readonly chains: string;
    readonly items: string;
  };
  readonly intro: {
    readonly verdicts: string;
    readonly misconceptions: string;
    readonly chains: string;
    readonly items: string;
  };
  readonly noMisconception: string;
  allCorrect(problem: string, students: string): string;
  readonly axes: {
    readonly score: string;
    readonly students: string;
    readonly shareOfAnswers: string;
    readonly answers: string;
    readonly firstError: string;
    readonly verdict: string;
    readonly problem: string;
  };
  /** Part, students, facility, point-biserial, upper–lower index, missing, flags. */
  readonly itemColumns: readonly [string, string, string, string, string, string, string];
  readonly flags: Readonly<Record<Flag, string>>;
  readonly noDiscrimination: Readonly<Record<NoDiscrimination, string>>;
  /** A flagged part in the list under the table. */
  flagged(part: string, flags: string): string;
  readonly noneFlagged: string;
}
