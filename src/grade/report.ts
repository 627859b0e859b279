import type { D } from '../engine/decimal.js';
import type { MisconceptionId } from '../families/misconception.js';
import { DEFAULT_LAYOUT, type SiteFields, withFrontMatter, withSiteFields } from '../text/front-matter.js';
import { type PartResult, VERDICTS, type Verdict } from './grade-variant.js';
import type { GradeMessages } from './messages/index.js';
import { PartScores, type PartScoresData } from './part-scores.js';
import type { SubmissionLayout } from './read-submissions.js';

/** What a tally holds, as plain data (sent from a grading worker). */
export interface TallyData {
  verdicts: [string, [string, number[]][]][];
  misconceptions: [string, [MisconceptionId, { count: number; parts: [string, number][] }][]][];
  studentPercentages: number[];
  problemScores: [string, { earned: number; variants: number }][];
  problemFractions: [string, number[]][];
  noSubmission: string[];
  partScores: PartScoresData;
}

/** Counts the report is made of: verdicts per part, misconceptions per problem, scores per student. */
export class GradeTally {
  /** problem → part → count per verdict (in VERDICTS order). */
  readonly verdicts = new Map<string, Map<string, number[]>>();
  /** problem → misconception → answers matched and the parts they were in. */
  readonly misconceptions = new Map<string, Map<MisconceptionId, { count: number; parts: Map<string, number> }>>();
  /** Each student's total as a percentage of their maximum (layout only, not a key value). */
  readonly studentPercentages: number[] = [];
  /** Students who handed in no answer at all, in grading order. */
  readonly noSubmission: string[] = [];
  /** problem → sum of earned fractions and number of variants, for the mean. */
  readonly problemScores = new Map<string, { earned: number; variants: number }>();
  /** Each student's score share on each part, in grading order (the class report's item analysis). */
  readonly partScores = new PartScores();
  /**
   * problem → each variant's earned fraction, in grading order: merge() adds another
   * thread's one by one, so their float sum is the one a single thread makes.
   */
  private readonly problemFractions = new Map<string, number[]>();
  private readonly countArrays = new Map<string, WeakMap<readonly string[], number[][]>>();

  /** The verdict counts of each part of a problem, by part index (looked up once per part list). */
  countsFor(problem: string, partIds: readonly string[]): number[][] {
    let byList = this.countArrays.get(problem);
    if (!byList) this.countArrays.set(problem, (byList = new WeakMap()));
    let arrays = byList.get(partIds);
    if (!arrays) {
      let parts = this.verdicts.get(problem);
      if (!parts) this.verdicts.set(problem, (parts = new Map()));
      const known = parts;
      arrays = partIds.map((id) => {
        let counts = known.get(id);
        if (!counts) known.set(id, (counts = VERDICTS.map(() => 0)));
        return counts;
      });
      byList.set(partIds, arrays);
    }
    return arrays;
  }

  addPart(problem: string, result: PartResult, counts: number[]): void {
    counts[VERDICT_INDEX[result.verdict]]!++;
    if (result.misconceptions.length === 0) return;
    let byId = this.misconceptions.get(problem);
    if (!byId) this.misconceptions.set(problem, (byId = new Map()));
    for (const id of result.misconceptions) {
      let entry = byId.get(id);
      if (!entry) byId.set(id, (entry = { count: 0, parts: new Map() }));
      entry.count++;
      entry.parts.set(result.partId, (entry.parts.get(result.partId) ?? 0) + 1);
    }
  }

  addVariant(problem: string, earned: D, max: D): void {
    this.addFraction(problem, max.isZero() ? 0 : earned.div(max).toNumber());
  }

  private addFraction(problem: string, fraction: number): void {
    const entry = this.problemScores.get(problem) ?? { earned: 0, variants: 0 };
    entry.earned += fraction;
    entry.variants++;
    this.problemScores.set(problem, entry);
    let fractions = this.problemFractions.get(problem);
    if (!fractions) this.problemFractions.set(problem, (fractions = []));
    fractions.push(fraction);
  }

  addStudent(total: D, max: D): void {
    this.studentPercentages.push(max.isZero() ? 0 : total.div(max).times(100).toNumber());
  }

  addNoSubmission(student: string): void {
    this.noSubmission.push(student);
  }

  toData(): TallyData {
    return {
      verdicts: [...this.verdicts].map(([problem, parts]) => [problem, [...parts]]),
      misconceptions: [...this.misconceptions].map(([problem, byId]) => [
        problem,
        [...byId].map(([id, { count, parts }]) => [id, { count, parts: [...parts] }]),
      ]),
      studentPercentages: this.studentPercentages,
      problemScores: [...this.problemScores],
      problemFractions: [...this.problemFractions],
      noSubmission: this.noSubmission,
      partScores: this.partScores.toData(),
    };
  }

  /** Adds another tally's counts (a worker's) to this one. */
  merge(data: TallyData): void {
    for (const [problem, parts] of data.verdicts) {
      let known = this.verdicts.get(problem);
      if (!known) this.verdicts.set(problem, (known = new Map()));
      for (const [part, counts] of parts) {
        const mine = known.get(part);
        if (mine) counts.forEach((n, i) => (mine[i]! += n));
        else known.set(part, [...counts]);
      }
    }
    for (const [problem, byId] of data.misconceptions) {
      let known = this.misconceptions.get(problem);
      if (!known) this.misconceptions.set(problem, (known = new Map()));
      for (const [id, { count, parts }] of byId) {
        let entry = known.get(id);
        if (!entry) known.set(id, (entry = { count: 0, parts: new Map() }));
        entry.count += count;
        for (const [part, n] of parts) entry.parts.set(part, (entry.parts.get(part) ?? 0) + n);
      }
    }
    for (const p of data.studentPercentages) this.studentPercentages.push(p);
    for (const student of data.noSubmission) this.noSubmission.push(student);
    for (const [problem, fractions] of data.problemFractions) for (const f of fractions) this.addFraction(problem, f);
    this.partScores.merge(data.partScores);
  }
}

const VERDICT_INDEX = Object.fromEntries(VERDICTS.map((v, i) => [v, i])) as Record<Verdict, number>;

export interface ReportHeader {
  set: string;
  variantsFile: string;
  submissionsFile: string;
  layout: SubmissionLayout;
  rowsRead: number;
  rowsGraded: number;
  rowsRejected: number;
  students: number;
  notes: readonly string[];
  /** Whether a student with no submission was scored 0 (and counted) rather than left empty. */
  missingAsZero: boolean;
  /** The bank's front matter for a course site, from the variants file. */
  site: SiteFields | undefined;
}

/** report.md: per part the share of each verdict, the common misconceptions, the score distribution; in the language of `messages`. */
export function reportMarkdown(tally: GradeTally, header: ReportHeader, messages: GradeMessages): string {
  const said = messages.report;
  const out: string[] = [];
  out.push(`# ${said.title(header.set)}`, '');
  out.push(`- ${said.variants(header.variantsFile, header.students)}`);
  out.push(
    `- ${said.submissions({
      file: header.submissionsFile,
      layout: header.layout,
      read: header.rowsRead,
      graded: header.rowsGraded,
      rejected: header.rowsRejected,
    })}`,
  );
  for (const note of header.notes) out.push(`- ${said.note(note)}`);
  out.push('', `## ${said.scoreDistribution}`, '', `| ${said.scoreColumns.join(' | ')} | |`, '|---|---:|---|');
  const bins = Array.from({ length: 10 }, () => 0);
  for (const p of tally.studentPercentages) bins[Math.min(9, Math.max(0, Math.floor(p / 10)))]!++;
  const most = Math.max(1, ...bins);
  bins.forEach((count, i) => {
    out.push(`| ${said.range(i * 10, i * 10 + 10)} | ${count} | ${'█'.repeat(Math.round((count / most) * 30))} |`);
  });
  const percentages = [...tally.studentPercentages].sort((a, b) => a - b);
  if (percentages.length > 0) {
    const mean = percentages.reduce((a, b) => a + b, 0) / percentages.length;
    const middle = percentages.length / 2;
    const median =
      percentages.length % 2 === 1
        ? percentages[Math.floor(middle)]!
        : (percentages[middle - 1]! + percentages[middle]!) / 2;
    out.push('', said.meanAndMedian(mean.toFixed(1), median.toFixed(1)));
  }
  if (tally.noSubmission.length > 0) {
    const ids = tally.noSubmission.map((id) => messages.ltr(`\`${id.replaceAll('`', "'")}\``));
    out.push('', `## ${said.noSubmission}`, '', said.noSubmissionCount(tally.noSubmission.length, header.missingAsZero));
    out.push('', ids.join(messages.listSeparator));
  }

  const verdictColumns = VERDICTS.map((v) => messages.verdictNames[v]);
  for (const [problem, parts] of tally.verdicts) {
    const score = tally.problemScores.get(problem);
    const mean = score && score.variants > 0 ? ((score.earned / score.variants) * 100).toFixed(1) : null;
    out.push('', `## ${said.problem(problem, mean)}`, '');
    out.push(`| ${said.part} | ${verdictColumns.join(' | ')} |`);
    out.push(`|---|${VERDICTS.map(() => '---:').join('|')}|`);
    for (const [part, counts] of parts) {
      const total = counts.reduce((a, b) => a + b, 0);
      const share = (n: number) => (n === 0 ? '·' : said.percent(((n / total) * 100).toFixed(1)));
      out.push(`| ${part} | ${counts.map(share).join(' | ')} |`);
    }
    const matched = [...(tally.misconceptions.get(problem) ?? new Map())].sort((a, b) => b[1].count - a[1].count);
    if (matched.length === 0) {
      out.push('', said.noMisconception);
      continue;
    }
    out.push('', said.commonMisconceptions, '', `| ${said.misconceptionColumns.join(' | ')} |`, '|---|---:|---|');
    for (const [id, { count, parts: where }] of matched) {
      const top = [...where].sort((a, b) => b[1] - a[1]).slice(0, 5);
      out.push(`| ${id} | ${count} | ${top.map(([part, n]) => messages.ltr(`${part} (${n})`)).join(messages.listSeparator)} |`);
    }
  }
  // Front matter as the sheets have it, so the report drops into the course site beside them.
  const front = {
    title: said.title(header.set),
    set: header.set,
    layout: DEFAULT_LAYOUT,
    lang: messages.locale,
    ...(messages.rtl && { dir: 'rtl' }),
  };
  return withFrontMatter(`${out.join('\n')}\n`, withSiteFields(front, header.site));
}
