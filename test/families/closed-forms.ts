// Independent reference solutions: the contract's closed forms, written out
// directly at 150 digits with no engine, no graph and no backward pass.
import { Decimal } from 'decimal.js';

export const H = Decimal.clone({ precision: 150 });
export type H = InstanceType<typeof H>;
type Json = string | Json[] | { [k: string]: Json };

const h = (x: string) => new H(x);
const sigma = (z: H) => new H(1).div(new H(1).plus(z.neg().exp()));
const bce = (p: H, y: H) => y.times(p.ln()).plus(new H(1).minus(y).times(new H(1).minus(p).ln())).neg();
const dot = (a: H[], b: H[]) => a.reduce((acc, ai, i) => acc.plus(ai.times(b[i]!)), new H(0));
const str = (x: H) => x.toString();

export function sigmoidStep(g: { x: string[]; w: string[]; b: string; y: string; lr: string }): Json {
  const [x, w, b, y, lr] = [g.x.map(h), g.w.map(h), h(g.b), h(g.y), h(g.lr)];
  const z = dot(w, x).plus(b);
  const yhat = sigma(z);
  const dz = yhat.minus(y);
  const dw = x.map((xi) => dz.times(xi));
  return {
    z: str(z),
    yhat: str(yhat),
    loss: str(bce(yhat, y)),
    dz: str(dz),
    dw: dw.map(str),
    db: str(dz),
    w_new: w.map((wj, j) => str(wj.minus(lr.times(dw[j]!)))),
    b_new: str(b.minus(lr.times(dz))),
  };
}

export function softmaxStep(g: { x: string[]; y: string[]; W: string[][]; b: string[]; lr: string }): Json {
  const [x, y, W, b, lr] = [g.x.map(h), g.y.map(h), g.W.map((r) => r.map(h)), g.b.map(h), h(g.lr)];
  const z = W.map((row, i) => dot(row, x).plus(b[i]!));
  const e = z.map((zi) => zi.exp());
  const total = e.reduce((a, v) => a.plus(v), new H(0));
  const yhat = e.map((v) => v.div(total));
  const dz = yhat.map((p, i) => p.minus(y[i]!));
  const dW = dz.map((d) => x.map((xj) => d.times(xj)));
  return {
    z: z.map(str),
    yhat: yhat.map(str),
    loss: str(y.reduce((acc, yi, i) => acc.minus(yi.times(yhat[i]!.ln())), new H(0))),
    dz: dz.map(str),
    dW: dW.map((r) => r.map(str)),
    db: dz.map(str),
    W_new: W.map((row, i) => row.map((wij, j) => str(wij.minus(lr.times(dW[i]![j]!))))),
    b_new: b.map((bi, i) => str(bi.minus(lr.times(dz[i]!)))),
  };
}

export function sigmoidBatch(g: {
  X: string[][];
  y: string[];
  w: string[];
  b: string;
  lr: string;
  epochs: string;
  mode: string;
  batch_size: string;
}): Json {
  const X = g.X.map((r) => r.map(h));
  const y = g.y.map(h);
  const lr = h(g.lr);
  let w = g.w.map(h);
  let b = h(g.b);
  const size = g.mode === 'batch' ? X.length : g.mode === 'sgd' ? 1 : Number(g.batch_size);
  const steps: Json[] = [];
  for (let epoch = 0; epoch < Number(g.epochs); epoch++) {
    for (let start = 0; start < X.length; start += size) {
      const idx = Array.from({ length: Math.min(size, X.length - start) }, (_, k) => start + k);
      const yhat = idx.map((i) => sigma(dot(w, X[i]!).plus(b)));
      const m = new H(idx.length);
      const loss = idx.reduce((acc, i, k) => acc.plus(bce(yhat[k]!, y[i]!)), new H(0)).div(m);
      const err = idx.map((i, k) => yhat[k]!.minus(y[i]!));
      const dw = w.map((_, j) => idx.reduce((acc, i, k) => acc.plus(err[k]!.times(X[i]![j]!)), new H(0)).div(m));
      const db = err.reduce((a, v) => a.plus(v), new H(0)).div(m);
      w = w.map((wj, j) => wj.minus(lr.times(dw[j]!)));
      b = b.minus(lr.times(db));
      steps.push({ yhat: yhat.map(str), loss: str(loss), dw: dw.map(str), db: str(db), w_new: w.map(str), b_new: str(b) });
    }
  }
  const yhatFinal = X.map((row) => sigma(dot(w, row).plus(b)));
  const lossFinal = yhatFinal.reduce((acc, p, i) => acc.plus(bce(p, y[i]!)), new H(0)).div(X.length);
  return { steps, w_final: w.map(str), b_final: str(b), yhat_final: yhatFinal.map(str), loss_final: str(lossFinal) };
}

/** Pairs of [path, engine value, reference value] for every leaf of two answer trees. */
export function pairs(actual: Json, expected: Json, path = ''): [string, string, string][] {
  if (typeof expected === 'string') return [[path, actual as string, expected]];
  if (Array.isArray(expected)) return expected.flatMap((e, i) => pairs((actual as Json[])[i]!, e, `${path}[${i + 1}]`));
  return Object.entries(expected).flatMap(([k, e]) =>
    pairs((actual as Record<string, Json>)[k]!, e, path ? `${path}.${k}` : k),
  );
}

/** Agreement to `digits` significant digits (absolute 1e-60 near zero). */
export function agrees(actual: string, expected: string, digits: number): boolean {
  const a = new H(actual);
  const e = new H(expected);
  const allowed = H.max(e.abs().times(new H(10).pow(-digits)), new H('1e-60'));
  return a.minus(e).abs().lte(allowed);
}
