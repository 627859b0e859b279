import { D } from '../engine/decimal.js';
import { type Node, leaf } from '../engine/graph.js';
import type { Given, GivenValue, Params } from './types.js';

// Reading givens inside a family's solve(): the bank layer has already
// checked shapes, so a mismatch here is a programming error.

export function scalar(given: Given, name: string): string {
  const value = given[name];
  if (typeof value !== 'string') throw new Error(`given.${name}: expected a number`);
  return value;
}

export function vector(given: Given, name: string): string[] {
  const value = given[name];
  if (!Array.isArray(value) || value.some((x) => typeof x !== 'string')) {
    throw new Error(`given.${name}: expected a vector`);
  }
  return value as string[];
}

export function matrix(given: Given, name: string): string[][] {
  const value = given[name];
  if (!Array.isArray(value) || value.some((row) => !Array.isArray(row))) {
    throw new Error(`given.${name}: expected a matrix`);
  }
  return value as string[][];
}

export const leaves = (values: readonly string[], name: string): Node[] =>
  values.map((x, i) => leaf(x, `${name}[${i + 1}]`));

export const leafMatrix = (rows: readonly (readonly string[])[], name: string): Node[][] =>
  rows.map((row, i) => row.map((x, j) => leaf(x, `${name}[${i + 1}][${j + 1}]`)));

export const isZeroVector = (values: readonly string[]): boolean => values.every((x) => new D(x).isZero());

export function intParam(params: Params, name: string): number {
  const value = params[name];
  if (typeof value !== 'number') throw new Error(`params.${name}: expected a whole number`);
  return value;
}

export function textParam(params: Params, name: string): string {
  const value = params[name];
  if (typeof value !== 'string') throw new Error(`params.${name}: expected text`);
  return value;
}

export function rangeParam(params: Params, name: string): readonly [string, string] {
  const value = params[name];
  if (!Array.isArray(value)) throw new Error(`params.${name}: expected [min, max]`);
  return value as readonly [string, string];
}

export type { GivenValue };
