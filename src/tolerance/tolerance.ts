/** |a − e| ≤ max(rel·|e|, abs). */
export interface RelAbs {
  rel: number;
  abs: number;
}
/** a rounds (half up) to the same S significant figures as e. */
export interface SameFigures {
  sigfigs: number;
}
/**
 * Within the band a student reaches who rounds every earlier answer of the
 * problem to S significant figures and computes exactly from there: a band
 * per part, worked out when the variant is drawn and stored with it (`bands`).
 */
export interface CarriedRounding {
  carried_rounding: number;
}
/** PrairieLearn's `comparison="sigfig"`: |a − e| < 0.51·10^(p−S+1), p the power of ten of e's leading digit. */
export interface PrairieLearnSigfig {
  prairielearn_sigfig: number;
}
/**
 * WeBWorK's `tolType => 'digits'`: a and e agree in the figures a shows (at least
 * S, at most S + extra_digits), e rounded or, with truncation, cut off there.
 */
export interface WebworkDigits {
  webwork_digits: number;
  truncation: boolean;
  extra_digits: number;
}
/** STACK's `NumSigFigs`: a written to S significant figures and within half a unit of e rounded to them. */
export interface StackNumSigFigs {
  stack_numsigfigs: number;
}

/** How close an answer must be: one of the rules above. */
export type Tolerance = RelAbs | SameFigures | CarriedRounding | PrairieLearnSigfig | WebworkDigits | StackNumSigFigs;

/** What one answer is compared by: every rule but carried_rounding, which a part's band turns into {rel: 0, abs: band}. */
export type Comparison = Exclude<Tolerance, CarriedRounding>;

/** A problem's tolerance with optional per-part overrides (keys are part ids). */
export type ProblemTolerance = Tolerance & { parts?: Record<string, Tolerance> };

/** Each part's carried-rounding band, by part id: a decimal string (variants.jsonl's `bands`). */
export type Bands = Readonly<Record<string, string>>;

export const DEFAULT_TOLERANCE: Tolerance = { rel: 0.01, abs: 1e-8 };

/** The names a tolerance rule is given by in a bank and a record, one per rule. */
export const RULE_KEYS = ['rel', 'sigfigs', 'carried_rounding', 'prairielearn_sigfig', 'webwork_digits', 'stack_numsigfigs'] as const;

/** The problem's own rule, without its per-part overrides. */
export function problemRule(tolerance: ProblemTolerance): Tolerance {
  const { parts: _parts, ...rule } = tolerance;
  return rule as Tolerance;
}

/** The rule of a problem's tolerance that applies to one part (carried_rounding still unresolved). */
export function ruleFor(tolerance: ProblemTolerance, partId: string): Tolerance {
  return tolerance.parts?.[partId] ?? problemRule(tolerance);
}

/** The tolerance that applies to one part; carried_rounding reads the part's band, which `bands` must hold. */
export function toleranceFor(tolerance: ProblemTolerance, partId: string, bands?: Bands): Comparison {
  const rule = ruleFor(tolerance, partId);
  if (!('carried_rounding' in rule)) return rule;
  const band = bands?.[partId];
  if (band === undefined) throw new Error(`no carried-rounding band for part "${partId}"`);
  return bandTolerance(band);
}

/**
 * A band as an absolute tolerance. Bands are written with at most 15
 * significant digits (bandText), so the number's shortest text — what
 * withinTolerance reads — is the band itself.
 */
export const bandTolerance = (band: string): RelAbs => ({ rel: 0, abs: Number(band) });

/** The significant figures of every carried_rounding rule in a problem's tolerance (none: it does not use it). */
export function carriedRoundingFigures(tolerance: ProblemTolerance): number[] {
  const rules = [tolerance, ...Object.values(tolerance.parts ?? {})];
  return [...new Set(rules.flatMap((rule) => ('carried_rounding' in rule ? [rule.carried_rounding] : [])))];
}
