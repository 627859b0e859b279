import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/bank/errors.js';
import { grade, variant } from './fixtures.js';

const variants = [
  variant({ student: 's1', family: 'sigmoid-bce-step', given: { x: ['1.5', '-0.5'], w: ['0.8', '0.4'], b: '-0.2', y: '0', lr: '0.5' } }),
  variant({
    student: 's2',
    problem: 'q2',
    family: 'softmax-ce-step',
    given: { x: ['1', '-2'], y: ['0', '1'], W: [['0.5', '-0.3'], ['0.2', '0.4']], b: ['0.1', '-0.2'], lr: '0.5' },
  }),
];
const records = variants.map((v) => v.record);
const partCount = variants.reduce((n, v) => n + v.solution.partIds.length, 0);

// Pieces a broken export or a mischievous student produces, mixed with the names that do match.
const piece = fc.oneof(
  fc.constantFrom('s1', 's2', 'q1', 'q2', 'z', 'yhat', 'dW[1][2]', '0.8', '-0,5', '۰٫۳', '1e999999', '=1+1', '@x', '+', '-'),
  fc.constantFrom(',', ',', '"', '""', '\n', '\r\n', '\r', '\t', ' ', '\uFEFF', '\u0000', '\u2212', ';'),
  fc.string({ maxLength: 6 }),
  fc.string({ unit: 'binary', maxLength: 4 }),
);
const body = fc.array(piece, { maxLength: 80 }).map((pieces) => pieces.join(''));
const header = fc.constantFrom('student,problem,part,answer\n', 'student,q1.z,q1.yhat,q2.z[1]\n', 'answer,part\n', '', '"student\n');

describe('random junk CSV', () => {
  it('never crashes the grader, and every row read is graded or rejected', async () => {
    await fc.assert(
      fc.asyncProperty(header, body, async (head, rest) => {
        let graded;
        try {
          graded = await grade(records, head + rest);
        } catch (error) {
          // A header that is neither layout is a bad input file (exit 1), not a crash.
          expect(error).toBeInstanceOf(InputError);
          return;
        }
        const { rowsRead, rowsGraded, rowsRejected } = graded.summary;
        expect(rowsRead).toBe(rowsGraded + rowsRejected);
        expect(graded.rejected).toHaveLength(rowsRejected);
        expect(graded.details).toHaveLength(partCount);
        expect(graded.grades).toHaveLength(2);
        expect(parse(graded.read('details.csv'))).toHaveLength(partCount + 1);
      }),
      { numRuns: 80 },
    );
  });
});
