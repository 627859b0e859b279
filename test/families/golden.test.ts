import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBank } from '../../src/bank/bank.js';
import { numberedStudents } from '../../src/bank/roster.js';
import { drawVariant } from '../../src/variant/draw-variant.js';
import { variantLine } from '../../src/variant/record.js';

// A generator change shows up here as a diff a person reviews
// (`npx vitest run -u` accepts it once reviewed).
describe('golden variants.jsonl at fixed seeds', () => {
  for (const file of readdirSync('problem-banks').sort()) {
    it(file, async () => {
      const bank = loadBank(join('problem-banks', file));
      const lines = numberedStudents(3).flatMap((student) =>
        bank.problems.map((problem) => variantLine(drawVariant(bank, problem, student).record)),
      );
      await expect(lines.join('')).toMatchFileSnapshot(`golden/${file.replace(/\.yaml$/, '.jsonl')}`);
    });
  }
});
