import { describe, expect, it } from 'vitest';
import { parseStudentNumber } from '../../src/grade/student-number.js';

const valueOf = (cell: string) => {
  const parsed = parseStudentNumber(cell);
  if (parsed.kind !== 'number') throw new Error(`${JSON.stringify(cell)} read as ${parsed.kind}`);
  return parsed.value.toString();
};

describe('parseStudentNumber', () => {
  it.each([
    ['0.1234', '0.1234'],
    ['-1.2e-3', '-0.0012'],
    ['1.2E+3', '1200'],
    ['+.5', '0.5'],
    ['+0.5', '0.5'],
    ['-.25', '-0.25'],
    ['5.', '5'],
    ['1.2×10^-3', '0.0012'],
    ['1.2*10^-3', '0.0012'],
    ['1.2 × 10^(-3)', '0.0012'],
    ['1.2x10^3', '1200'],
    ['1.2·10⁻³', '0.0012'],
    ['2.5×10^{2}', '250'],
    ['0,34', '0.34'],
    ['-0,34', '-0.34'],
    ['1,2e-3', '0.0012'],
    ['1.234,5', '1234.5'],
    ['1,234.5', '1234.5'],
    ['1 234.5', '1234.5'],
    ['۰٫۳۴', '0.34'],
    ['٠٫٣٤', '0.34'],
    ['−۱٫۵', '-1.5'],
    ['۱٬۲۳۴٫۵', '1234.5'],
    ['٣', '3'],
    ['−0.5', '-0.5'],
    ['\u200E−۰٫۵', '-0.5'],
    ['\u200E۳٫۴۹ × ۱۰^\u200E−۳۲', '3.49e-32'],
    ['\u200F-0.5\u200F', '-0.5'],
    // Isolates a Persian sheet prints around a signed number or a power of ten (copied from the key with them).
    ['\u2066−۰٫۵\u2069', '-0.5'],
    ['\u2066۳٫۴۹ × ۱۰^−۳۲\u2069', '3.49e-32'],
    ['\u2067-0.5\u2069', '-0.5'],
    ['\u2068 ۰٫۷۵ \u2069', '0.75'],
    ['- 0.5', '-0.5'],
    ['  0.75  ', '0.75'],
    ['\t0.75\u00a0', '0.75'],
    ['0.0000000000000000000000000000012345678901234567890', '1.234567890123456789e-30'],
  ])('reads %j as %s', (cell, expected) => {
    expect(valueOf(cell)).toBe(expected);
  });

  it.each(['', '   ', '\t'])('reads %j as missing', (cell) => {
    expect(parseStudentNumber(cell)).toEqual({ kind: 'missing' });
  });

  it.each(['abc', '0.3.4', '1,2,3', '1/3', '0. 5', '1 2', '=1+2', '1e', '--1', '1.2×10', '1e5×10^2', '٫', '.', 'NaN', 'Infinity', '1e99999999999999999', '9'.repeat(100)])(
    'reads %j as invalid and keeps the text',
    (cell) => {
      const parsed = parseStudentNumber(cell);
      expect(parsed.kind).toBe('invalid');
      if (parsed.kind === 'invalid') expect(parsed.raw).toBe(cell.trim());
    },
  );

  it('keeps every digit a student typed (no float on the way)', () => {
    expect(valueOf('0.1000000000000000055511151231257827')).toBe('0.1000000000000000055511151231257827');
  });
});
