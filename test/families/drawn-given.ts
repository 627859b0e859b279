import { defaults } from '../../src/bank/params.js';
import { FAMILIES } from '../../src/families/index.js';
import type { Given } from '../../src/families/types.js';
import { streamFor } from '../../src/random/stream.js';

/** A drawn given of a family for a seed, with params overridden (the givens params supply included). */
export function drawn(name: string, seed: string, overrides: Record<string, number | string> = {}): Given {
  const f = FAMILIES.get(name)!;
  const params = { ...defaults(f), ...overrides };
  const fromParams = Object.fromEntries(
    Object.entries(f.givens)
      .filter(([, spec]) => spec.fromParam)
      .map(([key]) => [key, String(params[key])]),
  );
  return { ...f.draw(streamFor(seed), params), ...fromParams };
}
