import { D } from '../engine/decimal.js';
import type { MisconceptionId } from '../families/misconception.js';
import { type CarriedValue, carryForward } from './carry-forward.js';
import type { FormulaGraphs } from './formula-graph.js';
import { roundedText } from './exact-decimal.js';
import { matchMisconceptions } from './match-misconceptions.js';
import { type GradeMessages, messagesFor } from './messages/index.js';
import { SlotValues } from './slot-values.js';
import type { KeyedVariant } from './variant-index.js';
import { withinTolerance } from '../tolerance/within-tolerance.js';

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

/** Grades every part of one variant against its stored key, with feedback in the language of `messages`. */
export function gradeVariant(
  slot: KeyedVariant,
  graphs: FormulaGraphs,
  credits: Credits = DEFAULT_CREDITS,
  messages: GradeMessages = messagesFor('en'),
): PartResult[] {
  const values = new SlotValues(slot, graphs);
  const texts = judgementTexts(messages);
  const results = new Array<PartResult>(slot.parts.ids.length);
  for (let at = 0; at < results.length; at++) {
    const { verdict, feedback, credit, misconceptions } = judge(values, at, credits, texts);
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
/** A correct answer's credit, one object: feedback knows it is full without comparing Decimals (which copies). */
const FULL_CREDIT = new D(1);

// A class has a handful of credit objects (the verdicts' and the two settings); a Decimal
// comparison makes a Decimal of its argument each time, so each object is classified once.
const creditKinds = new WeakMap<D, 0 | 1 | -1>();
/** 0 or 1 for a credit of exactly that, -1 for any other. */
export function creditKind(credit: D): 0 | 1 | -1 {
  let kind = creditKinds.get(credit);
  if (kind === undefined) creditKinds.set(credit, (kind = credit.isZero() ? 0 : credit.eq(FULL_CREDIT) ? 1 : -1));
  return kind;
}
const CORRECT: Judgement = { verdict: 'correct', feedback: '', credit: FULL_CREDIT, misconceptions: NONE };

/** What judge() needs of a locale's texts, made once per locale rather than per part. */
interface JudgementTexts {
  messages: GradeMessages;
  missing: Judgement;
  /** `update-sign: <text>`: the id (which the contract puts in the feedback column) and its text. */
  labelled: Readonly<Record<MisconceptionId, string>>;
}

const textsByLocale = new Map<GradeMessages, JudgementTexts>();

function judgementTexts(messages: GradeMessages): JudgementTexts {
  let texts = textsByLocale.get(messages);
  if (!texts) {
    const labelled = Object.fromEntries(
      Object.entries(messages.misconceptions).map(([id, text]) => [id, `${id}: ${text}`]),
    ) as Record<MisconceptionId, string>;
    const missing: Judgement = { verdict: 'missing', feedback: messages.partFeedback.missing, credit: ZERO, misconceptions: NONE };
    textsByLocale.set(messages, (texts = { messages, missing, labelled }));
  }
  return texts;
}

/** The verdict of one part, in the contract's order of precedence. */
function judge(values: SlotValues, at: number, credits: Credits, texts: JudgementTexts): Judgement {
  if (values.isCorrectFast(at)) return CORRECT;
  const parsed = values.number(at);
  if (parsed.kind === 'missing') return texts.missing;
  const { messages } = texts;
  const said = messages.partFeedback;
  if (parsed.kind === 'invalid') {
    return { verdict: 'invalid', feedback: said.invalid(messages.invalidReasons[parsed.reason]), credit: ZERO, misconceptions: NONE };
  }
  const answer = parsed.value;
  if (withinTolerance(answer, values.key(at), values.tolerance(at), values.written(at))) return CORRECT;

  const shown = (x: D) => x.toSignificantDigits(Math.max(values.slot.sigfigs, 4)).toString();
  const carried = carryForward(values, at, answer);
  if (carried?.kind === 'ecf') {
    const feedback = said.ecf(describe(carried.carried, shown, messages), messages.ltr(shown(carried.value)));
    return { verdict: 'ecf', feedback, credit: credits.ecf, misconceptions: NONE };
  }
  const matched = matchMisconceptions(values, at, answer);
  if (matched.length > 0) {
    const feedback = matched.map((m) => texts.labelled[m.id]).join(' | ');
    return { verdict: 'misconception', feedback, credit: credits.misconception, misconceptions: matched.map((m) => m.id) };
  }
  const feedback =
    carried?.kind === 'trivial' ? said.incorrectTrivial(describe(carried.carried, shown, messages)) : said.incorrect;
  return { verdict: 'incorrect', feedback, credit: ZERO, misconceptions: NONE };
}

const ZERO = new D(0);

/** `z (0.9), dz (-0.1)`: each read left to right in every locale (a minus sign stays before its number). */
function describe(carried: readonly CarriedValue[], shown: (x: D) => string, messages: GradeMessages): string {
  return carried.map((c) => messages.ltr(`${c.partId} (${shown(c.value)})`)).join(messages.listSeparator);
}
