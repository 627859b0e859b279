import { D } from '../engine/decimal.js';

/**
 * Points a bank gives named parts of a problem. A key is a part id
 * (`dw[1]`, `steps[2].loss`) or an answer holding several parts (`dw`,
 * `steps[2]`), whose points its parts share equally.
 */
export type PartPoints = Readonly<Record<string, number>>;

/** A part_points entry that cannot be applied; `key` is the entry at fault (none: the whole map). */
export class PartPointsError extends Error {
  constructor(
    readonly key: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

/** Whether a key names this part, or an answer the part belongs to. */
function covers(key: string, partId: string): boolean {
  if (partId === key) return true;
  const next = partId[key.length];
  return partId.startsWith(key) && (next === '[' || next === '.');
}

/**
 * The points of each part, in part order. Each part goes to the most
 * specific key that covers it (`steps[1].loss` before `steps`), and a key's
 * points are shared equally among its parts; the parts no key covers share
 * what is left of the problem's points equally. With no map, every part
 * gets an equal share, as before part points existed.
 */
export function pointsPerPart(total: number, partIds: readonly string[], partPoints?: PartPoints): D[] {
  const whole = new D(total);
  const keys = Object.keys(partPoints ?? {}).sort((a, b) => b.length - a.length);
  const owner = partIds.map((id) => keys.find((key) => covers(key, id)));
  for (const key of keys) {
    if (!owner.includes(key)) {
      throw new PartPointsError(key, `names no part of this problem; expected a part id or an answer of: ${answerNames(partIds)}`);
    }
  }
  const named = namedPoints(total, partPoints ?? {});
  const unnamed = owner.filter((key) => key === undefined).length;
  if (unnamed === 0 && !named.eq(whole)) {
    throw new PartPointsError(
      undefined,
      `every part has its points, and they add up to ${named.toString()}, not the problem's ${total}: set points: ${named.toString()}`,
    );
  }
  const partsOf = new Map(keys.map((key) => [key, owner.filter((k) => k === key).length]));
  const rest = unnamed === 0 ? new D(0) : whole.minus(named).div(unnamed);
  return owner.map((key) => (key === undefined ? rest : new D(partPoints![key]!).div(partsOf.get(key)!)));
}

/** The points the map names, in decimal; more than the problem's total is an error (the bank reports it as soon as it is read). */
export function namedPoints(total: number, partPoints: PartPoints): D {
  const named = Object.values(partPoints).reduce((sum, points) => sum.plus(points), new D(0));
  if (named.gt(total)) {
    throw new PartPointsError(undefined, `the part points add up to ${named.toString()}, more than the problem's ${total} points`);
  }
  return named;
}

/** The answers a problem has (dw, steps[2].loss, ...), to say what a key may name. */
function answerNames(partIds: readonly string[]): string {
  return [...new Set(partIds.map((id) => id.replace(/\[\d+\]$/, '')))].join(', ');
}
