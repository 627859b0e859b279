import type { Family, Given, GivenValue } from '../families/types.js';
import { ProblemList } from './errors.js';
import { readParams, readPins, type Report } from './params.js';
import { type FieldPath, type Plain, YamlSource, fieldName } from './yaml-source.js';

export interface LoadedGiven {
  given: Given;
  /** Values not in the file, taken from the family's defaults (said, never silent). */
  defaulted: string[];
}

/**
 * An instructor's own given values for `sigmax solve`, as JSON (read with the
 * YAML reader, which keeps every number's source text and line). Sizes come
 * from the arrays themselves; lr, mode, ... from the file or the defaults.
 */
export function loadGiven(file: string, family: Family): LoadedGiven {
  const source = YamlSource.read(file);
  const problems = new ProblemList();
  const report: Report = (path, message) =>
    problems.add({ file, line: source.lineOf(path), field: fieldName(path) || undefined }, message);
  const raw = source.root;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problems.add({ file }, `expected an object of given values for ${family.name}`);
    problems.throwIfAny();
    throw new Error('unreachable');
  }

  const paramsRaw: Record<string, Plain> = {};
  const pinsRaw: Record<string, Plain> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (family.givens[name]?.fromParam) paramsRaw[name] = value;
    else pinsRaw[name] = value;
  }
  Object.assign(paramsRaw, inferSizes(family, pinsRaw, report));
  problems.throwIfAny(); // sizes that disagree say it once, not again per given
  const params = readParams(family, paramsRaw, [], report);
  const pins = readPins(family, params, pinsRaw, [], report);
  for (const name of Object.keys(family.givens)) {
    if (!family.givens[name]!.fromParam && !(name in pinsRaw)) report([name], `missing; ${family.name} needs it`);
  }
  problems.throwIfAny();

  const defaulted: string[] = [];
  const given: Record<string, GivenValue> = {};
  for (const [name, spec] of Object.entries(family.givens)) {
    if (!spec.fromParam) given[name] = pins[name]!;
    else {
      given[name] = String(params[name]);
      if (!(name in paramsRaw)) defaulted.push(`${name} = ${given[name]}`);
    }
  }
  const invalid = family.checkGiven?.(given);
  if (invalid) {
    problems.add({ file, line: source.lineOf([invalid.field]), field: invalid.field }, invalid.message);
    problems.throwIfAny();
  }
  return { given, defaulted };
}

/** The size params (features, classes, ...) that the given arrays imply, checked against each other. */
function inferSizes(family: Family, pins: Record<string, Plain>, report: Report): Record<string, string> {
  const sizes: Record<string, { size: number; from: string }> = {};
  for (const [name, spec] of Object.entries(family.givens)) {
    let value: Plain | undefined = pins[name];
    spec.dims.forEach((dim, depth) => {
      if (!Array.isArray(value)) return;
      const known = sizes[dim];
      const path: FieldPath = [name, ...Array<number>(depth).fill(0)];
      if (known && known.size !== value.length) {
        report(path, `expected ${known.size} values (${dim}, as ${known.from} has), got ${value.length}`);
      } else if (!known) sizes[dim] = { size: value.length, from: name };
      value = value[0];
    });
  }
  return Object.fromEntries(Object.entries(sizes).map(([dim, { size }]) => [dim, String(size)]));
}
