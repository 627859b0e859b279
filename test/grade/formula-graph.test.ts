import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { D } from '../../src/engine/decimal.js';
import { FAMILIES } from '../../src/families/index.js';
import { Solution } from '../../src/families/solution.js';
import type { Family, Given, Params, ParamSpec } from '../../src/families/types.js';
import { FormulaGraphs, flattenGiven } from '../../src/grade/formula-graph.js';
import { streamFor } from '../../src/random/stream.js';

/** A variant of a family drawn with its default params, as generate would (degenerate ones skipped). */
function drawn(family: Family, seed: string, extra: Params = {}): Given {
  const params: Record<string, Params[string]> = Object.fromEntries(
    Object.entries(family.params).map(([name, spec]: [string, ParamSpec]) => [name, spec.default]),
  );
  Object.assign(params, extra);
  const rng = streamFor(seed);
  for (;;) {
    const fromParams = Object.fromEntries(
      Object.entries(family.givens)
        .filter(([, spec]) => spec.fromParam)
        .map(([name]) => [name, String(params[name])]),
    );
    const given = { ...family.draw(rng, params), ...fromParams };
    const ordered = Object.fromEntries(Object.keys(family.givens).map((name) => [name, given[name]!]));
    if (!family.degenerate(ordered) && !family.checkGiven?.(ordered)) return ordered;
  }
}

describe('a formula graph shared across variants of one shape', () => {
  for (const family of FAMILIES.values()) {
    it(`recomputes every ${family.name} part exactly as the variant's own graph does`, () => {
      fc.assert(
        fc.property(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ minLength: 1, maxLength: 8 }), fc.integer(), (a, b, shift) => {
          const graphs = new FormulaGraphs();
          const first = drawn(family, `first-${a}`);
          graphs.for(family, first); // the graph now cached comes from another variant
          const given = drawn(family, `second-${b}`);
          const flat = flattenGiven(given);
          const shared = graphs.for(family, given, flat);
          const own = new Solution(family.solve(given));
          const givens = shared.givenReplacements(flat, (text) => new D(text));
          for (const id of own.partIds) {
            const parents = own.parentsOf(id);
            expect(shared.parentsOf(id)).toEqual(parents);
            // Parents moved off the key by a seeded amount, as a student's wrong answers would be.
            const moved = new Map(parents.map((p, i) => [p, own.value(p).plus(new D(((shift + i) % 7) - 3).div(10))]));
            const mine = own.recompute(id, moved);
            const theirs = shared.recompute(id, givens, moved);
            if (mine === null) expect(theirs).toBeNull();
            else expect(theirs?.toString()).toBe(mine.toString());
          }
        }),
        { numRuns: 12 },
      );
    });
  }

  for (const family of FAMILIES.values()) {
    it(`bounds every ${family.name} part in floats around what recompute gives (or declines)`, () => {
      let bounded = 0;
      fc.assert(
        fc.property(fc.string({ minLength: 1, maxLength: 8 }), fc.integer(), fc.constantFrom('0.1', '1', '3', '1e-9'), (a, shift, size) => {
          const graphs = new FormulaGraphs();
          const given = drawn(family, `rough-${a}`);
          const flat = flattenGiven(given);
          const graph = graphs.for(family, given, flat);
          const givens = graph.givenReplacements(flat, (text) => new D(text));
          for (const id of graph.partIds) {
            const parents = graph.parentsOf(id);
            // Parents moved off the key, by large and tiny amounts, and some set to 0 (ln 0, division by 0).
            const moved = new Map(
              parents.map((p, i) => {
                const step = ((shift + i) % 7) - 3;
                const key = graph.solution.value(p);
                return [p, step === 0 && shift % 2 === 0 ? new D(0) : key.plus(new D(step).times(size))];
              }),
            );
            const exact = graph.recompute(id, givens, moved);
            const rough = graph.recomputeRough(id, givens, moved);
            if (rough === undefined) continue;
            // Where the floats give a value, Decimal does too, within the stated bound.
            expect(exact).not.toBeNull();
            expect(new D(rough.v).minus(exact!).abs().lte(new D(rough.err))).toBe(true);
            bounded++;
          }
        }),
        { numRuns: 12 },
      );
      expect(bounded).toBeGreaterThan(0);
    });
  }

  it('keeps graphs apart where a label changes the shape (a 0 label drops its logarithm)', () => {
    const family = FAMILIES.get('softmax-ce-step')!;
    const base = { x: ['1', '2'], W: [['0.1', '0.2'], ['0.3', '-0.4'], ['0.5', '0.1']], b: ['0', '0.1', '0.2'], lr: '0.5' };
    const graphs = new FormulaGraphs();
    const a = graphs.for(family, { ...base, y: ['1', '0', '0'] });
    const b = graphs.for(family, { ...base, y: ['0', '0', '1'] });
    expect(a).not.toBe(b);
    expect(graphs.for(family, { ...base, x: ['3', '-1'], y: ['1', '0', '0'] })).toBe(a);
  });
});
