import { describe, expect, it } from 'vitest';
import { D } from '../../src/engine/decimal.js';
import { absoluteTolerance } from '../../src/export/absolute-tolerance.js';
import { lmsAnswer } from '../../src/export/lms-number.js';

const margin = (key: string, tolerance: Parameters<typeof absoluteTolerance>[1]) => absoluteTolerance(new D(key), tolerance).toString();

describe('tolerance as an absolute margin around the key', () => {
  it('takes max(rel·|key|, abs) in decimal, not in floats', () => {
    expect(margin('0.795', { rel: 0.01, abs: 1e-6 })).toBe('0.00795');
    expect(margin('-0.3', { rel: 0.1, abs: 0 })).toBe('0.03'); // 0.1 * 0.3 is 0.030000000000000002 in floats
    expect(margin('1e-9', { rel: 0.01, abs: 1e-6 })).toBe('0.000001');
    expect(margin('0', { rel: 0.01, abs: 0 })).toBe('0');
  });

  it('gives a sig-fig policy half a unit in the last place of the key at S figures', () => {
    expect(margin('0.04217', { sigfigs: 3 })).toBe('0.00005');
    expect(margin('123.456', { sigfigs: 4 })).toBe('0.05');
    expect(margin('-0.00099996', { sigfigs: 2 })).toBe('0.000005');
    expect(margin('7', { sigfigs: 1 })).toBe('0.5');
    expect(margin('0', { sigfigs: 4 })).toBe('0');
  });

  it('gives the peers\' sig-fig rules their own margins, and a carried-rounding part its band', () => {
    // PrairieLearn's bound 0.51·10^(p−S+1): 1.234 at 3 figures accepts 1.2289…1.2391.
    expect(margin('1.234', { prairielearn_sigfig: 3 })).toBe('0.0051');
    expect(margin('0.04217', { stack_numsigfigs: 3 })).toBe('0.00005');
    expect(margin('123.456', { webwork_digits: 4, truncation: true, extra_digits: 1 })).toBe('0.05');
    // A carried_rounding part reaches the exporter as its band (toleranceFor with the record's bands).
    expect(margin('0.795', { rel: 0, abs: 0.00038 })).toBe('0.00038');
  });
});

describe('the key and margin as the LMS reads them', () => {
  const NUMBER = /^-?(([0-9]+[.,]?[0-9]*|[.,][0-9]+)([eE][-+]?[0-9]+)?)$/;

  it('writes the key with few digits, well inside its interval, and an interval inside the grader’s', () => {
    const key = new D('0.79512345678901234567890123');
    const exact = new D('0.0079512345678901234567890123');
    const written = lmsAnswer(key, exact);
    expect(written.value).toBe('0.79512');
    expect(new D(written.value).minus(key).abs().lte(exact.div(1000))).toBe(true);
    expect(new D(written.lower).gte(key.minus(exact))).toBe(true);
    expect(new D(written.upper).lte(key.plus(exact))).toBe(true);
    expect(new D(written.upper).minus(written.value).toString()).toBe(written.margin);
    expect(new D(written.value).minus(written.lower).toString()).toBe(written.margin);
    for (const text of [written.value, written.margin, written.lower, written.upper]) expect(text).toMatch(NUMBER);
    expect(written.problem).toBeNull();
  });

  it('says when the interval has width 0', () => {
    const written = lmsAnswer(new D(0), new D(0));
    expect(written).toMatchObject({ value: '0', margin: '0' });
    expect(written.problem).toMatch(/width 0/);
  });

  it('says when the margin is lost in 15-digit floats', () => {
    expect(lmsAnswer(new D('0.5'), new D('1e-20')).problem).toMatch(/floating-point/);
    expect(lmsAnswer(new D('0.123456789012345678'), new D('1e-17')).problem).toMatch(/floating-point/);
    expect(lmsAnswer(new D('0.5'), new D('1e-9')).problem).toBeNull();
  });

  it('never writes more than 15 significant digits', () => {
    const written = lmsAnswer(new D('0.12345678901234567890123'), new D('1e-16'));
    expect(written.value.replace(/^-?0\.0*|[.e].*$/g, '').length).toBeLessThanOrEqual(15);
  });
});
