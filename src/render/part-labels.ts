// The printed symbol of an answer part, from its id: `dw[1]` → ∂L/∂w₁,
// `steps[2].w_new[1]` → w₁ after step 2. Ids come from the stored answers,
// so a family's parts are named once (in the family) and labelled here by
// the conventions the families share.

interface Segment {
  name: string;
  indices: number[];
}

export function parsePartId(id: string): Segment[] {
  return id.split('.').map((text) => {
    const name = text.replace(/\[.*$/, '');
    const indices = [...text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
    return { name, indices };
  });
}

// d<name>: a gradient; <name><digit>: a layer (a1 → a^[1]); _new/_final: after the update / the training.
const PART_NAME = /^(d(?=[A-Za-z]))?([A-Za-z]+?)(\d*)(?:_(new|final))?$/;

const BASE_SYMBOLS: Readonly<Record<string, string>> = { yhat: '\\hat y', loss: 'L', net: '\\mathrm{net}' };

/** TeX for a quantity name without indices; `step` marks a quantity of one gradient step. */
function symbolOf(name: string, sub: string, step: number | null): string {
  const parsed = PART_NAME.exec(name);
  if (!parsed || (parsed[2]!.length > 1 && !(parsed[2]! in BASE_SYMBOLS))) {
    return `\\mathrm{${name.replace(/_/g, '\\_')}}${sub}${step === null ? '' : `^{(${step})}`}`;
  }
  const [, gradient, base, layer, suffix] = parsed as unknown as [string, string | undefined, string, string, string | undefined];
  const marks = [layer ? `[${layer}]` : '', step !== null ? `(${step})` : '', suffix && !(suffix === 'new' && step !== null) ? `\\text{${suffix}}` : '']
    .filter(Boolean)
    .join(',');
  const symbol = `${BASE_SYMBOLS[base] ?? base}${sub}`;
  if (gradient) {
    // ∂L/∂w_1; in a step, the step's loss: ∂L^(t)/∂w_1.
    const loss = step === null ? 'L' : `L^{(${step})}`;
    const layerMark = layer ? `^{[${layer}]}` : '';
    return `\\partial ${loss}/\\partial ${symbol}${layerMark}`;
  }
  if (base === 'loss') return `L${marks ? `^{${marks}}` : ''}`;
  return `${symbol}${marks ? `^{${marks}}` : ''}`;
}

/**
 * TeX label of a part id. `sampleOf(step, k)` may map the k-th prediction of
 * a step to the sample it belongs to (batch families print ŷ₃⁽²⁾, not ŷ₁⁽²⁾).
 */
export function partLabel(id: string, sampleOf?: (step: number, k: number) => number): string {
  const segments = parsePartId(id);
  const last = segments[segments.length - 1]!;
  const stepSegment = segments.length > 1 && segments[0]!.name === 'steps' ? segments[0]!.indices[0] ?? null : null;
  let indices = last.indices;
  if (stepSegment !== null && last.name === 'yhat' && sampleOf && indices.length === 1) {
    indices = [sampleOf(stepSegment, indices[0]!)];
  }
  const sub = indices.length === 0 ? '' : `_{${indices.join(indices.some((i) => i > 9) ? ',' : '')}}`;
  return symbolOf(last.name, sub, stepSegment);
}
