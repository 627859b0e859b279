import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import type { Comparison, ProblemTolerance } from '../../src/tolerance/tolerance.js';
import { confusable } from '../../src/tolerance/within-tolerance.js';
import { D } from '../../src/engine/decimal.js';
import { expD, lnD } from '../../src/engine/transcendental.js';
import { Rough, clearlyApart, inFloats, num, roughly } from '../../src/families/float-screen.js';
import { familyNamed } from '../../src/families/index.js';
import { Solution } from '../../src/families/solution.js';
import type { Family, ParamValue } from '../../src/families/types.js';
import { roundingBands } from '../../src/families/rounding-bands.js';
import { confusableMisconception } from '../../src/families/unambiguous.js';
import { streamFor } from '../../src/random/stream.js';

const rng = seedrandom('float-screen');
/** A random decimal of 1–45 digits with exponent in [−40, 40], either sign. */
function randomDecimal(): D {
  const digits = 1 + Math.floor(rng() * 45);
  let text = String(1 + Math.floor(rng() * 9));
  for (let i = 1; i < digits; i++) text += String(Math.floor(rng() * 10));
  const exponent = Math.floor(rng() * 81) - 40;
  return new D(`${rng() < 0.5 ? '-' : ''}${text[0]}.${text.slice(1)}e${exponent}`);
}
const relativeGap = (x: number, exact: D) => exact.minus(new D(x)).abs().div(exact.abs()).toNumber();

describe('roughly', () => {
  it('reads a Decimal as a float within 1e-14 (relative)', () => {
    for (let i = 0; i < 2000; i++) {
      const x = randomDecimal();
      expect(relativeGap(roughly(x), x)).toBeLessThan(1e-14);
    }
    expect(roughly(new D(0))).toBe(0);
    expect(roughly(new D('-1234567.5'))).toBe(-1234567.5);
  });

  it('declines what a float cannot hold', () => {
    expect(roughly(new D('1e300'))).toBeNaN();
    expect(roughly(new D('NaN'))).toBeNaN();
    expect(roughly(new D('Infinity'))).toBeNaN();
  });
});

describe('Rough', () => {
  it('bounds its distance from the same formula in Decimal', () => {
    for (let i = 0; i < 500; i++) {
      const [a, b, c] = [randomDecimal(), randomDecimal(), randomDecimal()].map((x) => x.toSignificantDigits(20));
      const z = new D(rng() * 20 - 10).toSignificantDigits(12);
      const exact = a!.times(b!).minus(c!).div(b!.plus(a!)).plus(new D(1).div(expD(z.neg()).plus(1))).plus(lnD(a!.abs()));
      const rough = Rough.of(a!)
        .times(Rough.of(b!))
        .minus(Rough.of(c!))
        .div(Rough.of(b!).plus(Rough.of(a!)))
        .plus(Rough.of(1).div(Rough.of(z).neg().exp().plus(1)))
        .plus(Rough.of(a!.abs()).ln());
      expect(exact.minus(new D(rough.v)).abs().lte(rough.err)).toBe(true);
    }
  });

  it('will not guess a sign or a zero that floats cannot decide', () => {
    const tiny = Rough.of('0.1').plus('0.2').minus('0.3');
    expect(() => tiny.isZero()).toThrow();
    expect(() => Rough.of(1).div(tiny)).toThrow();
    expect(() => tiny.ln()).toThrow();
    expect(Rough.of('-2').ln().v).toBeNaN();
    expect(inFloats(() => num(1).div(num('0.1').plus('0.2').minus('0.3')))).toBeUndefined();
    expect(inFloats(() => num('0.5').plus(1))).toMatchObject({ v: 1.5 });
    // Outside the screen, num makes Decimals.
    expect(num('0.5')).toBeInstanceOf(D);
  });
});

describe('clearlyApart', () => {
  const tolerances: Comparison[] = [
    { rel: 0.01, abs: 1e-6 },
    { rel: 0, abs: 0.05 },
    { rel: 0.2, abs: 0 },
    { sigfigs: 1 },
    { sigfigs: 3 },
    { prairielearn_sigfig: 2 },
    { webwork_digits: 3, truncation: true, extra_digits: 1 },
    { webwork_digits: 2, truncation: false, extra_digits: 0 },
    { stack_numsigfigs: 3 },
  ];
  // The figures a significant-figure rule asks for (its one number).
  const figuresOf = (t: Comparison) => Object.values(t).find((v): v is number => typeof v === 'number')!;
  it('never calls apart what the exact test finds confusable, near and far from the boundary', () => {
    let apart = 0;
    for (let i = 0; i < 8000; i++) {
      const tolerance = tolerances[i % tolerances.length]!;
      // Now and then exactly 0 or below WeBWorK's zero level, where the absolute reaches apply.
      const pick = rng();
      const a = pick < 0.05 ? new D(0) : pick < 0.1 ? new D('3e-15') : randomDecimal().toSignificantDigits(20);
      const scale = 'rel' in tolerance ? tolerance.rel || tolerance.abs : 10 ** (1 - figuresOf(tolerance));
      // b at a random multiple of the tolerance from a, many right at the boundary.
      const k = [0.5, 0.999999999999, 1, 1.000000000001, 2, 10, 1e6][Math.floor(rng() * 7)]! * (rng() < 0.5 ? -1 : 1);
      const absolute = ('rel' in tolerance ? tolerance.rel === 0 : a.abs().lt(1e-6)) ? k * scale : 0;
      const b = a.plus(a.abs().times(scale * k)).plus(absolute);
      const screened = clearlyApart(Rough.of(a), Rough.of(b), tolerance);
      if (screened) apart++;
      if (screened) expect(confusable(a, b, tolerance)).toBe(false);
    }
    expect(apart).toBeGreaterThan(2000);
  });
});

describe('the ambiguity check with and without the float screen', () => {
  const unscreened = (family: Family): Family => ({
    ...family,
    misconceptions: { ...family.misconceptions!, screenInFloats: false },
  });
  const tolerances: ProblemTolerance[] = [
    { rel: 0.01, abs: 1e-6 },
    { rel: 0.2, abs: 0.01 },
    { rel: 0, abs: 0.05 },
    { sigfigs: 2 },
    { rel: 0.5, abs: 0.1 },
    { carried_rounding: 2 },
    { prairielearn_sigfig: 1 },
    { webwork_digits: 1, truncation: true, extra_digits: 1 },
    { stack_numsigfigs: 2 },
  ];
  const cases: [string, Record<string, ParamValue>][] = [
    ['sigmoid-bce-step', { features: 2, lr: '0.1' }],
    ['sigmoid-bce-batch', { samples: 4, features: 2, lr: '0.5', epochs: 1, mode: 'minibatch', batch_size: 2 }],
    ['softmax-ce-step', { classes: 3, features: 3, lr: '0.5' }],
  ];
  for (const [name, overrides] of cases) {
    it(`${name}: the same verdict for every draw and tolerance`, () => {
      const family = familyNamed(name)!;
      expect(family.misconceptions?.screenInFloats).toBe(true);
      const params: Record<string, ParamValue> = {
        ...Object.fromEntries(Object.entries(family.params).map(([k, spec]) => [k, spec.default])),
        ...overrides,
      };
      const fromParams = Object.fromEntries(
        Object.entries(family.givens).filter(([, spec]) => spec.fromParam).map(([k]) => [k, String(params[k])]),
      );
      let confusions = 0;
      for (let i = 0; i < 40; i++) {
        const given = { ...family.draw(streamFor(`screen-${name}-${i}`), params), ...fromParams };
        if (family.degenerate(given)) continue;
        const solution = new Solution(family.solve(given));
        for (const tolerance of tolerances) {
          const bands = roundingBands(tolerance, solution);
          const screened = confusableMisconception(family, given, solution, tolerance, bands);
          const exact = confusableMisconception(unscreened(family), given, solution, tolerance, bands);
          expect(screened).toEqual(exact);
          if (exact) confusions++;
        }
      }
      expect(confusions).toBeGreaterThan(0);
    });
  }
});
