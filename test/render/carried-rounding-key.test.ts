import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayNumber, plainNumber } from '../../src/render/display-number.js';
import { withPersianDigits } from '../../src/render/prose-digits.js';
import { readVariants, sigmax, tempDir } from './run-sigmax.js';

// A bank that sets sigfigs and no tolerance: every problem is graded by carried_rounding.
const BANK = 'id: carried\ntitle: Carried\nseed: s\ndefaults:\n  sigfigs: 4\nproblems:\n  - id: q1\n    family: sigmoid-bce-step\n';

/** A band as the key prints it: as a given, exactly. */
const band = (text: string) => plainNumber(displayNumber(text, null));

function generate(args: string[] = []) {
  const dir = tempDir();
  writeFileSync(join(dir, 'bank.yaml'), BANK);
  const out = join(dir, 'out');
  sigmax(['generate', '--bank', join(dir, 'bank.yaml'), '--format', 'md', '--out', out, ...args]);
  const [record] = readVariants(out);
  const read = (file: string) => readFileSync(join(out, file), 'utf8');
  return { record: record!, sheet: read('problems/demo.md'), key: read('keys/demo.md') };
}

describe('the key of a carried_rounding problem', () => {
  it("prints each part's band beside its answer, and the sheet says how answers are judged", () => {
    const { record, sheet, key } = generate();
    expect(record.tolerance).toEqual({ carried_rounding: 4 });
    expect(key).toContain('| Part | Quantity | Answer | ± band | Part | Quantity | Answer | ± band |');
    // z is a sum of products of the givens: its band is its own half unit in the 4th figure.
    expect(record.bands!.z).toMatch(/^(0\.0*5|5e-\d+)$/);
    expect(/\| `z` \| \$z\$ \| [^|]+ \| ([^|]+) \|/.exec(key)![1]).toBe(band(record.bands!.z!));
    expect(sheet).toContain(
      'An answer counts as correct within the band that carrying earlier answers rounded to 4 significant figures can reach',
    );
  });

  it('prints the band column in Romanian and, with Persian digits, in Persian', () => {
    expect(generate(['--locale', 'ro']).key).toContain('| Parte | Mărime | Răspuns | ± abatere |');
    const { record, key } = generate(['--locale', 'fa', '--digits', 'persian']);
    expect(key).toContain('| بخش | کمیت | پاسخ | ± محدوده |');
    expect(key).toContain(`| ${withPersianDigits(band(record.bands!.z!))} |`);
  });
});
