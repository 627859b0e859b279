import { D } from '../engine/decimal.js';
import type { MisconceptionId } from '../families/misconception.js';
import { type CarriedValue, carryForward } from './carry-forward.js';
import type { FormulaGraphs } from './formula-graph.js';
import { roundedText } from './exact-decimal.js';
import { matchMisconceptions } from './match-misconceptions.js';
import { SlotValues } from './slot-values.js';
import type { KeyedVariant } from './variant-index.js';
import { withinTolerance } from '../bank/within-tolerance.js';

/** Verdicts in the contract's order of precedence (the first that applies wins). */
export const VERDICTS = ['correct', 'ecf', 'misconception', 'incorrect', 'invalid', 'missing'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Credit per verdict, as a fraction of the part's points: ecf full and misconception none unless set. */
export interface Credits {
  ecf: D;
  misconception: D;
}

export const DEFAULT_CREDITS: Credits = { ecf: new D(1), misconception: new D(0) };

/** Credit given on the command line, over what the bank set for each problem. */
export type CreditOverrides = Partial<Credits>;

export interface PartResult {
  partId: string;
  /** What the student typed, trimmed ('' for none). */
  submitted: string;
  /** The stored key, exact. */
  expected: string;
  /** The key rounded as the sheet asks (for feedback). */
  expectedShown: string;
  verdict: Verdict;
  /** Fraction of the part's points earned. */
  credit: D;
  /** Addressed to the student; '' for a correct answer. */
  feedback: string;
  misconceptions: readonly MisconceptionId[];
}

/** Grades every part of one variant against its stored key. */
export function gradeVariant(slot: KeyedVariant, graphs: FormulaGraphs, credits: Credits = DEFAULT_CREDITS): PartResult[] {
  const values = new SlotValues(slot, graphs);
  const results = new Array<PartResult>(slot.parts.ids.length);
  for (let at = 0; at < results.length; at++) {
    const { verdict, feedback, credit, misconceptions } = judge(values, at, credits);
    results[at] = {
      partId: slot.parts.ids[at]!,
      submitted: (slot.submitted?.[at] ?? '').trim(),
      expected: slot.keys[at]!,
      // From the key's text: a correct answer then needs no Decimal at all.
      expectedShown: roundedText(slot.keys[at]!, slot.sigfigs) ?? values.key(at).toSignificantDigits(slot.sigfigs).toString(),
      verdict,
      feedback,
      credit,
      misconceptions,
    };
  }
  return results;
}

type Judgement = Pick<PartResult, 'verdict' | 'feedback' | 'credit' | 'misconceptions'>;

const NONE: readonly MisconceptionId[] = [];
const MISSING: Judgement = { verdict: 'missing', feedback: 'no answer', credit: new D(0), misconceptions: NONE };
const CORRECT: Judgement = { verdict: 'correct', feedback: '', credit: new D(1), misconceptions: NONE };

/** The verdict of one part, in the contract's order of precedence. */
function judge(values: SlotValues, at: number, credits: Credits): Judgement {
  if (values.isCorrectFast(at)) return CORRECT;
  const parsed = values.number(at);
  if (parsed.kind === 'missing') return MISSING;
  if (parsed.kind === 'invalid') {
    return { verdict: 'invalid', feedback: `not a number (${parsed.reason}), so it could not be marked`, credit: ZERO, misconceptions: NONE };
  }
  const answer = parsed.value;
  if (withinTolerance(answer, values.key(at), values.tolerance(at))) return CORRECT;

  const shown = (x: D) => x.toSignificantDigits(Math.max(values.slot.sigfigs, 4)).toString();
  const carried = carryForward(values, at, answer);
  if (carried?.kind === 'ecf') {
    const feedback = `marked with your earlier answer for ${describe(carried.carried, shown)}: from it this part is ${shown(carried.value)}, as you found`;
    return { verdict: 'ecf', feedback, credit: credits.ecf, misconceptions: NONE };
  }
  const matched = matchMisconceptions(values, at, answer);
  if (matched.length > 0) {
    const feedback = matched.map((m) => `${m.id}: ${m.feedback}`).join(' | ');
    return { verdict: 'misconception', feedback, credit: credits.misconception, misconceptions: matched.map((m) => m.id) };
  }
  const trivialNote =
    carried?.kind === 'trivial'
      ? `; it does follow from your earlier answer for ${describe(carried.carried, shown)}, but carrying that ` +
        'value forward makes this part trivial (a zero error or gradient), so it earns no credit'
      : '';
  return { verdict: 'incorrect', feedback: `outside the tolerance of the key${trivialNote}`, credit: ZERO, misconceptions: NONE };
}

const ZERO = new D(0);

function describe(carried: readonly CarriedValue[], shown: (x: D) => string): string {
  return carried.map((c) => `${c.partId} (${shown(c.value)})`).join(', ');
}
