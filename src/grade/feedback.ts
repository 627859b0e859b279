import { D } from '../engine/decimal.js';
import type { PartResult } from './grade-variant.js';
import type { KeyedVariant } from './variant-index.js';

/** One problem of a student's feedback: the variant, its results and the points earned. */
export interface GradedProblem {
  slot: KeyedVariant;
  results: readonly PartResult[];
  earned: D;
  max: D;
}

const VERDICT_WORDS = {
  correct: '✓ correct',
  ecf: '✓ ecf (from your earlier answer)',
  misconception: '✗ misconception',
  incorrect: '✗ incorrect',
  invalid: '✗ not a number',
  missing: '– missing',
} as const;

/**
 * feedback/<student>.md: every part with the student's answer, the key
 * (rounded as the sheet asks), the verdict and the points, then what to
 * learn from each part that was not right.
 */
export function feedbackMarkdown(student: string, name: string, problems: readonly GradedProblem[]): string {
  const total = problems.reduce((sum, p) => sum.plus(p.earned), new D(0));
  const max = problems.reduce((sum, p) => sum.plus(p.max), new D(0));
  const out: string[] = [`# Feedback for ${markdownText(name ? `${name} (${student})` : student)}`, ''];
  out.push(`Total: **${points(total)} / ${points(max)}**`);
  for (const { slot, results, earned, max: problemMax } of problems) {
    out.push('', `## ${markdownText(slot.problem)}: ${points(earned)} / ${points(problemMax)}`, '');
    out.push('| part | your answer | key | verdict | points |', '|---|---|---|---|---:|');
    results.forEach((r, at) => {
      const answer = r.submitted === '' ? '' : tableCell(`\`${r.submitted.replaceAll('`', "'")}\``);
      const [share, shareText] = [slot.shares[at]!, slot.shareTexts[at]!];
      out.push(
        `| ${partCell(r.partId)} | ${answer} | ${r.expectedShown} | ${VERDICT_WORDS[r.verdict]} | ${partScore(r, share, shareText)} / ${shareText} |`,
      );
    });
    // One note per lesson: parts with the same verdict and feedback are listed together.
    const notes = new Map<string, { verdict: string; feedback: string; parts: string[] }>();
    for (const r of results) {
      if (r.verdict === 'correct' || r.verdict === 'missing' || r.feedback === '') continue;
      const key = `${r.verdict}\n${r.feedback}`;
      const note = notes.get(key) ?? { verdict: r.verdict, feedback: r.feedback, parts: [] };
      note.parts.push(partCell(r.partId));
      notes.set(key, note);
    }
    if (notes.size > 0) out.push('');
    for (const { verdict, feedback, parts } of notes.values()) {
      out.push(`- **${parts.join(', ')}** (${verdict}): ${markdownText(feedback)}`);
    }
  }
  return `${out.join('\n')}\n`;
}

/** The points a part earned, as printed (the share's own text when the credit is full). */
export const partScore = (result: PartResult, share: D, shareText: string): string =>
  result.credit.isZero() ? '0' : result.credit.eq(1) ? shareText : points(share.times(result.credit));

/** Points as the reports print them: at most 4 decimals, no float. */
export const points = (x: D): string => x.toDecimalPlaces(4).toString();

/** Text that Markdown shows as written: no emphasis, links or HTML from a student's cell. */
function markdownText(text: string): string {
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

function tableCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
}
