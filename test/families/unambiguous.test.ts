import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBank } from '../../src/bank/bank.js';
import { numberedStudents } from '../../src/bank/roster.js';
import { familyNamed } from '../../src/families/index.js';
import { Solution } from '../../src/families/solution.js';
import type { Given } from '../../src/families/types.js';
import { roundingBands } from '../../src/families/rounding-bands.js';
import { confusableMisconception } from '../../src/families/unambiguous.js';
import { streamFor } from '../../src/random/stream.js';
import { drawVariant } from '../../src/variant/draw-variant.js';
import { tempDir } from '../grade/fixtures.js';

const step = familyNamed('sigmoid-bce-step')!;
const softmax = familyNamed('softmax-ce-step')!;
const check = (family = step, given: Given, tolerance: Parameters<typeof confusableMisconception>[3] = { rel: 0.01, abs: 1e-6 }) =>
  confusableMisconception(family, given, new Solution(family.solve(given)), tolerance);
const stepGiven = (lr: string) => ({ x: ['1.5', '-0.5'], w: ['0.8', '0.4'], b: '-0.2', y: '0', lr });

describe('unambiguous variants', () => {
  it('finds a wrong method within tolerance of the key: a tiny step hides the sign of the update', () => {
    expect(check(step, stepGiven('0.001'))).toMatchObject({ partId: 'w_new[1]', misconception: 'update-sign' });
    expect(check(step, stepGiven('0.5'))).toBeNull();
  });

  it('does not count a wrong formula that is identically the right one (square dW diagonal, lr = 1)', () => {
    const notes = {
      x: ['1', '3', '0'],
      y: ['0', '1', '0'],
      W: [['0.1', '0.2', '-0.3'], ['-0.6', '-0.5', '2'], ['-0.2', '0.5', '-3']],
      b: ['0.1', '0.1', '0.1'],
      lr: '1',
    };
    expect(check(softmax, notes)).toBeNull();
  });

  it('under carried_rounding, calls a wrong method ambiguous only inside the band of the part', () => {
    // update-sign moves w_new[1] by 2·lr·dw[1] ≈ 2.07·lr; the band at 4 figures is about 5e-5.
    const carried = (lr: string) => {
      const given = stepGiven(lr);
      const solution = new Solution(step.solve(given));
      const tolerance = { carried_rounding: 4 };
      return confusableMisconception(step, given, solution, tolerance, roundingBands(tolerance, solution));
    };
    expect(carried('0.00001')).toMatchObject({ partId: 'w_new[1]', misconception: 'update-sign' });
    // 1 % would confuse lr = 0.001; the rounding a sheet asks for tells it apart.
    expect(check(step, stepGiven('0.001'))).not.toBeNull();
    expect(carried('0.001')).toBeNull();
  });

  it('checks a mistake where it is made, not where it is only carried forward', () => {
    // w_new[1] under extra-sigmoid-derivative is 0.41 from the key: inside a loose tolerance, but it is
    // just w − lr·dw with that method's own dw, which ecf credits anyway. forgot-learning-rate is not.
    const loose = (abs: number) => ({ rel: 0.01, abs: 1e-6, parts: { 'w_new[1]': { rel: 0, abs } } });
    expect(check(step, stepGiven('0.5'), loose(0.45))).toBeNull();
    expect(check(step, stepGiven('0.5'), loose(0.55))).toMatchObject({ partId: 'w_new[1]', misconception: 'forgot-learning-rate' });
  });

  function bankWith(problem: string) {
    const dir = tempDir();
    const file = join(dir, 'bank.yaml');
    writeFileSync(
      file,
      `id: amb\ntitle: t\nseed: s\ndefaults:\n  tolerance: { rel: 0.01, abs: 1.0e-6 }\nproblems:\n${problem}`,
    );
    return loadBank(file);
  }

  it('redraws, deterministically, the variants a misconception would make ambiguous, and records the catalogue', () => {
    const bank = bankWith('  - id: q1\n    family: sigmoid-bce-step\n    params: { features: 2, lr: 0.05 }\n');
    const problem = bank.problems[0]!;
    let redrawn = 0;
    for (const student of numberedStudents(40)) {
      const { record } = drawVariant(bank, problem, student);
      expect(drawVariant(bank, problem, student).record).toEqual(record);
      expect(record.catalogue).toBe('sigmoid-bce-step/1');
      expect(check(step, record.given)).toBeNull();
      // The first draw of the same stream, as generate made it before this check existed.
      const first = step.draw(streamFor(record.seed), problem.params);
      const firstGiven = { ...first, lr: '0.05' };
      if (!step.degenerate(firstGiven) && check(step, firstGiven)) {
        redrawn++;
        expect(record.given).not.toEqual(firstGiven);
      }
    }
    expect(redrawn).toBeGreaterThan(0);
  });

  it('keeps a pinned ambiguous variant, with a warning', () => {
    const bank = bankWith(
      '  - id: q1\n    family: sigmoid-bce-step\n    params: { features: 2, lr: 0.001 }\n' +
        '    given: { x: [1.5, -0.5], w: [0.8, 0.4], b: -0.2, y: 0 }\n',
    );
    const drawn = drawVariant(bank, bank.problems[0]!, numberedStudents(1)[0]!);
    expect(drawn.record.given).toMatchObject({ x: ['1.5', '-0.5'], lr: '0.001' });
    expect(drawn.warning).toMatch(/^q1: the pinned variant is ambiguous \(w_new\[1\]: the update-sign answer 0\.8\d* lies within tolerance of the key\); kept as pinned$/);
  });

  it('says why when no unambiguous variant can be drawn', () => {
    const bank = bankWith('  - id: q1\n    family: sigmoid-bce-step\n    params: { features: 2, lr: 0.0001 }\n');
    expect(() => drawVariant(bank, bank.problems[0]!, numberedStudents(1)[0]!)).toThrow(
      /no sound variant in 200 draws.*ambiguous \(w_new\[\d\]: the update-sign answer/,
    );
  });
});
