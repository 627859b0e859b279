import { describe, expect, it } from 'vitest';
import { D } from '../../src/engine/decimal.js';
import { FAMILIES } from '../../src/families/index.js';
import type { ProblemTolerance } from '../../src/tolerance/tolerance.js';
import { drawn } from '../families/drawn-given.js';
import { roundedStudent } from '../tolerance/rounded-student.js';
import { answerRows, grade, keyAnswers, longCsv, variant } from './fixtures.js';

// z = −0.8·0.6 + 0.4·(−0.3) + 0.1 = −0.5, y = 1: ŷ = σ(−0.5) ≈ 0.377541, L = −ln ŷ ≈ 0.974077.
// A student who carries ŷ = 0.3775 finds L = −ln 0.3775 ≈ 0.974185, which is 0.9742, not the key's 0.9741.
const given = { x: ['-0.8', '0.4'], w: ['0.6', '-0.3'], b: '0.1', y: '1', lr: '0.1' };
const CARRIED: ProblemTolerance = { carried_rounding: 4 };
const sigma = (z: D) => new D(1).div(z.neg().exp().plus(1));
const at4 = (x: D) => x.toSignificantDigits(4, D.ROUND_HALF_UP).toString();

async function submit(tolerance: ProblemTolerance, answers: Record<string, string>) {
  const { record } = variant({ family: 'sigmoid-bce-step', given, tolerance });
  return grade([record], longCsv(answerRows(answers)));
}

describe('grading with carried_rounding', () => {
  const { record, solution } = variant({ family: 'sigmoid-bce-step', given, tolerance: CARRIED });
  const rounded = Object.fromEntries([...roundedStudent(solution, 4)].map(([id, value]) => [id, value.toString()]));

  it('records a band for every part', () => {
    expect(Object.keys(record.bands!)).toEqual(solution.partIds);
  });

  it('marks every answer of a student who carries rounded answers correct, where { sigfigs: 4 } calls some ecf', async () => {
    expect(rounded.loss).toBe('0.9742');
    const carried = await submit(CARRIED, rounded);
    expect(carried.details.filter((d) => d.verdict !== 'correct')).toEqual([]);
    // Same 4 figures as the key: at best error carried forward, which a bank may credit less.
    const sameFigures = await submit({ sigfigs: 4 }, rounded);
    expect(sameFigures.part('loss').verdict).toBe('ecf');
  });

  it("gives ecf to parts computed from the student's own wrong z, each rounded to 4 figures", async () => {
    // A sign slip: z = 0.5, then ŷ = σ(0.5) ≈ 0.6225, dz = ŷ − 1, carried through dw.
    const yhat = at4(sigma(new D('0.5')));
    const dz = at4(new D(yhat).minus(1));
    const graded = await submit(CARRIED, {
      ...keyAnswers(solution),
      z: '0.5',
      yhat,
      dz,
      'dw[1]': at4(new D(dz).times('-0.8')),
    });
    expect(graded.part('z').verdict).toBe('incorrect');
    for (const part of ['yhat', 'dz', 'dw[1]']) expect(graded.part(part).verdict, part).toBe('ecf');
  });

  it("works the ecf band out at the student's values, not the key's: ŷ from z = −12 is 6.144e-6 to 4 figures", async () => {
    const own = sigma(new D(-12));
    expect(at4(own)).toBe('0.000006144');
    const right = await submit(CARRIED, { ...keyAnswers(solution), z: '-12', yhat: at4(own) });
    expect(right.part('yhat').verdict).toBe('ecf');
    // 0.00005 lies within ŷ's band at the key (about 7e-5) of 6.144e-6, but far outside the band at ŷ = 6.144e-6.
    expect(new D(record.bands!.yhat!).gt(new D('0.00005').minus(own))).toBe(true);
    const wrong = await submit(CARRIED, { ...keyAnswers(solution), z: '-12', yhat: '0.00005' });
    expect(wrong.part('yhat').verdict).toBe('incorrect');
  });

  it('refuses a variants file whose carried_rounding record has no bands, naming file, line and field', async () => {
    const { bands: _bands, ...bare } = record;
    await expect(grade([bare], longCsv(answerRows(rounded)))).rejects.toThrow(
      /variants\.jsonl:1: bands: expected the carried_rounding band of each part \(z, \.\.\.\), got nothing/,
    );
    await expect(grade([{ ...record, bands: { ...record.bands!, loss: '-1' } }], longCsv(answerRows(rounded)))).rejects.toThrow(
      /variants\.jsonl:1: bands: loss: expected a band/,
    );
  });
});

describe('grading a class with carried_rounding, every family', () => {
  it('marks every answer of students who carry rounded answers (2, 3 and 5 figures) correct', async () => {
    const records = [];
    const rows = [];
    for (const name of FAMILIES.keys()) {
      for (const figures of [2, 3, 5]) {
        const student = `${name}-${figures}`;
        const { record, solution } = variant({ family: name, given: drawn(name, student), tolerance: { carried_rounding: figures }, student });
        records.push(record);
        const answers = Object.fromEntries([...roundedStudent(solution, figures)].map(([id, value]) => [id, value.toString()]));
        rows.push(...answerRows(answers, student));
      }
    }
    const graded = await grade(records, longCsv(rows));
    expect(graded.details.filter((d) => d.verdict !== 'correct')).toEqual([]);
    expect(graded.details.length).toBe(rows.length);
  });
});

describe("grading with STACK's NumSigFigs", () => {
  const STACK: ProblemTolerance = { stack_numsigfigs: 4 };
  const { solution } = variant({ family: 'sigmoid-bce-step', given, tolerance: STACK });

  it('counts the figures as typed: −0.5000 and −۰٫۵۰۰۰ are right for z = −0.5, −0.5 is not', async () => {
    for (const [typed, verdict] of [
      ['-0.5000', 'correct'],
      ['−۰٫۵۰۰۰', 'correct'],
      ['-5.000e-1', 'correct'],
      ['-0.5', 'incorrect'],
      ['-0.50000', 'incorrect'],
    ] as const) {
      const graded = await submit(STACK, { ...keyAnswers(solution), z: typed });
      expect(graded.part('z').verdict, typed).toBe(verdict);
    }
  });
});
