import { D } from '../../src/engine/decimal.js';
import type { Solution } from '../../src/families/solution.js';

/**
 * The answers of a student who rounds every answer to S figures (half up)
 * and computes each part exactly from the rounded values of the parts it reads.
 */
export function roundedStudent(solution: Solution, figures: number): Map<string, D> {
  const carried = new Map<string, D>();
  for (const id of solution.partIds) {
    const parents = solution.parentsOf(id);
    const exact = parents.length === 0 ? solution.value(id) : solution.recompute(id, new Map(parents.map((p) => [p, carried.get(p)!])));
    if (exact === null) throw new Error(`${id} undefined from rounded parents`);
    carried.set(id, exact.isZero() ? exact : exact.toSignificantDigits(figures, D.ROUND_HALF_UP));
  }
  return carried;
}
