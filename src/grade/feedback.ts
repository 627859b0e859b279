import { D } from '../engine/decimal.js';
import { DEFAULT_LAYOUT, withFrontMatter, withSiteFields } from '../text/front-matter.js';
import { cutOf } from '../text/long-text.js';
import { isolatedOn } from '../text/text-direction.js';
import { type PartResult, creditKind } from './grade-variant.js';
import type { GradeMessages } from './messages/index.js';
import type { KeyedVariant } from './variant-index.js';

/** One problem of a student's feedback: the variant, its results and the points earned. */
export interface GradedProblem {
  slot: KeyedVariant;
  results: readonly PartResult[];
  earned: D;
  max: D;
}

/**
 * feedback/<student>.md: every part with the student's answer, the key
 * (rounded as the sheet asks), the verdict and the points, then what to
 * learn from each part that was not right; in the language of `messages`,
 * with the front matter of a course site (`lang`, `dir: rtl` for Persian, the
 * bank's `site` settings), as the sheets have. Not
 * `scored` (no submission): every score shows as –, the total as "no submission".
 */
export function feedbackMarkdown(
  student: string,
  name: string,
  problems: readonly GradedProblem[],
  messages: GradeMessages,
  scored = true,
): string {
  const { ltr } = messages;
  const said = messages.feedbackFile;
  const total = problems.reduce((sum, p) => sum.plus(p.earned), new D(0));
  const max = problems.reduce((sum, p) => sum.plus(p.max), new D(0));
  // A roster without names gives '' (or, hand-made, the id again): then the id alone. A Persian
  // name in an English file is isolated, so "(id)" stays after it in a browser.
  const page = messages.rtl ? 'rtl' : 'ltr';
  const who = name && name !== student ? `${isolatedOn(page, name)} (${isolatedOn(page, student)})` : student;
  const out: string[] = [`# ${said.title(markdownText(who))}`, ''];
  const earnedText = (x: D) => (scored ? shownPoints(x) : NO_SCORE);
  out.push(scored ? said.total(messages.fraction(shownPoints(total), shownPoints(max))) : said.noSubmission);
  const header = `| ${said.columns.join(' | ')} |`;
  for (const { slot, results, earned, max: problemMax } of problems) {
    out.push('', `## ${markdownText(slot.problem)}: ${messages.fraction(earnedText(earned), shownPoints(problemMax))}`, '');
    out.push(header, '|---|---|---|---|---:|');
    const shown = shownShares(slot.shares);
    results.forEach((r, at) => {
      const answer = r.submitted === '' ? '' : shownAnswer(r.submitted, messages);
      const score = scored ? partScore(r, slot.shares[at]!, shown[at]!, shownPoints) : NO_SCORE;
      out.push(
        `| ${partCell(r.partId)} | ${answer} | ${ltr(r.expectedShown)} | ${messages.verdictMarks[r.verdict]} | ${messages.fraction(score, shown[at]!)} |`,
      );
    });
    // One note per lesson: parts with the same verdict and feedback are listed together.
    const notes = new Map<string, { verdict: PartResult['verdict']; feedback: string; parts: string[] }>();
    for (const r of results) {
      if (r.verdict === 'correct' || r.verdict === 'missing' || r.feedback === '') continue;
      const key = `${r.verdict}\n${r.feedback}`;
      const note = notes.get(key) ?? { verdict: r.verdict, feedback: r.feedback, parts: [] };
      note.parts.push(partCell(r.partId));
      notes.set(key, note);
    }
    if (notes.size > 0) out.push('');
    for (const { verdict, feedback, parts } of notes.values()) {
      out.push(`- **${parts.join(messages.listSeparator)}** (${messages.verdictNames[verdict]}): ${markdownText(feedback)}`);
    }
  }
  const front = { title: said.title(who), layout: DEFAULT_LAYOUT, lang: messages.locale, ...(messages.rtl && { dir: 'rtl' }), student };
  return withFrontMatter(`${out.join('\n')}\n`, withSiteFields(front, problems[0]?.slot.site));
}

/** The points a part earned, as `print` writes points (the share's own text, printed so, when the credit is full). */
export function partScore(result: PartResult, share: D, shareText: string, print: (x: D) => string = points): string {
  const kind = creditKind(result.credit);
  return kind === 0 ? '0' : kind === 1 ? shareText : print(share.times(result.credit));
}

/** The score of a student with no submission: none, rather than a 0 that looks like an attempt. */
const NO_SCORE = '–';

/** Points as details.csv and grades.csv record them: at most 4 decimals, no float. */
export const points = (x: D): string => x.toDecimalPlaces(4).toString();

/** Points as a student reads them in feedback: at most 2 decimals (0.46, not 0.4615); the CSVs keep 4. */
export const shownPoints = (x: D): string => x.toDecimalPlaces(2).toString();

// The shares of a points setting, shared by every variant of that shape: printed once.
const shownShareLists = new WeakMap<readonly D[], string[]>();
function shownShares(shares: readonly D[]): string[] {
  let shown = shownShareLists.get(shares);
  if (!shown) shownShareLists.set(shares, (shown = shares.map(shownPoints)));
  return shown;
}

/** Text that Markdown shows as written: no emphasis, links or HTML from a student's cell. */
export function markdownText(text: string): string {
  return text.replace(/[\\`*_[\]<>|#]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ');
}

// Part ids repeat for every student: escape each once.
const partCells = new Map<string, string>();
function partCell(partId: string): string {
  let cell = partCells.get(partId);
  if (cell === undefined) {
    cell = markdownText(partId);
    if (partCells.size < 10_000) partCells.set(partId, cell);
  }
  return cell;
}

/** A student's answer in the feedback table: whole, or its first characters and its length when it is too long to read. */
function shownAnswer(submitted: string, messages: GradeMessages): string {
  const cut = cutOf(submitted);
  return cut ? `${messages.ltr(answerCell(`${cut.head}…`))} ${messages.feedbackFile.cutAnswer(cut.length)}` : messages.ltr(answerCell(submitted));
}

/**
 * A student's answer as a code span in a table cell: a backtick becomes ', a
 * pipe is escaped, line breaks become a space. Almost every answer has none
 * of these (one scan tells), and is then used as it is.
 */
function answerCell(submitted: string): string {
  for (let i = 0; i < submitted.length; i++) {
    const code = submitted.charCodeAt(i);
    // ` | \r \n
    if (code === 96 || code === 124 || code === 13 || code === 10) return tableCell(`\`${submitted.replaceAll('`', "'")}\``);
  }
  return `\`${submitted}\``;
}

function tableCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
}
