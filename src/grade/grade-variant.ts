import { D } from '../engine/decimal.js';
import type { MisconceptionId } from '../families/misconception.js';
import { type CarriedValue, carryForward } from './carry-forward.js';
import type { FormulaGraphs } from './formula-graph.js';
import { matchMisconceptions } from './match-misconceptions.js';
import { SlotValues } from './slot-values.js';
import type { VariantSlot } from './variant-index.js';
import { withinTolerance } from './within-tolerance.js';

/** Verdicts in the contract's order of precedence (the first that applies wins). */
export const VERDICTS = ['correct', 'ecf', 'misconception', 'incorrect', 'invalid', 'missing'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Credit per verdict, as a fraction of the part's points: ecf full and misconception none unless set. */
export interface Credits {
  ecf: D;
  misconception: D;
}

export const DEFAULT_CREDITS: Credits = { ecf: new D(1), misconception: new D(0) };

export interface PartResult {
  partId: string;
  /** What the student typed, trimmed ('' for none). */
  submitted: string;
  /** The stored key, exact. */
  expected: string;
  verdict: Verdict;
  /** Fraction of the part's points earned. */
  credit: D;
  /** Addressed to the student; '' for a correct answer. */
  feedback: string;
  misconceptions: readonly MisconceptionId[];
}

/** Grades every part of one variant against its stored key. */
export function gradeVariant(slot: VariantSlot, graphs: FormulaGraphs, credits: Credits = DEFAULT_CREDITS): PartResult[] {
  const values = new SlotValues(slot, graphs);
  const shown = (x: D) => x.toSignificantDigits(Math.max(slot.sigfigs, 4)).toString();
  return slot.parts.ids.map((partId, at): PartResult => {
    const base = { partId, submitted: (slot.submitted[at] ?? '').trim(), expected: slot.keys[at]!, misconceptions: [] };
    const result = (verdict: Verdict, feedback: string, credit = ZERO) => ({ ...base, verdict, feedback, credit });
    const parsed = values.parsed[at]!;
    if (parsed.kind === 'missing') return result('missing', 'no answer');
    if (parsed.kind === 'invalid') return result('invalid', `not a number (${parsed.reason}), so it could not be marked`);
    const answer = parsed.value;
    if (withinTolerance(answer, values.key(at), values.tolerance(at))) return result('correct', '', ONE);

    const carried = carryForward(values, at, answer);
    if (carried?.kind === 'ecf') {
      return result(
        'ecf',
        `marked with your earlier answer for ${describe(carried.carried, shown)}: from it this part is ${shown(carried.value)}, as you found`,
        credits.ecf,
      );
    }
    const matched = matchMisconceptions(values, at, answer);
    if (matched.length > 0) {
      return {
        ...result('misconception', matched.map((m) => `${m.id}: ${m.feedback}`).join(' | '), credits.misconception),
        misconceptions: matched.map((m) => m.id),
      };
    }
    const trivialNote =
      carried?.kind === 'trivial'
        ? `; it does follow from your earlier answer for ${describe(carried.carried, shown)}, but carrying that ` +
          'value forward makes this part trivial (a zero error or gradient), so it earns no credit'
        : '';
    return result('incorrect', `outside the tolerance of the key${trivialNote}`);
  });
}

const ZERO = new D(0);
const ONE = new D(1);

function describe(carried: readonly CarriedValue[], shown: (x: D) => string): string {
  return carried.map((c) => `${c.partId} (${shown(c.value)})`).join(', ');
}
