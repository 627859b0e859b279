import { D, ONE, ln1p } from './decimal.js';
import { type Evaluated, Node, type Op, isLeaf, leaf } from './graph.js';
import { expD, lnD } from './transcendental.js';

// Each op states its forward value and its local derivative side by side.
// Backward rules build nodes from the op's own output where the textbook
// does (σ' = ŷ(1 − ŷ), softmax' = ŷ(δ − ŷ)), so a gradient depends on the
// parts a student computes (ŷ), not on hidden intermediates.

type Backward = (node: Node, upstream: Node, needed: readonly boolean[]) => readonly (Node | null)[];

function op(name: string, forward: (inputs: readonly Evaluated[]) => Evaluated, backward?: Backward): Op {
  return backward ? { name, forward, backward } : { name, forward };
}

const v = (e: Evaluated | undefined): D => e!.value;
const oneMinusOf = (e: Evaluated): D => e.complement ?? e.value.neg().plus(1);

const addOp = op('add', (xs) => ({ value: v(xs[0]).plus(v(xs[1])) }), (_n, g) => [g, g]);
const subOp = op('sub', (xs) => ({ value: v(xs[0]).minus(v(xs[1])) }), (_n, g, need) => [
  g,
  need[1] ? neg(g) : null,
]);
const mulOp = op('mul', (xs) => ({ value: v(xs[0]).times(v(xs[1])) }), (n, g, need) => [
  need[0] ? mul(g, n.parents[1]!) : null,
  need[1] ? mul(g, n.parents[0]!) : null,
]);
const divOp = op('div', (xs) => ({ value: v(xs[0]).div(v(xs[1])) }), (n, g, need) => [
  need[0] ? div(g, n.parents[1]!) : null,
  // d(a/b)/db = −(a/b)/b
  need[1] ? neg(mul(g, div(n, n.parents[1]!))) : null,
]);
const negOp = op('neg', (xs) => ({ value: v(xs[0]).neg() }), (_n, g) => [neg(g)]);
const copyOp = op('copy', (xs) => xs[0]!, (_n, g) => [g]);
const sumOp = op(
  'sum',
  (xs) => ({ value: sumOf(xs) }),
  (n, g) => n.parents.map(() => g),
);
// 1 − a swaps value and complement, so 1 − σ(170) keeps its 74 leading zeros.
const oneMinusOp = op(
  'one-minus',
  (xs) => ({ value: oneMinusOf(xs[0]!), complement: v(xs[0]) }),
  (_n, g) => [neg(g)],
);
/**
 * x₀ + x₁ + … as decimal.js adds them from 0, less the first addition where it
 * changes nothing: 0 + x is x rounded to the precision (+0 for ±0), and a nonzero
 * x₀ of at most 8 words (≤ 56 digits, below the 60 kept) needs no rounding.
 */
function sumOf(xs: readonly Evaluated[]): D {
  const first = xs[0]?.value;
  const skipZero = first !== undefined && first.isFinite() && !first.isZero() && first.d.length <= 8;
  let total = skipZero ? first : new D(0);
  for (let i = skipZero ? 1 : 0; i < xs.length; i++) total = total.plus(xs[i]!.value);
  return total;
}
const expOp = op('exp', (xs) => ({ value: expD(v(xs[0])) }), (n, g) => [mul(g, n)]);
// ln of a value near 1 whose complement is known: ln(1 − c) = ln1p(−c), not ln of a rounded 1.
const lnOp = op(
  'ln',
  (xs) => {
    const x = xs[0]!;
    return { value: x.complement !== undefined && x.value.gt(0.5) ? ln1p(x.complement.neg()) : lnD(x.value) };
  },
  (n, g) => [div(g, n.parents[0]!)],
);
// σ(z) from e^(−|z|) only, and σ(−z) beside it: both exact at z = ±170.
const sigmoidOp = op(
  'sigmoid',
  (xs) => {
    const z = v(xs[0]);
    const e = expD(z.abs().neg());
    const total = e.plus(1);
    const small = e.div(total);
    const large = ONE.div(total);
    return z.isNeg() ? { value: small, complement: large } : { value: large, complement: small };
  },
  (n, g) => [mul(g, slope(n))],
);
// s(1 − s) for a sigmoid or softmax output s, with 1 − s taken precisely; d/ds = 1 − 2s = (1 − s) − s.
const slopeOp = op('slope', (xs) => ({ value: v(xs[0]).times(oneMinusOf(xs[0]!)) }), (n, g) => [
  mul(g, sub(oneMinus(n.parents[0]!), n.parents[0]!)),
]);

export const add = (a: Node, b: Node) => new Node(addOp, [a, b]);
export const sub = (a: Node, b: Node) => new Node(subOp, [a, b]);
export const mul = (a: Node, b: Node) => new Node(mulOp, [a, b]);
export const div = (a: Node, b: Node) => new Node(divOp, [a, b]);
export const neg = (a: Node) => new Node(negOp, [a]);
export const copy = (a: Node) => new Node(copyOp, [a]);
export const oneMinus = (a: Node) => new Node(oneMinusOp, [a]);
export const exp = (a: Node) => new Node(expOp, [a]);
export const ln = (a: Node) => new Node(lnOp, [a]);
export const sigmoid = (a: Node) => new Node(sigmoidOp, [a]);
export const slope = (s: Node) => new Node(slopeOp, [s]);

// tanh' = 1 − a², from the output as the notes write it.
const tanhOp = op('tanh', (xs) => ({ value: v(xs[0]).tanh() }), (n, g) => [mul(g, new Node(tanhSlopeOp, [n]))]);
// d/da (1 − a²) = −2a.
const tanhSlopeOp = op('tanh-slope', (xs) => ({ value: ONE.minus(v(xs[0]).pow(2)) }), (n, g) => [
  neg(mul(g, mul(leaf('2'), n.parents[0]!))),
]);
// relu'(0) = 0 by the contract; the derivative reads the input, net.
const reluOp = op('relu', (xs) => ({ value: D.max(v(xs[0]), 0) }), (n, g) => [mul(g, new Node(reluStepOp, [n.parents[0]!]))]);
// A step is flat wherever it has a derivative (relu'' = 0): nothing flows back through it.
const reluStepOp = op('relu-step', (xs) => ({ value: v(xs[0]).gt(0) ? ONE : new D(0) }), () => [null]);
const squareOp = op('square', (xs) => ({ value: v(xs[0]).times(v(xs[0])) }), (n, g) => [
  mul(g, mul(leaf('2'), n.parents[0]!)),
]);

export const tanh = (a: Node) => new Node(tanhOp, [a]);
export const relu = (a: Node) => new Node(reluOp, [a]);
export const square = (a: Node) => new Node(squareOp, [a]);

export function sum(xs: readonly Node[]): Node {
  if (xs.length === 1) return xs[0]!;
  return new Node(sumOp, xs);
}

export function mean(xs: readonly Node[]): Node {
  // Divide rather than multiply by a rounded 1/n: the mean of 0.7, −1.3, 0.3 is exactly −0.1.
  return div(sum(xs), leaf(String(xs.length)));
}

export function dot(a: readonly Node[], b: readonly Node[]): Node {
  if (a.length !== b.length) throw new Error(`dot: lengths ${a.length} and ${b.length} differ`);
  return sum(a.map((ai, i) => mul(ai, b[i]!)));
}

/** W x for W given by rows. */
export function matvec(W: readonly (readonly Node[])[], x: readonly Node[]): Node[] {
  return W.map((row) => dot(row, x));
}

/** w − lr·g, the gradient-descent update. */
export function step(w: Node, lr: Node, g: Node): Node {
  return sub(w, mul(lr, g));
}

/**
 * softmax(z) as k nodes, each reading all of z. Shifted by max z so no
 * exponential overflows; each output's complement is Σ_{j≠i} e_j / Σ e_j.
 */
export function softmax(z: readonly Node[]): Node[] {
  let cacheKey: readonly D[] = [];
  let exps: D[] = [];
  const expsFor = (values: readonly D[]): D[] => {
    // The k outputs read the same inputs: compute the exponentials once.
    if (values.length !== cacheKey.length || values.some((x, i) => x !== cacheKey[i])) {
      const max = D.max(...values);
      exps = values.map((x) => expD(x.minus(max)));
      cacheKey = values;
    }
    return exps;
  };
  const outputs: Node[] = [];
  z.forEach((_, i) => {
    const outputOp = op(
      `softmax[${i}]`,
      (xs) => {
        const e = expsFor(xs.map((x) => x.value));
        const rest = e.reduce((acc, x, j) => (j === i ? acc : acc.plus(x)), new D(0));
        const total = rest.plus(e[i]!);
        return { value: e[i]!.div(total), complement: rest.div(total) };
      },
      // ∂ŷ_i/∂z_j = ŷ_i(δ_ij − ŷ_j)
      (n, g, need) =>
        n.parents.map((_, j) => {
          if (!need[j]) return null;
          return j === i ? mul(g, slope(n)) : neg(mul(g, mul(n, outputs[j]!)));
        }),
    );
    outputs.push(new Node(outputOp, z));
  });
  return outputs;
}

/** Binary cross-entropy −[y ln ŷ + (1 − y) ln(1 − ŷ)] for one output. */
export function binaryCrossEntropy(yhat: Node, y: Node): Node {
  // A given label of exactly 0 or 1 keeps only its own term: the other is 0 · ln(…),
  // and a logarithm at 60 digits is the dearest thing the engine computes.
  if (isLeaf(y) && y.value.eq(1)) return neg(ln(yhat));
  if (isLeaf(y) && y.value.isZero()) return neg(ln(oneMinus(yhat)));
  return neg(add(mul(y, ln(yhat)), mul(oneMinus(y), ln(oneMinus(yhat)))));
}

/** Categorical cross-entropy −Σ y_i ln ŷ_i. */
export function crossEntropy(yhat: readonly Node[], y: readonly Node[]): Node {
  // Terms with a given y_i = 0 vanish; the sum still reads every ŷ_i through dz.
  const terms = yhat.flatMap((p, i) => (isLeaf(y[i]!) && y[i]!.value.isZero() ? [] : [mul(y[i]!, ln(p))]));
  return neg(sum(terms.length > 0 ? terms : [leaf('0')]));
}
