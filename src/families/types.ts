import type { Node } from '../engine/graph.js';
import type { Rng } from '../random/stream.js';
import type { MisconceptionCatalogue } from './misconception.js';

/** A given value as printed on the sheet: a decimal string, a vector or a matrix of them. */
export type GivenValue = string | readonly GivenValue[];
export type Given = Readonly<Record<string, GivenValue>>;

/** Answers as named engine nodes, shaped like `answers` in variants.jsonl. */
export type AnswerTree = Node | readonly AnswerTree[] | { readonly [name: string]: AnswerTree };

/** The kinds of param a bank may set, each with its default. */
export type ParamSpec =
  | { kind: 'int'; default: number; min: number; max: number; doc: string }
  | { kind: 'decimal'; default: string; min?: string; max?: string; positive?: boolean; doc: string }
  | { kind: 'choice'; default: string; choices: readonly string[]; doc: string }
  | { kind: 'range'; default: readonly [string, string]; doc: string };

export type ParamValue = number | string | readonly [string, string];
export type Params = Readonly<Record<string, ParamValue>>;

/**
 * The shape of one given: its dimensions, named by the params that size
 * them, and the values it may take (any decimal when absent).
 */
export interface GivenSpec {
  dims: readonly string[];
  values?: readonly string[];
  /** A param of the same name supplies this given (lr, epochs, mode, ...). */
  fromParam?: boolean;
  /** Whole numbers only (epochs, batch_size). */
  integer?: boolean;
}

export interface Family {
  readonly name: string;
  /** One line for the README and error messages. */
  readonly summary: string;
  readonly params: Readonly<Record<string, ParamSpec>>;
  readonly givens: Readonly<Record<string, GivenSpec>>;
  /** Checks across params that one param alone cannot (e.g. total steps). */
  checkParams?(params: Params): { field: string; message: string } | null;
  /** Checks across givens, e.g. that y is one-hot. */
  checkGiven?(given: Given): { field: string; message: string } | null;
  /** Draws the givens that are not params, as hand-friendly numbers. */
  draw(rng: Rng, params: Params): Given;
  /** Why a full given would make a poor exercise, or null when it is fine. */
  degenerate(given: Given): string | null;
  /** Every answer part as an engine node; gradients from the backward pass. */
  solve(given: Given): AnswerTree;
  /** Known wrong methods: named in feedback, and kept away from the key by `generate`. */
  readonly misconceptions?: MisconceptionCatalogue;
}
