// The key check: before a record's keys are graded against, its answers must
// follow from its givens. A key edited by hand (line 1's z changed to 123.5) or a
// given changed after the fact would otherwise cost a right student the part.
//
// Every record is screened in floats: the shared formula graph of its shape
// (formula-graph.ts) is run forward from its givens with a proven error bound
// (rough-evaluate.ts), which pins each key to about 12 digits (fewer after a
// cancellation). A record is re-solved exactly (resolve-record.ts: family.solve
// in Decimal, compared at a relative 1e-25) when the screen cannot
// pin some key to CERTIFIED_DIGITS significant figures and to WINDOW_SHARE of
// its tolerance, when it was written against another misconception catalogue (or
// none: an older sigmax), and for one record in SAMPLE_EVERY, so that a fault
// beyond the screen's digits (another engine) still shows. A key is refused only
// on the Decimal re-solve's word, naming the stored and the recomputed value.
//
// Measured (bench/grade.bench.ts, 1,049,520 rows, 60,000 records, 2 busy cores):
// re-solving every record in Decimal costs about 0.11 ms a record, 70–120 % more
// grading time; the screen about 13 µs a record with its Decimal share (3 % of
// the records), 10–25 %. The bench prints both beside the run without a check.
import type { Node } from '../engine/graph.js';
import { Rough } from '../families/float-screen.js';
import { type ProblemTolerance, type Tolerance, ruleFor } from '../tolerance/tolerance.js';
import { type FormulaGraph, type FormulaGraphs, flattenGiven } from './formula-graph.js';
import { resolveFault } from './resolve-record.js';
import { evaluateRoughAll } from './rough-evaluate.js';
import type { KeyedVariant, PartList } from './variant-index.js';

/**
 * `screen`: every record in floats, some in Decimal (the default); `full`: every
 * record in Decimal (for the bench's comparison); `off`: none (`--trust-keys`).
 */
export type KeyCheckMode = 'screen' | 'full' | 'off';

/** Significant figures to which the float screen must pin every key of a record it lets through without Decimal. */
const CERTIFIED_DIGITS = 9;
const CERTIFIED = 10 ** -CERTIFIED_DIGITS;
/** The share of a part's tolerance window (half-width) within which the screen must pin its key. */
const WINDOW_SHARE = 1e-6;
/** One record in this many (by line) is re-solved in Decimal whatever the screen says. */
export const SAMPLE_EVERY = 50;
/** Records refused in one message: enough to see the pattern, more only repeats it. */
const MAX_FAULTS = 20;
/** Float rounding of one operation (twice the unit roundoff, as float-screen.ts). */
const U = 2 ** -52;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** A record refused: where (its line, the first part that disagrees) and why. */
export interface KeyFault {
  line: number;
  field: string;
  message: string;
}

/** What one pass's key check found: plain data, so a grading worker can send it back. */
export interface KeyCheckData {
  /** The first faulty records in file order (at most MAX_FAULTS). */
  faults: KeyFault[];
  /** Every faulty record. */
  faulty: number;
  /** Records the float screen let through without a Decimal re-solve. */
  screened: number;
  /** Records re-solved in Decimal. */
  resolved: number;
}

export const emptyKeyCheck = (): KeyCheckData => ({ faults: [], faulty: 0, screened: 0, resolved: 0 });

/** Joins the passes' findings (any order): the faults in file order, the first MAX_FAULTS kept, as one thread finds them. */
export function mergeKeyChecks(parts: readonly KeyCheckData[]): KeyCheckData {
  return {
    faults: parts
      .flatMap((part) => part.faults)
      .sort((a, b) => a.line - b.line)
      .slice(0, MAX_FAULTS),
    faulty: parts.reduce((sum, part) => sum + part.faulty, 0),
    screened: parts.reduce((sum, part) => sum + part.screened, 0),
    resolved: parts.reduce((sum, part) => sum + part.resolved, 0),
  };
}

/** Checks the keys of one pass's records as they are graded (any thread: the findings depend only on the records). */
export class KeyCheck {
  private readonly found = emptyKeyCheck();
  /** Each graph's part nodes in part order (the same array each time, which evaluateRoughAll keeps its order by). */
  private readonly targets = new WeakMap<FormulaGraph, readonly Node[]>();
  /** Each tolerance's rule per part, per part list. */
  private readonly rules = new WeakMap<ProblemTolerance, WeakMap<PartList, readonly Tolerance[]>>();

  constructor(
    private readonly graphs: FormulaGraphs,
    private readonly mode: Exclude<KeyCheckMode, 'off'>,
  ) {}

  /** Checks one record; a fault is kept for the result, never thrown (grading decides once every thread is done). */
  check(variant: KeyedVariant): void {
    // Drawn against another catalogue, or by a sigmax that recorded none: its engine may have differed too.
    const otherCatalogue = variant.catalogue !== variant.family.misconceptions?.version;
    const exact = this.mode === 'full' || otherCatalogue || variant.line % SAMPLE_EVERY === 1 || !this.screen(variant);
    if (!exact) {
      this.found.screened++;
      return;
    }
    this.found.resolved++;
    const fault = resolveFault(variant);
    if (!fault) return;
    this.found.faulty++;
    if (this.found.faults.length < MAX_FAULTS) this.found.faults.push({ line: variant.line, ...fault });
  }

  result(): KeyCheckData {
    return this.found;
  }

  /** True when floats pin every key of the record closely enough that no Decimal re-solve is needed. */
  private screen(variant: KeyedVariant): boolean {
    try {
      const flat = flattenGiven(variant.given);
      const graph = this.graphs.for(variant.family, variant.given, flat);
      if (!samePartIds(graph, variant.parts)) return false;
      const values = evaluateRoughAll(this.targetsOf(graph), graph.givenReplacements(flat, roughGiven));
      const rules = this.rulesOf(variant);
      for (let at = 0; at < values.length; at++) {
        const value = values[at];
        if (value === undefined) return false;
        const key = Number(variant.keys[at]!);
        const size = Math.abs(key);
        // |stored − exact| ≤ |stored − key| + |key − value| + |value − exact|, with the subtraction's own rounding.
        const gap = size * U + Math.abs(key - value.v) * (1 + U) + value.err;
        const window = windowOf(rules[at]!, size, variant.bands?.[variant.parts.ids[at]!]);
        if (!(gap <= Math.min(CERTIFIED * size, WINDOW_SHARE * window))) return false;
      }
      return true;
    } catch {
      // Givens the graph cannot take (not numbers, another shape): the Decimal re-solve says what is wrong.
      return false;
    }
  }

  private targetsOf(graph: FormulaGraph): readonly Node[] {
    let known = this.targets.get(graph);
    if (!known) this.targets.set(graph, (known = graph.partIds.map((id) => graph.solution.node(id))));
    return known;
  }

  private rulesOf(variant: KeyedVariant): readonly Tolerance[] {
    let byParts = this.rules.get(variant.tolerance);
    if (!byParts) this.rules.set(variant.tolerance, (byParts = new WeakMap()));
    let known = byParts.get(variant.parts);
    if (!known) byParts.set(variant.parts, (known = variant.parts.ids.map((id) => ruleFor(variant.tolerance, id))));
    return known;
  }
}

/** A given's text as a float: NaN (which the screen cannot follow) for anything but a plain decimal. */
function roughGiven(text: string): Rough {
  return DECIMAL.test(text) ? Rough.of(text) : new Rough(Number.NaN, Number.NaN);
}

function samePartIds(graph: FormulaGraph, parts: PartList): boolean {
  const ids = graph.partIds;
  return ids.length === parts.ids.length && ids.every((id, i) => id === parts.ids[i]);
}

/**
 * Half the width of what a rule accepts around a key of this size: how far the
 * key may move before a verdict could change. 0 where it cannot be said in floats.
 */
function windowOf(rule: Tolerance, size: number, band: string | undefined): number {
  if ('rel' in rule) return Math.max(rule.rel * size, rule.abs);
  if ('carried_rounding' in rule) return band === undefined ? 0 : Number(band);
  const figures =
    'sigfigs' in rule
      ? rule.sigfigs
      : 'prairielearn_sigfig' in rule
        ? rule.prairielearn_sigfig
        : 'stack_numsigfigs' in rule
          ? rule.stack_numsigfigs
          : rule.webwork_digits + rule.extra_digits;
  return size === 0 ? 0 : 0.5 * 10 ** (Math.floor(Math.log10(size)) - figures + 1);
}


/**
 * The refusal of a file with faulty records (null: none): each record's line,
 * part and values, then what to do. Exit 1, as any invalid input file.
 */
export function keyCheckRefusal(file: string, found: KeyCheckData): { place: { file: string; line?: number; field?: string }; message: string }[] | null {
  if (found.faulty === 0) return null;
  const shown = found.faults.length;
  const more = found.faulty > shown ? ` (the first ${shown} above)` : '';
  return [
    ...found.faults.map(({ line, field, message }) => ({ place: { file, line, field }, message })),
    {
      place: { file },
      message:
        `${found.faulty} variant(s) whose answers do not follow from their givens${more}: grading against them would mark ` +
        'right answers wrong. Regenerate the file with `sigmax generate`, or grade with --trust-keys to use the stored keys as they are',
    },
  ];
}

