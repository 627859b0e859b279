// One answer box of a Moodle cloze (multianswer) question, in the syntax
// qtype_multianswer reads (question/type/multianswer/questiontype.php):
//   {weight:NUMERICAL:=value:margin#feedback~%0%wrong:margin#feedback}
// An alternative's answer ends at the first ~, # or } (not after \ or &), its
// feedback at the first ~ or } (not after \); the feedback is then
// html_entity_decode'd and \} and \# are unescaped. So feedback is written as
// HTML whose every special character is a character reference, with each &
// escaped once more for that decode: no ~ } \ is left, and the decode gives
// back exactly the HTML meant.
import { D } from '../engine/decimal.js';
import type { LmsAnswer } from './lms-number.js';

export interface ClozeAlternative {
  /** Percent of the slot's weight this answer earns (100 for the key, 0 for a known wrong method). */
  percent: number;
  answer: LmsAnswer;
  /** Plain text shown when a student's answer matches this one. */
  feedback: string;
}

/** Characters that HTML or the cloze syntax read specially, as character references. */
const SPECIAL = /[&<>"'{}~#\\/]/g;

/** Plain text as the feedback of a cloze alternative (see above); what Moodle shows is this text. */
export function clozeFeedback(text: string): string {
  const html = text.replace(SPECIAL, (c) => `&#${c.codePointAt(0)};`);
  return html.replaceAll('&', '&amp;');
}

/** A weight Moodle reads: ANSWER_START_REGEX takes digits only. */
function checkWeight(weight: number): void {
  if (!Number.isInteger(weight) || weight < 0) throw new Error(`cloze weight must be a whole number ≥ 0, got ${weight}`);
}

export function clozeSlot(weight: number, alternatives: readonly ClozeAlternative[]): string {
  checkWeight(weight);
  const written = alternatives.map(({ percent, answer, feedback }) => {
    const fraction = percent === 100 ? '=' : `%${percent}%`;
    return `${fraction}${answer.value}:${answer.margin}${feedback === '' ? '' : `#${clozeFeedback(feedback)}`}`;
  });
  return `{${weight}:NUMERICAL:${written.join('~')}}`;
}

/** The most parts' points may be scaled by to make whole-number weights. */
const MAX_SCALE = 1000;

/**
 * Whole-number slot weights in the ratio of the parts' points (a cloze
 * question's mark is the sum of its weights; the quiz scales it): equal
 * points give 1 each, 2 : 1 gives 2 and 1. Points no whole numbers up to
 * MAX_SCALE times the smallest can express are rounded to percent of the
 * total, and `exact` says so.
 */
export function slotWeights(points: readonly D[]): { weights: number[]; exact: boolean } {
  const positive = points.filter((p) => p.gt(0));
  if (positive.length === 0) return { weights: points.map(() => 0), exact: true };
  const smallest = D.min(...positive);
  const ratios = points.map((p) => p.div(smallest));
  for (let scale = 1; scale <= MAX_SCALE; scale++) {
    const scaled = ratios.map((r) => r.times(scale));
    // The ratios of shares like 10/3 carry 60-digit rounding: whole within 1e-30 is whole.
    if (scaled.every((s) => s.minus(s.round()).abs().lt('1e-30'))) return { weights: scaled.map((s) => s.round().toNumber()), exact: true };
  }
  const total = points.reduce((sum, p) => sum.plus(p), new D(0));
  return { weights: points.map((p) => (p.isZero() ? 0 : Math.max(1, p.div(total).times(100).round().toNumber()))), exact: false };
}
