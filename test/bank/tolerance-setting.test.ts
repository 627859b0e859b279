import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBank } from '../../src/bank/bank.js';
import { InputError } from '../../src/bank/errors.js';
import { tempDir } from '../cli/run-cli.js';

function bankFile(text: string): string {
  const file = join(tempDir(), 'week3.yaml');
  writeFileSync(file, text);
  return file;
}

const HEADER = 'id: week3\ntitle: T\nseed: s\n';
const PROBLEM = 'problems:\n  - id: q1\n    family: sigmoid-bce-step\n';

/** The messages a bank gets, each as file:line: field: message. */
function problemsOf(text: string): string[] {
  const file = bankFile(text);
  try {
    loadBank(file);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return error.message.split('\n').map((line) => line.replace(file, 'week3.yaml'));
  }
  return [];
}

describe('the default tolerance', () => {
  it("is the contract's { rel: 0.01, abs: 1e-8 } when the bank sets neither tolerance nor sigfigs", () => {
    expect(loadBank(bankFile(HEADER + PROBLEM)).problems[0]!.tolerance).toEqual({ rel: 0.01, abs: 1e-8 });
  });

  it('is { carried_rounding: S } when the bank sets sigfigs (in defaults or the problem) and no tolerance', () => {
    const bank = loadBank(
      bankFile(`${HEADER}defaults:\n  sigfigs: 4\n${PROBLEM}  - id: q2\n    family: sigmoid-bce-step\n    sigfigs: 3\n`),
    );
    expect(bank.problems.map((p) => p.tolerance)).toEqual([{ carried_rounding: 4 }, { carried_rounding: 3 }]);
  });

  it('is the tolerance the bank sets, at either level, whatever its sigfigs', () => {
    const bank = loadBank(
      bankFile(
        `${HEADER}defaults:\n  sigfigs: 4\n  tolerance: { rel: 0.02 }\n${PROBLEM}  - id: q2\n    family: sigmoid-bce-step\n    tolerance: { sigfigs: 3 }\n`,
      ),
    );
    expect(bank.problems.map((p) => p.tolerance)).toEqual([{ rel: 0.02, abs: 1e-8 }, { sigfigs: 3 }]);
  });

  it('refuses sigfigs 1 with no tolerance: carried_rounding needs 2 figures', () => {
    expect(problemsOf(`${HEADER}defaults:\n  sigfigs: 1\n${PROBLEM}`)).toEqual([
      'week3.yaml:5: defaults.sigfigs: with no tolerance, 1 significant figure asks for the default { carried_rounding: 1 }, ' +
        'which needs at least 2; set a tolerance, e.g. { sigfigs: 1 }',
    ]);
  });
});

describe('tolerance rules in a bank', () => {
  it('reads each rule, and WeBWorK options with their defaults (truncation, one extra digit)', () => {
    const bank = loadBank(
      bankFile(
        `${HEADER}problems:\n` +
          '  - { id: a, family: sigmoid-bce-step, tolerance: { carried_rounding: 3 } }\n' +
          '  - { id: b, family: sigmoid-bce-step, tolerance: { prairielearn_sigfig: 3 } }\n' +
          '  - { id: c, family: sigmoid-bce-step, tolerance: { webwork_digits: 3 } }\n' +
          '  - { id: d, family: sigmoid-bce-step, tolerance: { webwork_digits: 4, truncation: false, extra_digits: 2 } }\n' +
          '  - { id: e, family: sigmoid-bce-step, tolerance: { stack_numsigfigs: 2, parts: { loss: { carried_rounding: 4 } } } }\n',
      ),
    );
    expect(bank.problems.map((p) => p.tolerance)).toEqual([
      { carried_rounding: 3 },
      { prairielearn_sigfig: 3 },
      { webwork_digits: 3, truncation: true, extra_digits: 1 },
      { webwork_digits: 4, truncation: false, extra_digits: 2 },
      { stack_numsigfigs: 2, parts: { loss: { carried_rounding: 4 } } },
    ]);
  });

  it('names file, line and field of each bad setting', () => {
    const problems = problemsOf(
      `${HEADER}problems:\n` +
        '  - id: a\n    family: sigmoid-bce-step\n    tolerance: { carried_rounding: 1 }\n' +
        '  - id: b\n    family: sigmoid-bce-step\n    tolerance: { carried_rounding: 3, rel: 0.01 }\n' +
        '  - id: c\n    family: sigmoid-bce-step\n    tolerance: { webwork_digits: 3, truncation: maybe }\n' +
        '  - id: d\n    family: sigmoid-bce-step\n    tolerance: { sigfigs: 3, extra_digits: 1 }\n' +
        '  - id: e\n    family: sigmoid-bce-step\n    tolerance:\n      stack_numsigfigs: 3\n      parts:\n        loss: { prairielearn_sigfig: 0 }\n' +
        '  - id: f\n    family: sigmoid-bce-step\n    tolerance: { carried: 4 }\n',
    );
    expect(problems).toEqual([
      'week3.yaml:7: problems[0].tolerance.carried_rounding: expected a whole number from 2 to 15, got "1"',
      'week3.yaml:10: problems[1].tolerance: give one rule, not carried_rounding and rel/abs',
      'week3.yaml:13: problems[2].tolerance.truncation: expected true or false, got "maybe"',
      'week3.yaml:16: problems[3].tolerance.extra_digits: goes only with webwork_digits',
      'week3.yaml:22: problems[4].tolerance.parts.loss.prairielearn_sigfig: expected a whole number from 1 to 15, got "0"',
      'week3.yaml:25: problems[5].tolerance.carried: unknown field (did you mean "carried_rounding"?); expected one of rel, abs, sigfigs, carried_rounding, ' +
        'prairielearn_sigfig, webwork_digits, truncation, extra_digits, stack_numsigfigs, parts',
    ]);
  });
});
