// The class report's content, once for both its forms: Markdown text (as the
// rest of sigmax writes documents) with the charts between, in the set's
// language and digits. report-html.ts and report-pdf.ts only lay it out.
import type { Digits, Locale } from '../bank/bank.js';
import { RTL_LOCALES } from '../bank/bank.js';
import { markdownText } from '../grade/feedback.js';
import { messagesFor } from '../grade/messages/index.js';
import type { GradeTally } from '../grade/report.js';
import { ltrInlineSetter } from '../render/pdf/inline-setter.js';
import { keepAsTyped, withoutKeepMarks, withPersianDigits } from '../render/prose-digits.js';
import { type Chart, type MisconceptionCount, classCharts, partLabel } from './charts.js';
import { type ClassStatistics, type PartStatistics, classStatistics } from './item-analysis.js';
import { type ReportTexts, reportTextsFor } from './texts/index.js';

export interface ClassReportInput {
  tally: GradeTally;
  set: string;
  /** The variants file the class was graded from (named in the report). */
  variantsFile: string;
  locale: Locale;
  digits: Digits;
}

export type ReportPiece = { kind: 'markdown'; text: string } | { kind: 'figure'; chart: Chart };

export interface ClassReport {
  title: string;
  set: string;
  locale: Locale;
  rtl: boolean;
  digits: Digits;
  texts: ReportTexts;
  /** Markdown (digits already as the set prints them) and charts, in reading order. */
  pieces: ReportPiece[];
  stats: ClassStatistics;
}

export async function buildClassReport(input: ClassReportInput): Promise<ClassReport> {
  const { locale, digits } = input;
  const texts = reportTextsFor(locale);
  const messages = messagesFor(locale);
  const rtl = RTL_LOCALES.has(locale);
  const persian = digits === 'persian';
  const stats = classStatistics(input.tally.partScores.toData());
  // The right-to-left setter (and its bidi tables) is loaded only for a right-to-left report.
  const setter = rtl ? (await import('../render/pdf/bidi-inline-layout.js')).rtlInlineSetter : ltrInlineSetter;
  const charts = await classCharts(stats, misconceptionCounts(input.tally), { texts, messages, persianDigits: persian, setter });

  const pieces: ReportPiece[] = [];
  let text: string[] = [];
  const flush = () => {
    if (text.length === 0) return;
    const markdown = `${text.join('\n')}\n`;
    pieces.push({ kind: 'markdown', text: persian ? withPersianDigits(markdown) : withoutKeepMarks(markdown) });
    text = [];
  };
  const figure = (chart: Chart | null | undefined) => {
    if (!chart) return;
    flush();
    pieces.push({ kind: 'figure', chart });
  };
  const said = (s: string) => text.push(s, '');
  const id = (s: string) => keepAsTyped(markdownText(s));

  said(`# ${markdownText(texts.title(input.set))}`);
  said(texts.graded(String(stats.students), input.variantsFile.replace(/`/g, "'")));
  if (stats.noSubmission > 0) said(texts.noSubmission(String(stats.noSubmission)));
  if (!charts) {
    said(texts.nobodySubmitted);
    flush();
    return { title: texts.title(input.set), set: input.set, locale, rtl, digits, texts, pieces, stats };
  }
  if (stats.analysed === 1) said(texts.oneStudent);
  said(texts.meanAndMedian(fixed(stats.mean!, 1), fixed(stats.median!, 1)));

  said(`## ${texts.sections.scores}`);
  figure(charts.totals);
  said(`### ${texts.sections.scoresByProblem}`);
  figure(charts.problems);
  said(stats.problems.map((p) => `- ${id(p.problem)}: ${p.mean === null ? '—' : texts.percent(fixed(p.mean, 1))}`).join('\n'));

  // Each chart under its own heading, the explanation after the section's charts: a heading keeps its chart on its page.
  said(`## ${texts.sections.verdicts}`);
  stats.problems.forEach((p, at) => {
    said(`### ${id(p.problem)}`);
    figure(charts.verdicts[at]);
  });
  said(texts.intro.verdicts);

  said(`## ${texts.sections.misconceptions}`);
  figure(charts.misconceptions);
  said(charts.misconceptions ? texts.intro.misconceptions : texts.noMisconception);

  said(`## ${texts.sections.chains}`);
  stats.problems.forEach((p, at) => {
    said(`### ${id(p.problem)}`);
    figure(charts.chains[at]);
    said(texts.allCorrect(id(p.problem), String(p.allCorrect)));
  });
  said(texts.intro.chains);

  said(`## ${texts.sections.items}`);
  said(texts.intro.items);
  said(itemTable(stats, texts, id));
  const flagged = stats.problems.flatMap((p) => p.parts).filter((p) => p.flags.length > 0);
  said(flagged.length === 0 ? texts.noneFlagged : flagged.map((p) => `- ${texts.flagged(id(partLabel(p.problem, p.part)), flagsOf(p, texts))}`).join('\n'));
  flush();
  return { title: texts.title(input.set), set: input.set, locale, rtl, digits, texts, pieces, stats };
}

function itemTable(stats: ClassStatistics, texts: ReportTexts, id: (s: string) => string): string {
  const rows = [`| ${texts.itemColumns.join(' | ')} |`, '|---|---:|---:|---:|---:|---:|---|'];
  for (const p of stats.problems.flatMap((problem) => problem.parts)) {
    const none = p.noDiscrimination ? texts.noDiscrimination[p.noDiscrimination] : '—';
    rows.push(
      `| ${id(partLabel(p.problem, p.part))} | ${p.students} | ${p.facility === null ? '—' : fixed(p.facility, 2)} | ` +
        `${p.pointBiserial === null ? none : fixed(p.pointBiserial, 2)} | ${p.upperLower === null ? none : fixed(p.upperLower, 2)} | ` +
        `${p.missingRate === null ? '—' : texts.percent(fixed(p.missingRate * 100, 1))} | ${flagsOf(p, texts)} |`,
    );
  }
  return rows.join('\n');
}

const flagsOf = (p: PartStatistics, texts: ReportTexts) => p.flags.map((f) => texts.flags[f]).join(', ');

/** A figure to `places` decimals with a true minus sign; never "−0.00". */
function fixed(x: number, places: number): string {
  const text = Math.abs(x).toFixed(places);
  return x < 0 && Number(text) !== 0 ? `−${text}` : text;
}

/** The tally's misconception matches, per problem and misconception. */
function misconceptionCounts(tally: GradeTally): MisconceptionCount[] {
  return [...tally.misconceptions].flatMap(([problem, byId]) => [...byId].map(([id, { count }]) => ({ id, problem, answers: count })));
}
