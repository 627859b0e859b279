import type { Locale } from '../../bank/bank.js';
import type { MisconceptionId } from '../../families/misconception.js';
import type { Verdict } from '../grade-variant.js';
import type { InvalidReason } from '../student-number.js';
import type { SubmissionLayout } from '../read-submissions.js';

/**
 * Every text grading writes for people, in one language: the feedback of a
 * part (details.csv and feedback/<student>.md), the feedback file's
 * headings, and report.md. Ids, verdict values, column names of the CSV
 * files and file names stay as the contract says, in every language.
 * A locale that leaves a text out does not type-check.
 */
export interface GradeMessages {
  /** The language, as the Markdown files' `lang` front matter says it. */
  readonly locale: Locale;
  /** Written right to left (RTL_LOCALES): the Markdown files get `dir: rtl` front matter, as the sheets do. */
  readonly rtl: boolean;
  /**
   * Text that must read left to right inside a sentence (a formula, `3 / 4`,
   * `0–10 %`): wrapped in a left-to-right isolate in a right-to-left locale,
   * as it is elsewhere.
   */
  ltr(text: string): string;
  /** Between the items of a list in a sentence. */
  readonly listSeparator: string;
  /** Points earned out of points possible, as `3 / 4`. */
  fraction(earned: string, max: string): string;

  /** What each catalogued wrong method is and how to do it right, said to the student. */
  readonly misconceptions: Readonly<Record<MisconceptionId, string>>;
  /** Each misconception's feedback in a few words: the label of its bar in the class report. */
  readonly misconceptionTitles: Readonly<Record<MisconceptionId, string>>;

  /** Verdict names as people read them (report columns, notes under a feedback table). */
  readonly verdictNames: Readonly<Record<Verdict, string>>;
  /** A verdict in a feedback table: a mark and its name. */
  readonly verdictMarks: Readonly<Record<Verdict, string>>;

  /** The feedback of a part that is not right. */
  readonly partFeedback: {
    readonly missing: string;
    /** A cell that is not a number; `why` as invalidReasons words it (a clause that follows "because"). */
    invalid(why: string): string;
    /** `carried`: the earlier parts and the student's values of them; `value`: this part from them. */
    ecf(carried: string, value: string): string;
    readonly incorrect: string;
    /** Incorrect, though it follows from the student's earlier answers: carrying them makes the part trivial. */
    incorrectTrivial(carried: string): string;
  };
  /** Why a cell is not a number, for each reason the number reader gives, as a clause invalid() completes. */
  readonly invalidReasons: Readonly<Record<InvalidReason, string>>;

  /** feedback/<student>.md. */
  readonly feedbackFile: {
    /** Front matter title (right-to-left locales only) and first heading. */
    title(who: string): string;
    /** The student's total, `score` as fraction() gives it. */
    total(score: string): string;
    /** In place of the total, for a student who handed in no answer (score left empty). */
    readonly noSubmission: string;
    /** After the first characters of an answer too long to show whole: its length, as `(1,000,000 characters)`. */
    cutAnswer(length: number): string;
    /** Columns: part, the student's answer, the key, verdict, points. */
    readonly columns: readonly [string, string, string, string, string];
  };

  /** report.md. */
  readonly report: {
    title(set: string): string;
    variants(file: string, students: number): string;
    submissions(counts: {
      file: string;
      layout: SubmissionLayout;
      read: number;
      graded: number;
      rejected: number;
    }): string;
    note(text: string): string;
    readonly scoreDistribution: string;
    /** Columns of the score table: the score range, the number of students, the bar. */
    readonly scoreColumns: readonly [string, string];
    /** A percentage, as `12.5 %`. */
    percent(value: string): string;
    /** A range of percentages, as `10–20 %`. */
    range(from: number, to: number): string;
    meanAndMedian(mean: string, median: string): string;
    /** The heading over the students who handed in no answer. */
    readonly noSubmission: string;
    /** What became of them: an empty score left out of the statistics, or (`--missing-as-zero`) a 0 counted in them. */
    noSubmissionCount(students: number, scoredZero: boolean): string;
    /** The heading of a problem with its mean score. */
    problem(problem: string, mean: string | null): string;
    /** The first column of the verdict table. */
    readonly part: string;
    readonly noMisconception: string;
    readonly commonMisconceptions: string;
    /** Columns of the misconception table: id, answers matched, parts where most often. */
    readonly misconceptionColumns: readonly [string, string, string];
  };
}

/** A locale's own texts; whether it is written right to left comes from RTL_LOCALES. */
export type LocaleTexts = Omit<GradeMessages, 'locale' | 'rtl'>;
