// The key check's exact word on one record (see check-keys.ts): the record
// re-solved by its family in Decimal, each stored key compared with the
// re-solved one at a relative 1e-25 (the stored 40 digits hold at least 30
// correct), the carried-rounding bands re-worked; and its givens checked first,
// so a given that is not a number is named rather than failing the solve.
import { D, answerText } from '../engine/decimal.js';
import { roundingBands } from '../families/rounding-bands.js';
import { Solution } from '../families/solution.js';
import type { Family, Given, GivenValue } from '../families/types.js';
import { cutText } from '../text/long-text.js';
import type { KeyedVariant } from './variant-index.js';

/** How close a stored key must be to the re-solved one: relative, well past the 30th of the 40 stored digits. */
const AGREEMENT = new D('1e-25');
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** What does not follow from the record's givens, as a field and a message; null when everything does. */
export type RecordFault = { field: string; message: string } | null;

/** The record re-solved in Decimal: what does not follow from its givens (null: everything does). */
export function resolveFault(variant: KeyedVariant): RecordFault {
  const { family, given } = variant;
  const shape = givenFault(family, given);
  if (shape) return shape;
  let solution: Solution;
  try {
    solution = new Solution(family.solve(given));
  } catch (error) {
    return { field: 'given', message: `${family.name} cannot solve these givens (${(error as Error).message})` };
  }
  const ids = solution.partIds;
  if (ids.length !== variant.parts.ids.length || ids.some((id, i) => id !== variant.parts.ids[i])) {
    return {
      field: 'answers',
      message: `the parts do not match what ${family.name} gives for these givens (${shortList(ids)}); got ${shortList(variant.parts.ids)}`,
    };
  }
  const wrong: number[] = [];
  ids.forEach((id, at) => {
    if (!agrees(variant.keys[at]!, solution.value(id))) wrong.push(at);
  });
  if (wrong.length > 0) {
    const first = wrong[0]!;
    const others = wrong.length > 1 ? ` (and ${wrong.length - 1} more part(s): ${shortList(wrong.slice(1).map((at) => ids[at]!))})` : '';
    return {
      field: `answers.${ids[first]}`,
      message:
        `the stored key ${cutText(variant.keys[first]!, 60)} does not follow from the record's givens, which give ` +
        `${answerText(solution.value(ids[first]!))}${others}; a key or a given was changed after generate wrote it`,
    };
  }
  return variant.bands ? bandFault(variant, solution) : null;
}

/** The carried-rounding bands re-worked from the solution (they follow from the givens and the tolerance). */
function bandFault(variant: KeyedVariant, solution: Solution): RecordFault {
  const expected = roundingBands(variant.tolerance, solution) ?? {};
  for (const [id, band] of Object.entries(expected)) {
    const stored = variant.bands?.[id];
    if (stored === band) continue;
    const close = stored !== undefined && DECIMAL.test(stored) && new D(stored).minus(band).abs().lte(new D(band).times('1e-12'));
    if (!close) {
      return {
        field: `bands.${id}`,
        message: `the stored carried-rounding band ${cutText(stored ?? 'nothing', 60)} does not follow from the givens, which give ${band}`,
      };
    }
  }
  return null;
}

/** A stored key and its re-solved value agree to a relative 1e-25 (the same text, nearly always). */
function agrees(stored: string, recomputed: D): boolean {
  if (answerText(recomputed) === stored) return true;
  if (!DECIMAL.test(stored)) return false;
  return new D(stored).minus(recomputed).abs().lte(recomputed.abs().times(AGREEMENT));
}

/**
 * Why a record's givens are not what its family takes (null: they are): every
 * given present, nested as deep as its dimensions, each a decimal or one of its
 * values, and the family's own checks across givens.
 */
function givenFault(family: Family, given: Given): RecordFault {
  for (const [name, spec] of Object.entries(family.givens)) {
    if (!(name in given)) return { field: `given.${name}`, message: `missing; ${family.name} needs it` };
    const bad = valueFault(given[name]!, spec.dims.length, spec.values, `given.${name}`);
    if (bad) return bad;
  }
  const extra = Object.keys(given).find((name) => !(name in family.givens));
  if (extra !== undefined) return { field: `given.${extra}`, message: `not a given of ${family.name} (${Object.keys(family.givens).join(', ')})` };
  const invalid = family.checkGiven?.(given);
  return invalid ? { field: `given.${invalid.field}`, message: invalid.message } : null;
}

function valueFault(value: GivenValue, depth: number, values: readonly string[] | undefined, field: string): RecordFault {
  if (depth > 0) {
    if (!Array.isArray(value) || value.length === 0) return { field, message: `expected a list, got ${cutText(JSON.stringify(value) ?? 'nothing', 60)}` };
    for (let i = 0; i < value.length; i++) {
      const bad = valueFault(value[i]!, depth - 1, values, `${field}[${i + 1}]`);
      if (bad) return bad;
    }
    return null;
  }
  if (typeof value === 'string' && (values ? values.includes(value) : DECIMAL.test(value))) return null;
  const expected = values ? `one of ${values.join(', ')}` : 'a decimal number as a string';
  return { field, message: `expected ${expected}, got ${cutText(JSON.stringify(value) ?? 'nothing', 60)}` };
}

function shortList(ids: readonly string[]): string {
  return ids.length <= 5 ? ids.join(', ') : `${ids.slice(0, 5).join(', ')}, …`;
}
