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

const GRADIENT = /^d([A-Za-z]+)$/;
const SUFFIXED = /^([A-Za-z]+)_(new|final)$/;

/** TeX for a quantity name without indices; `step` marks a quantity of one gradient step. */
function symbolOf(name: string, sub: string, step: number | null): string {
  const at = step === null ? '' : `^{(${step})}`;
  const symbol = (base: string) => (base === 'yhat' ? '\\hat y' : base === 'loss' ? 'L' : base);
  const suffixed = SUFFIXED.exec(name);
  if (suffixed) {
    const [, base, which] = suffixed as unknown as [string, string, string];
    // After a step the new weights are that step's weights: w^(t).
    if (which === 'new' && step !== null) return `${symbol(base)}${sub}${at}`;
    return `${symbol(base)}${sub}^{\\text{${which}}}`;
  }
  const gradient = GRADIENT.exec(name);
  if (gradient) return `\\partial L${at}/\\partial ${symbol(gradient[1]!)}${sub}`;
  if (name === 'loss') return `L${at}`;
  if (name === 'yhat' || name === 'z' || /^[A-Za-z]$/.test(name)) return `${symbol(name)}${sub}${at}`;
  return `\\mathrm{${name.replace(/_/g, '\\_')}}${sub}${at}`;
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
