import { D } from '../engine/decimal.js';
import type { Family, GivenSpec, GivenValue, ParamSpec, ParamValue, Params } from '../families/types.js';
import { didYouMean } from './did-you-mean.js';
import { type FieldPath, type Plain, fieldName } from './yaml-source.js';

/** Reports a problem at a field path of the bank being read. */
export type Report = (path: FieldPath, message: string) => void;

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const show = (value: Plain | undefined) => (typeof value === 'string' ? `"${value}"` : JSON.stringify(value));

/**
 * A problem's `given` entries for givens that a param supplies (lr, epochs,
 * mode, ...): read as that param, from where they stand in the file.
 */
export interface PinnedParams {
  raw: Plain | undefined;
  path: FieldPath;
  /** `file:line` of a field, to name the other line of a conflict. */
  placeOf: (path: FieldPath) => string;
}

/**
 * A family's params with defaults filled in; reports each bad or unknown
 * param. A param the problem's `given` pins takes the pinned value; the same
 * value under `params` too is fine (compared as read: 0.10 = 0.1), a
 * different one is reported with both lines.
 */
export function readParams(family: Family, raw: Plain | undefined, path: FieldPath, report: Report, pinned?: PinnedParams): Params {
  const given = raw === null || raw === undefined ? {} : raw;
  if (typeof given !== 'object' || Array.isArray(given)) {
    report(path, `expected a mapping of params, got ${show(raw)}`);
    return defaults(family);
  }
  for (const key of Object.keys(given)) {
    if (!(key in family.params)) {
      const known = Object.keys(family.params);
      report([...path, key], `unknown param for ${family.name}${didYouMean(key, known)}; expected one of ${known.join(', ')}`);
    }
  }
  const pins = pinned && isPlainMapping(pinned.raw) ? pinned.raw : {};
  const params: Record<string, ParamValue> = {};
  for (const [name, spec] of Object.entries(family.params)) {
    const value = given[name];
    const fromParams = value === undefined ? undefined : readParam(spec, value, [...path, name], report);
    const pin = family.givens[name]?.fromParam ? pins[name] : undefined;
    const pinPath = [...(pinned?.path ?? []), name];
    const fromGiven = pin === undefined ? undefined : readParam(spec, pin, pinPath, report);
    if (fromParams !== undefined && fromGiven !== undefined && !sameParam(fromParams, fromGiven)) {
      const paramPath = [...path, name];
      report(
        pinPath,
        `${show(pin)} conflicts with ${fieldName(paramPath)} = ${show(value)} at ${pinned!.placeOf(paramPath)}; ` +
          `set ${name} in one place, or to the same value in both`,
      );
    }
    params[name] = fromGiven ?? fromParams ?? spec.default;
  }
  const cross = family.checkParams?.(params);
  if (cross) {
    const pinnedHere = pins[cross.field] !== undefined && family.givens[cross.field]?.fromParam;
    report(pinnedHere ? [...pinned!.path, cross.field] : [...path, cross.field], cross.message);
  }
  return params;
}

export function defaults(family: Family): Params {
  return Object.fromEntries(Object.entries(family.params).map(([name, spec]) => [name, spec.default]));
}

const isPlainMapping = (value: Plain | undefined): value is { [key: string]: Plain } =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Two read params are the same value: decimals were read exactly (0.10 → "0.1"), so their text compares. */
const sameParam = (a: ParamValue, b: ParamValue) => JSON.stringify(a) === JSON.stringify(b);

/** A param's value as read, or undefined once what is wrong with it has been reported. */
function readParam(spec: ParamSpec, value: Plain, path: FieldPath, report: Report): ParamValue | undefined {
  switch (spec.kind) {
    case 'int': {
      if (typeof value !== 'string' || !/^-?\d+$/.test(value)) {
        return void report(path, `expected a whole number, got ${show(value)}`);
      }
      const n = Number(value);
      if (n < spec.min || n > spec.max) {
        return void report(path, `expected a whole number from ${spec.min} to ${spec.max}, got ${value}`);
      }
      return n;
    }
    case 'decimal': {
      if (typeof value !== 'string' || !DECIMAL.test(value)) {
        return void report(path, `expected a decimal number, got ${show(value)}`);
      }
      if (spec.positive && !new D(value).gt(0)) {
        return void report(path, `expected a positive number, got ${show(value)}`);
      }
      return new D(value).toString();
    }
    case 'choice': {
      if (typeof value !== 'string' || !spec.choices.includes(value)) {
        return void report(path, `expected ${spec.choices.join('|')}, got ${show(value)}`);
      }
      return value;
    }
    case 'range': {
      const ok =
        Array.isArray(value) &&
        value.length === 2 &&
        value.every((v) => typeof v === 'string' && DECIMAL.test(v)) &&
        new D(value[0] as string).lt(value[1] as string);
      if (!ok) return void report(path, `expected [min, max] with min < max, got ${show(value)}`);
      return [new D(value[0] as string).toString(), new D(value[1] as string).toString()];
    }
  }
}

/** Size of a given's dimension: the param of that name. */
function sizeOf(params: Params, dim: string): number {
  const size = params[dim];
  if (typeof size !== 'number') throw new Error(`given dimension "${dim}" is not a whole-number param`);
  return size;
}

/**
 * Pinned givens of a problem, each checked against its shape; bad ones are
 * reported and left out. Givens a param supplies are readParams' (see PinnedParams).
 */
export function readPins(family: Family, params: Params, raw: Plain | undefined, path: FieldPath, report: Report) {
  const pins: Record<string, GivenValue> = {};
  if (raw === null || raw === undefined) return pins;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    report(path, `expected a mapping of given values, got ${show(raw)}`);
    return pins;
  }
  for (const [name, value] of Object.entries(raw)) {
    const spec = family.givens[name];
    const here = [...path, name];
    if (!spec) {
      const known = Object.keys(family.givens);
      report(here, `unknown given for ${family.name}${didYouMean(name, known)}; expected one of ${known.join(', ')}`);
    } else if (!spec.fromParam) {
      const read = readGivenValue(spec, spec.dims.map((d) => [d, sizeOf(params, d)] as const), value, here, report);
      if (read !== null) pins[name] = read;
    }
  }
  return pins;
}

function readGivenValue(
  spec: GivenSpec,
  dims: readonly (readonly [string, number])[],
  value: Plain,
  path: FieldPath,
  report: Report,
): GivenValue | null {
  const [first, ...rest] = dims;
  if (first) {
    const [dim, size] = first;
    if (!Array.isArray(value) || value.length !== size) {
      const got = Array.isArray(value) ? `${value.length} values` : show(value);
      report(path, `expected ${size} values (${dim}: ${size}), got ${got}`);
      return null;
    }
    const items = value.map((item, i) => readGivenValue(spec, rest, item, [...path, i], report));
    return items.some((item) => item === null) ? null : (items as GivenValue[]);
  }
  if (typeof value !== 'string' || !DECIMAL.test(value.trim())) {
    const hint = typeof value === 'string' && /^-?\d+,\d+$/.test(value) ? ' (use a decimal point)' : '';
    report(path, `expected a decimal number${hint}, got ${show(value)}`);
    return null;
  }
  const text = new D(value.trim()).toString();
  if (spec.values && !spec.values.includes(text)) {
    report(path, `expected ${spec.values.join('|')}, got ${show(value)}`);
    return null;
  }
  return text;
}

