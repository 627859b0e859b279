// The report's charts: Vega-Lite specifications rendered to SVG by Vega on
// the server (no browser, no canvas). The same SVG goes inline into the HTML
// and, as vector graphics, into the PDF. Labels are measured with the fonts
// the PDF sets them in, so the axes leave them the room they take there.
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { VERDICTS } from '../grade/grade-variant.js';
import type { GradeMessages } from '../grade/messages/index.js';
import type { MisconceptionId } from '../families/misconception.js';
import type { InlineSetter } from '../render/pdf/inline-setter.js';
import { labelWidth } from '../render/pdf/svg-figure.js';
import { persianDigits } from '../render/prose-digits.js';
import { isolatedLtr } from '../text/bidi-isolates.js';
import type { ClassStatistics, ProblemStatistics } from './item-analysis.js';
import { BINS } from './item-analysis.js';
import type { ReportTexts } from './texts/index.js';

/** How the charts are written: the language's texts and direction, and the digits of their numbers. */
export interface ChartStyle {
  texts: ReportTexts;
  messages: GradeMessages;
  persianDigits: boolean;
  /** The PDF's text setter for this direction: labels are measured with it. */
  setter: InlineSetter;
}

export interface Chart {
  /** What the chart shows, for the figure's label. */
  name: string;
  svg: string;
}

/** Colours of the verdicts, from right to wrong to absent; they stay apart in print and for red–green colour blindness by lightness. */
const VERDICT_COLOURS = ['#1b7837', '#7fbf7b', '#f1a340', '#b2182b', '#762a83', '#c8c8c8'];
const BAR_COLOUR = '#4e79a7';
/** The chain view in the colour of a wrong answer. */
const CHAIN_COLOUR = '#b2182b';
/** Width of a full-width chart's plot, in SVG pixels (the PDF prints a pixel as ¾ pt: 480 px is 360 pt). */
const PLOT_WIDTH = 480;
/** Height of one bar of a chart with a bar per part. */
const BAR_STEP = 13;

/** A part's label in the report's text: problem and part as typed. */
export const partLabel = (problem: string, part: string) => `${problem} · ${part}`;

/** A part id on a chart's axis, as typed: isolated left to right on a right-to-left page (`dw[1]` keeps its order). */
const partAxisLabel = (part: string, style: ChartStyle) => (style.setter.rtl ? isolatedLtr(part) : part);

/** The axis of part ids: as wide in every problem's chart, so the charts line up. */
const partAxis = (rtl: boolean) => ({ orient: rtl ? 'right' : 'left', labelLimit: 220, minExtent: 90 });

/** The labels of the score bins: 0–10, …, 90–100. */
function binLabels(style: ChartStyle): string[] {
  const width = 100 / BINS;
  return Array.from({ length: BINS }, (_, i) => digitsOf(style, `${i * width}–${(i + 1) * width}`));
}

const digitsOf = (style: ChartStyle, text: string) => (style.persianDigits ? persianDigits(text) : text);

/** Answers that matched a misconception, per problem. */
export interface MisconceptionCount {
  id: MisconceptionId;
  problem: string;
  answers: number;
}

export interface ClassCharts {
  totals: Chart;
  problems: Chart;
  /** One per problem, in the problems' order: a long sheet breaks across pages between problems. */
  verdicts: Chart[];
  /** Null when no misconception was matched. */
  misconceptions: Chart | null;
  /** One per problem. */
  chains: Chart[];
}

/** Every chart of the report (none for a class with no answers). */
export async function classCharts(stats: ClassStatistics, misconceptions: readonly MisconceptionCount[], style: ChartStyle): Promise<ClassCharts | null> {
  if (stats.analysed === 0) return null;
  const { texts } = style;
  return {
    totals: { name: texts.sections.scores, svg: await renderChart(totalsSpec(stats, style), style) },
    problems: { name: texts.sections.scoresByProblem, svg: await renderChart(problemsSpec(stats, style), style) },
    verdicts: await eachProblem(stats, (p) => ({ name: `${texts.sections.verdicts}: ${p.problem}`, spec: verdictsSpec(p, style) }), style),
    misconceptions:
      misconceptions.length === 0
        ? null
        : { name: texts.sections.misconceptions, svg: await renderChart(misconceptionsSpec(stats, misconceptions, style), style) },
    chains: await eachProblem(stats, (p) => ({ name: `${texts.sections.chains}: ${p.problem}`, spec: chainsSpec(p, style) }), style),
  };
}

async function eachProblem(stats: ClassStatistics, chart: (p: ProblemStatistics) => { name: string; spec: TopLevelSpec }, style: ChartStyle): Promise<Chart[]> {
  const charts: Chart[] = [];
  for (const problem of stats.problems) {
    const { name, spec } = chart(problem);
    charts.push({ name, svg: await renderChart(spec, style) });
  }
  return charts;
}

/** Axis and legend settings shared by every chart; right to left, the value axis stands on the right. */
function baseConfig(style: ChartStyle) {
  return {
    font: style.setter.rtl ? 'Vazirmatn, DejaVu Sans, sans-serif' : 'DejaVu Sans, Verdana, sans-serif',
    background: 'white',
    view: { stroke: null },
    // Right to left the value axis's title stands outside its labels, rotated: Persian letters reach far above the baseline.
    axis: { titlePadding: 8, labelFontSize: 10, titleFontSize: 10.5, labelColor: '#222222', titleColor: '#222222', domainColor: '#888888', tickColor: '#888888', gridColor: '#e4e4e4' },
    legend: { labelFontSize: 10, titleFontSize: 10.5, orient: 'bottom', direction: 'horizontal', labelColor: '#222222', titleColor: '#222222', symbolType: 'square' },
    header: { labelFontSize: 10.5, labelFontWeight: 'bold', labelColor: '#222222' },
  };
}

/** A quantitative axis in the set's digits. */
function countAxis(style: ChartStyle, title: string, orient: 'left' | 'right' | 'bottom', format = 'd') {
  return { title, orient, format, tickMinStep: format === 'd' ? 1 : undefined, ...(style.persianDigits ? { labelExpr: `${DIGITS_FUNCTION}(datum.label)` } : {}) };
}

function totalsSpec(stats: ClassStatistics, style: ChartStyle): TopLevelSpec {
  const labels = binLabels(style);
  const rtl = style.setter.rtl;
  const values = stats.bins.map((students, i) => ({ bin: labels[i], students, shown: digitsOf(style, String(students)) }));
  return {
    config: baseConfig(style),
    width: PLOT_WIDTH,
    height: 180,
    data: { values },
    encoding: {
      x: { field: 'bin', type: 'ordinal', sort: labels, title: style.texts.axes.score, axis: { labelAngle: 0 }, scale: { reverse: rtl } },
      y: { field: 'students', type: 'quantitative', axis: countAxis(style, style.texts.axes.students, rtl ? 'right' : 'left') },
    },
    layer: [
      { mark: { type: 'bar', color: BAR_COLOUR } },
      { mark: { type: 'text', dy: -5, fontSize: 9, color: '#333333' }, encoding: { text: { field: 'shown' } }, transform: [{ filter: 'datum.students > 0' }] },
    ],
  } as TopLevelSpec;
}

function problemsSpec(stats: ClassStatistics, style: ChartStyle): TopLevelSpec {
  const labels = binLabels(style);
  const rtl = style.setter.rtl;
  const values = stats.problems.flatMap((p) => p.bins.map((students, i) => ({ problem: p.problem, bin: labels[i], students })));
  return {
    config: baseConfig(style),
    data: { values },
    columns: 3,
    facet: { field: 'problem', type: 'nominal', sort: stats.problems.map((p) => p.problem), title: null, header: { title: null } },
    spec: {
      width: 150,
      height: 90,
      mark: { type: 'bar', color: BAR_COLOUR },
      encoding: {
        x: { field: 'bin', type: 'ordinal', sort: labels, title: style.texts.axes.score, axis: { labelAngle: -90, labelFontSize: 8 }, scale: { reverse: rtl } },
        y: { field: 'students', type: 'quantitative', axis: countAxis(style, style.texts.axes.students, rtl ? 'right' : 'left') },
      },
    },
    resolve: { axis: { x: 'independent', y: 'independent' } },
  } as TopLevelSpec;
}

/** A problem's parts as bars of verdict shares, in part order. */
function verdictsSpec(problem: ProblemStatistics, style: ChartStyle): TopLevelSpec {
  const rtl = style.setter.rtl;
  const names = VERDICTS.map((v) => style.messages.verdictNames[v]);
  const { parts } = problem;
  const labels = parts.map((p) => partAxisLabel(p.part, style));
  const values = parts.flatMap((p, at) => p.verdicts.map((answers, v) => ({ part: labels[at], verdict: names[v], order: v, answers })));
  return {
    config: baseConfig(style),
    width: PLOT_WIDTH,
    height: { step: BAR_STEP },
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'part', type: 'nominal', sort: labels, title: null, axis: partAxis(rtl) },
      x: { field: 'answers', type: 'quantitative', stack: 'normalize', axis: countAxis(style, style.texts.axes.shareOfAnswers, 'bottom', '.0%'), scale: { reverse: rtl } },
      color: { field: 'verdict', type: 'nominal', sort: names, scale: { domain: names, range: VERDICT_COLOURS }, legend: { title: null } },
      order: { field: 'order', type: 'quantitative', sort: 'ascending' },
    },
  } as TopLevelSpec;
}

/** One bar per misconception, labelled with its feedback title, most frequent first; stacked by problem. */
function misconceptionsSpec(stats: ClassStatistics, misconceptions: readonly MisconceptionCount[], style: ChartStyle): TopLevelSpec {
  const rtl = style.setter.rtl;
  const titleOf = (id: MisconceptionId) => style.messages.misconceptionTitles[id] ?? id;
  const totals = new Map<MisconceptionId, number>();
  for (const m of misconceptions) totals.set(m.id, (totals.get(m.id) ?? 0) + m.answers);
  const order = [...totals].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([id]) => titleOf(id));
  const values = misconceptions.map((m) => ({ title: titleOf(m.id), problem: m.problem, answers: m.answers }));
  return {
    config: baseConfig(style),
    width: 300,
    height: { step: 18 },
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'title', type: 'nominal', sort: order, title: null, axis: { orient: rtl ? 'right' : 'left', labelLimit: 320 } },
      x: { field: 'answers', type: 'quantitative', stack: 'zero', axis: countAxis(style, style.texts.axes.answers, 'bottom'), scale: { reverse: rtl } },
      color: { field: 'problem', type: 'nominal', sort: stats.problems.map((p) => p.problem), legend: { title: style.texts.axes.problem } },
    },
  } as TopLevelSpec;
}

/** How many students' first error is at each part of a problem, in part order. */
function chainsSpec(problem: ProblemStatistics, style: ChartStyle): TopLevelSpec {
  const rtl = style.setter.rtl;
  const { parts } = problem;
  const labels = parts.map((p) => partAxisLabel(p.part, style));
  const values = parts.map((p, at) => ({ part: labels[at], students: p.chainRoots, shown: p.chainRoots > 0 ? digitsOf(style, String(p.chainRoots)) : '' }));
  return {
    config: baseConfig(style),
    width: PLOT_WIDTH,
    height: { step: BAR_STEP },
    data: { values },
    encoding: {
      y: { field: 'part', type: 'nominal', sort: labels, title: null, axis: partAxis(rtl) },
      x: { field: 'students', type: 'quantitative', axis: countAxis(style, style.texts.axes.firstError, 'bottom'), scale: { reverse: rtl } },
    },
    layer: [
      { mark: { type: 'bar', color: CHAIN_COLOUR } },
      // The count beside its bar, on the side the bar grows to.
      { mark: { type: 'text', align: rtl ? 'right' : 'left', dx: rtl ? -3 : 3, fontSize: 9, color: '#333333' }, encoding: { text: { field: 'shown' } } },
    ],
  } as TopLevelSpec;
}

/** The expression function that writes an axis label's number in Persian digits (۰٫۵، ۲۰٪). */
const DIGITS_FUNCTION = 'sigmaxPersianDigits';
vega.expressionFunction(DIGITS_FUNCTION, (label: unknown) =>
  persianDigits(String(label)).replace(/\./g, '٫').replace(/%/g, '٪'),
);

interface TextItem {
  fontSize?: number;
  fontWeight?: string | number;
}
const textMetrics = (vega as unknown as { textMetrics: { width: (item: TextItem, text: unknown) => number } }).textMetrics;

// Vega measures labels through one process-wide function: charts are rendered one at a time, each with its own measure.
let rendering: Promise<unknown> = Promise.resolve();

/** A Vega-Lite chart as SVG, its labels measured as the PDF sets them. */
export function renderChart(spec: TopLevelSpec, style: ChartStyle): Promise<string> {
  const run = rendering.then(async () => {
    const estimate = textMetrics.width;
    textMetrics.width = (item, text) => {
      const bold = item.fontWeight === 'bold' || Number(item.fontWeight) >= 600;
      return labelWidth(style.setter, Array.isArray(text) ? text.join(' ') : String(text ?? ''), item.fontSize ?? 11, bold);
    };
    const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
    try {
      return await view.toSVG();
    } finally {
      view.finalize();
      textMetrics.width = estimate;
    }
  });
  rendering = run.catch(() => {});
  return run;
}
