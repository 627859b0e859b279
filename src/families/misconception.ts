import { D } from '../engine/decimal.js';
import { lnD } from '../engine/transcendental.js';
import { expOf, lnOf, num } from './float-screen.js';
import type { Given } from './types.js';

/** The value of an answer part by id: the key's, or a student's own where they gave one. */
export type PartValue = (partId: string) => D;

/**
 * A known wrong method, as a function that computes the wrong answer (not a
 * pattern on text): the grader names it when a student's answer matches (with
 * the text src/grade/messages/ has for its id), and
 * `generate` redraws a variant where it would land within tolerance of the key.
 */
export interface Misconception {
  readonly id: MisconceptionId;
  /** Names of the parts it can change (`w_new` for `w_new[2]`, `steps[1].w_new[2]`). */
  readonly parts: readonly string[];
  /**
   * The wrong answer of one part, from the givens and the values of other
   * parts; null where this mistake does not change that part, or leaves it
   * undefined (ln of a negative number).
   */
  answer(partId: string, given: Given, value: PartValue): D | null;
}

export interface MisconceptionCatalogue {
  /** Recorded in each variant, so a later change of the catalogue shows. */
  readonly version: string;
  readonly entries: readonly Misconception[];
  /**
   * Every formula makes its numbers with `num`, `expOf`, `lnOf` (float-screen.ts),
   * never `new D`, so the ambiguity check may first run it in floats.
   */
  readonly screenInFloats?: boolean;
}

export const MISCONCEPTION_IDS = [
  'update-sign',
  'transposed-gradient',
  'sum-not-mean',
  'error-sign',
  'extra-sigmoid-derivative',
  'log10-loss',
  'forgot-learning-rate',
  'softmax-without-exp',
  'sgd-instead-of-batch',
  'missing-factor-2',
  'forgot-activation-derivative',
  'missed-path',
  'wrong-layer-input',
] as const;
export type MisconceptionId = (typeof MISCONCEPTION_IDS)[number];

/** A catalogue entry. What it tells the student, in each language, is in src/grade/messages/. */
export function misconception(id: MisconceptionId, parts: readonly string[], answer: Misconception['answer']): Misconception {
  return { id, parts, answer };
}

const concerning = new WeakMap<MisconceptionCatalogue, Map<string, readonly Misconception[]>>();

/** The entries of a catalogue that can change this part, worked out once per part id. */
export function misconceptionsFor(catalogue: MisconceptionCatalogue | undefined, partId: string): readonly Misconception[] {
  if (!catalogue) return [];
  let byPart = concerning.get(catalogue);
  if (!byPart) concerning.set(catalogue, (byPart = new Map()));
  let entries = byPart.get(partId);
  if (!entries) {
    const name = readPartId(partId)?.name ?? '';
    entries = catalogue.entries.filter((entry) => entry.parts.includes(name));
    if (byPart.size < 10_000) byPart.set(partId, entries);
  }
  return entries;
}

/** A part id read back: `steps[2].dw[1]` → step 2, name `dw`, index [1]; `loss` → no step, no index. */
export interface PartPath {
  step: number | null;
  name: string;
  index: readonly number[];
}

const pathCache = new Map<string, PartPath | null>();

export function readPartId(id: string): PartPath | null {
  const cached = pathCache.get(id);
  if (cached !== undefined) return cached;
  const match = /^(?:steps\[(\d+)\]\.)?([A-Za-z_][A-Za-z0-9_]*)((?:\[\d+\])*)$/.exec(id);
  const path = match
    ? {
        step: match[1] === undefined ? null : Number(match[1]),
        name: match[2]!,
        index: [...match[3]!.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])),
      }
    : null;
  if (pathCache.size < 10_000) pathCache.set(id, path);
  return path;
}

/** `dw[1]`, `W_new[2][3]`: the id of a part of a one-step family. */
export const partId = (name: string, ...index: readonly number[]): string =>
  `${name}${index.map((i) => `[${i}]`).join('')}`;

/** `steps[2].dw[1]`: the id of a part of a step of a batch family. */
export const stepPartId = (step: number, name: string, ...index: readonly number[]): string =>
  `steps[${step}].${partId(name, ...index)}`;

const memos = new WeakMap<PartValue, Map<string, unknown>>();

/**
 * A result shared by the parts of one variant read through the same values
 * (the step a mini-batch SGD run gives, the logarithm of a ŷ): computed once
 * per `value` function, since ln and exp at 60 digits are dear.
 */
export function remembered<T>(value: PartValue, key: string, compute: () => T): T {
  let memo = memos.get(value);
  if (!memo) memos.set(value, (memo = new Map()));
  if (memo.has(key)) return memo.get(key) as T;
  const result = compute();
  memo.set(key, result);
  return result;
}

// Decimal arithmetic the wrong formulas share (numbers from the sheet enter as strings).

/** σ(z) = 1 / (1 + e^−z), with the engine's fast exp. */
export const sigmoidOf = (z: D): D => num(1).div(expOf(z.neg()).plus(1));

export const LN10 = lnD(new D(10));

/** The natural logarithm of a part's value (ŷ), remembered per `value` function. */
export const lnOfPart = (value: PartValue, partId: string, complement = false): D =>
  remembered(value, `ln${complement ? '1-' : ''}:${partId}`, () =>
    lnOf(complement ? num(1).minus(value(partId)) : value(partId)),
  );

/** BCE of the part ŷ with label y, in ln or log₁₀, from a remembered logarithm. */
export function bceOfPart(value: PartValue, partId: string, y: string, base: 'ln' | 'log10'): D {
  const ln = lnOfPart(value, partId, y !== '1').neg();
  return base === 'ln' ? ln : ln.div(LN10);
}
