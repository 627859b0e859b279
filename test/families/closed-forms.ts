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

const act = (kind: string, v: H) => (kind === 'sigmoid' ? sigma(v) : kind === 'tanh' ? v.tanh() : H.max(v, 0));
const actSlope = (kind: string, v: H) =>
  kind === 'sigmoid' ? sigma(v).times(new H(1).minus(sigma(v))) : kind === 'tanh' ? new H(1).minus(v.tanh().pow(2)) : v.gt(0) ? new H(1) : new H(0);

export function mseNeuron(g: {
  X: string[][];
  y: string[];
  w: string[];
  b: string;
  lr: string;
  epochs: string;
  mode: string;
  batch_size: string;
  activation: string;
  half: string;
}): Json {
  const X = g.X.map((r) => r.map(h));
  const y = g.y.map(h);
  const lr = h(g.lr);
  const c = g.half === '1' ? new H('0.5') : new H(1);
  const f = (net: H) => (g.activation === 'sigmoid' ? sigma(net) : net);
  const fSlope = (net: H) => (g.activation === 'sigmoid' ? sigma(net).times(new H(1).minus(sigma(net))) : new H(1));
  let w = g.w.map(h);
  let b = h(g.b);
  const size = g.mode === 'batch' ? X.length : g.mode === 'sgd' ? 1 : Number(g.batch_size);
  const steps: Json[] = [];
  for (let epoch = 0; epoch < Number(g.epochs); epoch++) {
    for (let start = 0; start < X.length; start += size) {
      const idx = Array.from({ length: Math.min(size, X.length - start) }, (_, k) => start + k);
      const net = idx.map((i) => dot(w, X[i]!).plus(b));
      const yhat = net.map(f);
      const m = new H(idx.length);
      const loss = c.times(idx.reduce((acc, i, k) => acc.plus(y[i]!.minus(yhat[k]!).pow(2)), new H(0))).div(m);
      const term = idx.map((i, k) => c.times(2).times(yhat[k]!.minus(y[i]!)).times(fSlope(net[k]!)));
      const dw = w.map((_, j) => idx.reduce((acc, i, k) => acc.plus(term[k]!.times(X[i]![j]!)), new H(0)).div(m));
      const db = term.reduce((a, v) => a.plus(v), new H(0)).div(m);
      w = w.map((wj, j) => wj.minus(lr.times(dw[j]!)));
      b = b.minus(lr.times(db));
      steps.push({ net: net.map(str), yhat: yhat.map(str), loss: str(loss), dw: dw.map(str), db: str(db), w_new: w.map(str), b_new: str(b) });
    }
  }
  const yhatFinal = X.map((row) => f(dot(w, row).plus(b)));
  const lossFinal = c.times(yhatFinal.reduce((acc, p, i) => acc.plus(y[i]!.minus(p).pow(2)), new H(0))).div(X.length);
  return { steps, w_final: w.map(str), b_final: str(b), yhat_final: yhatFinal.map(str), loss_final: str(lossFinal) };
}

export function mlpBackprop(g: {
  x: string[];
  y: string[];
  W1: string[][];
  b1: string[];
  W2: string[][];
  b2: string[];
  lr: string;
  hidden: string;
  output: string;
}): Json {
  const x = g.x.map(h);
  const y = g.y.map(h);
  const [W1, W2] = [g.W1, g.W2].map((W) => W.map((r) => r.map(h))) as [H[][], H[][]];
  const [b1, b2] = [g.b1, g.b2].map((v) => v.map(h)) as [H[], H[]];
  const lr = h(g.lr);
  const net1 = W1.map((row, i) => dot(row, x).plus(b1[i]!));
  const a1 = net1.map((v) => act(g.hidden, v));
  const net2 = W2.map((row, i) => dot(row, a1).plus(b2[i]!));
  const k = net2.length;
  let yhat: H[];
  let loss: H;
  let dnet2: H[];
  if (g.output === 'sigmoid-bce') {
    yhat = net2.map(sigma);
    loss = yhat.reduce((acc, p, i) => acc.plus(bce(p, y[i]!)), new H(0));
    dnet2 = yhat.map((p, i) => p.minus(y[i]!));
  } else if (g.output === 'softmax-ce') {
    const e = net2.map((v) => v.exp());
    const total = e.reduce((a, v) => a.plus(v), new H(0));
    yhat = e.map((v) => v.div(total));
    loss = y.reduce((acc, yi, i) => acc.minus(yi.times(yhat[i]!.ln())), new H(0));
    dnet2 = yhat.map((p, i) => p.minus(y[i]!));
  } else {
    yhat = net2;
    loss = yhat.reduce((acc, p, i) => acc.plus(y[i]!.minus(p).pow(2)), new H(0)).div(k);
    dnet2 = yhat.map((p, i) => p.minus(y[i]!).times(2).div(k));
  }
  const dW2 = dnet2.map((d) => a1.map((a) => d.times(a)));
  const da1 = a1.map((_, j) => dnet2.reduce((acc, d, i) => acc.plus(d.times(W2[i]![j]!)), new H(0)));
  const dnet1 = da1.map((d, j) => d.times(actSlope(g.hidden, net1[j]!)));
  const dW1 = dnet1.map((d) => x.map((xj) => d.times(xj)));
  const upd = (W: H[][], dW: H[][]) => W.map((row, i) => row.map((w, j) => str(w.minus(lr.times(dW[i]![j]!)))));
  return {
    net1: net1.map(str),
    a1: a1.map(str),
    net2: net2.map(str),
    yhat: yhat.map(str),
    loss: str(loss),
    dnet2: dnet2.map(str),
    dW2: dW2.map((r) => r.map(str)),
    db2: dnet2.map(str),
    da1: da1.map(str),
    dnet1: dnet1.map(str),
    dW1: dW1.map((r) => r.map(str)),
    db1: dnet1.map(str),
    W1_new: upd(W1, dW1),
    b1_new: b1.map((b, i) => str(b.minus(lr.times(dnet1[i]!)))),
    W2_new: upd(W2, dW2),
    b2_new: b2.map((b, i) => str(b.minus(lr.times(dnet2[i]!)))),
  };
}

export function multilabelStep(g: { x: string[]; y: string[]; W: string[][]; b: string[]; lr: string; reduction: string }): Json {
  const [x, y, W, b, lr] = [g.x.map(h), g.y.map(h), g.W.map((r) => r.map(h)), g.b.map(h), h(g.lr)];
  const k = new H(y.length);
  const scale = g.reduction === 'mean' ? new H(1).div(k) : new H(1);
  const z = W.map((row, i) => dot(row, x).plus(b[i]!));
  const yhat = z.map(sigma);
  const loss = yhat.reduce((acc, p, i) => acc.plus(bce(p, y[i]!)), new H(0)).times(scale);
  const dz = yhat.map((p, i) => p.minus(y[i]!).times(scale));
  const dW = dz.map((d) => x.map((xj) => d.times(xj)));
  return {
    z: z.map(str),
    yhat: yhat.map(str),
    loss: str(loss),
    dz: dz.map(str),
    dW: dW.map((r) => r.map(str)),
    db: dz.map(str),
    W_new: W.map((row, i) => row.map((wij, j) => str(wij.minus(lr.times(dW[i]![j]!))))),
    b_new: b.map((bi, i) => str(bi.minus(lr.times(dz[i]!)))),
  };
}
