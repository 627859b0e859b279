import { describe, expect, it } from 'vitest';
import { D } from '../../src/engine/decimal.js';
import { writtenFigures } from '../../src/tolerance/peer-rules.js';
import type { WebworkDigits } from '../../src/tolerance/tolerance.js';
import { withinTolerance } from '../../src/tolerance/within-tolerance.js';

const d = (text: string) => new D(text);

describe("PrairieLearn's sigfig rule (is_correct_scalar_sf)", () => {
  const pl3 = { prairielearn_sigfig: 3 };

  it('accepts 1.234 at 3 figures strictly inside 1.2289 … 1.2391 (ε = 0.51·10^(0−3+1) = 0.0051)', () => {
    for (const a of ['1.229', '1.2290001', '1.234', '1.239', '1.2390999']) expect(withinTolerance(d(a), d('1.234'), pl3), a).toBe(true);
    // Both ends open, as a_tru − ε < a_sub < a_tru + ε in the source.
    for (const a of ['1.2289', '1.2391', '1.228', '1.24']) expect(withinTolerance(d(a), d('1.234'), pl3), a).toBe(false);
  });

  it('scales ε with the power of ten of the key, and uses 10^0 for a key of 0', () => {
    expect(withinTolerance(d('0.0004565'), d('0.000456'), pl3)).toBe(true); // ε = 0.51·10^(−4−3+1)
    expect(withinTolerance(d('0.0004566'), d('0.000456'), pl3)).toBe(false);
    expect(withinTolerance(d('0.0050'), d('0'), pl3)).toBe(true); // n = digits − 1: ε = 0.0051
    expect(withinTolerance(d('-0.0052'), d('0'), pl3)).toBe(false);
  });
});

describe("WeBWorK's digits rule (tolType => 'digits', Value::Real::compare)", () => {
  const pi = d('3.14159265358979323846');
  const rule = (truncation: boolean, extra_digits = 1): WebworkDigits => ({ webwork_digits: 3, truncation, extra_digits });
  const accepts = (answer: string, r: WebworkDigits) => withinTolerance(d(answer), pi, r);

  // The cases of pg's t/contexts/toltype_digits.t, with the key π.
  it('with tolTruncation 1: pi is 3.14, 3.141 and 3.142, not 3.143 or 3.15', () => {
    for (const a of ['3.14', '3.141', '3.142']) expect(accepts(a, rule(true)), a).toBe(true);
    for (const a of ['3.143', '3.15']) expect(accepts(a, rule(true)), a).toBe(false);
  });

  it('with tolTruncation 0: pi is 3.14 and 3.142, not 3.141, 3.143 or 3.15', () => {
    for (const a of ['3.14', '3.142']) expect(accepts(a, rule(false)), a).toBe(true);
    for (const a of ['3.141', '3.143', '3.15']) expect(accepts(a, rule(false)), a).toBe(false);
  });

  it('with tolExtraDigits 2: pi is 3.1416 and 3.1415888, not 3.1415', () => {
    for (const a of ['3.14', '3.142', '3.1416', '3.1415888']) expect(accepts(a, rule(false, 2)), a).toBe(true);
    for (const a of ['3.141', '3.143', '3.15', '3.1415']) expect(accepts(a, rule(false, 2)), a).toBe(false);
  });

  it('treats two numbers below the zero level 1e-14 as equal, and one alone exactly', () => {
    expect(withinTolerance(d('3e-15'), d('-8e-15'), rule(true))).toBe(true);
    expect(withinTolerance(d('3e-15'), d('0.001'), rule(true))).toBe(false);
    expect(withinTolerance(d('0'), d('0'), rule(true))).toBe(true);
  });
});

describe("STACK's NumSigFigs (ATNumSigFigs with one option)", () => {
  // [student's text, teacher's answer, figures, mark] from STACK's published NumSigFigs test results.
  const cases: [string, string, number, boolean][] = [
    ['3.141', '3.1415927', 3, false], // written to 4 figures
    ['3.141', '3.1415927', 4, false], // inaccurate: the key rounds to 3.142
    ['3.146', '3.1415927', 4, false],
    ['3.147', '3.1415927', 4, false],
    ['3.142', '3.1415927', 4, true],
    ['3141', '3.1415927', 4, false],
    ['0.00123', '0.001234567', 3, true],
    ['1.23e-3', '0.001234567', 3, true],
    ['1.24e-3', '0.001234567', 3, false],
    ['1.235e-3', '0.001234567', 4, true],
    ['1000', '999', 2, true], // 1000 may have 1 to 4 figures
    ['1E3', '999', 2, false], // 1E3 has exactly 1
    ['-100', '-149', 1, true],
    ['-0.05', '-0.0499', 1, true],
    ['9.8', '10', 2, true],
    ['9.5', '10', 2, false], // half a unit away: strictly less is needed
    ['10.0', '10', 2, false],
    ['5.4e21', '5.3e21', 2, false],
    ['5.3e21', '5.3e21', 2, true],
    ['6.0221409e23', '6.02214086e23', 9, false],
    ['6.02214087e23', '6.02214086e23', 9, false],
    ['5.3910632e-44', '5.3910632e-44', 8, true],
    ['5.3910631e-44', '5.3910632e-44', 8, false],
    ['0', '0', 1, true],
    ['0', '0', 2, false],
    ['0.0', '0', 1, true],
    ['0.0', '0', 2, false],
    ['0.00', '0.00', 2, true],
  ];
  for (const [typed, teacher, figures, mark] of cases) {
    it(`${mark ? 'accepts' : 'refuses'} ${typed} for ${teacher} at ${figures}`, () => {
      expect(withinTolerance(d(typed), d(teacher), { stack_numsigfigs: figures }, writtenFigures(typed))).toBe(mark);
    });
  }

  it('refuses the wrong sign: 0.138 for −0.138', () => {
    expect(withinTolerance(d('0.138'), d('-0.138'), { stack_numsigfigs: 3 }, writtenFigures('0.138'))).toBe(false);
    expect(withinTolerance(d('-0.138'), d('-0.138'), { stack_numsigfigs: 3 }, writtenFigures('-0.138'))).toBe(true);
  });

  it('judges a computed number (no text) by its value alone', () => {
    expect(withinTolerance(d('3.14159'), d('3.1415927'), { stack_numsigfigs: 4 })).toBe(true);
  });
});

describe('writtenFigures, as STACK counts significant figures', () => {
  // [text, lower, upper], from STACK's digits tests (get_decimal_digits).
  const cases: [string, number, number][] = [
    ['0', 1, 1],
    ['0.0', 1, 1],
    ['0.00', 2, 2],
    ['0.0001', 1, 1],
    ['0.0010', 2, 2],
    ['100.0', 4, 4],
    ['100.', 3, 3],
    ['1.001', 4, 4],
    ['2.000', 4, 4],
    ['1234', 4, 4],
    ['123.4', 4, 4],
    ['2000', 1, 4],
    ['10000', 1, 5],
    ['2001', 4, 4],
    ['-303.30003', 8, 8],
    ['+334.3', 4, 4],
    ['-121000', 3, 6],
    ['4.320e-3', 4, 4],
    ['0.020e3', 2, 2],
    ['0.01030', 4, 4],
  ];
  for (const [text, lower, upper] of cases) {
    it(`${text}: ${lower} to ${upper}`, () => expect(writtenFigures(text)).toEqual({ lower, upper }));
  }
});
