import { type PartSlopes, bandText, carriedRoundingBands } from '../tolerance/carried-rounding.js';
import { type Bands, type ProblemTolerance, carriedRoundingFigures, ruleFor } from '../tolerance/tolerance.js';
import type { Solution } from './solution.js';

/** Each part with its key, slopes and curvature along its parents, in answer order (parents come first). */
export function partSlopes(solution: Solution): PartSlopes[] {
  const ids = solution.partIds;
  const index = new Map(ids.map((id, at) => [id, at]));
  return ids.map((id, at) => {
    const parents = solution.parentsOf(id).map((parent) => {
      const parentAt = index.get(parent)!;
      if (parentAt >= at) throw new Error(`part ${id} reads ${parent}, which comes after it`);
      return parentAt;
    });
    return {
      key: solution.value(id),
      parents,
      slopes: solution.slopeNodesOf(id).map((node) => node.value),
      curvature: solution.curvatureNodesOf(id).map((row) => row.map((node) => node.value)),
    };
  });
}

/**
 * The carried-rounding band of every part whose tolerance is carried_rounding,
 * by part id, as variants.jsonl stores them; undefined when no part uses it.
 */
export function roundingBands(tolerance: ProblemTolerance, solution: Solution): Bands | undefined {
  const figuresUsed = carriedRoundingFigures(tolerance);
  if (figuresUsed.length === 0) return undefined;
  const parts = partSlopes(solution);
  const bands: Record<string, string> = {};
  for (const figures of figuresUsed) {
    const computed = carriedRoundingBands(parts, figures);
    solution.partIds.forEach((id, at) => {
      const rule = ruleFor(tolerance, id);
      if ('carried_rounding' in rule && rule.carried_rounding === figures) bands[id] = bandText(computed[at]!);
    });
  }
  return bands;
}
