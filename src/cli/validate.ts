import type { Argv } from 'yargs';
import { loadBank } from '../bank/bank.js';
import { DEMO_STUDENT } from '../bank/roster.js';
import { drawVariant } from '../variant/draw-variant.js';
import { BANK_HELP, bankOrDefault } from './default-bank.js';

export function validateOptions(yargs: Argv) {
  return yargs.option('bank', { type: 'string', describe: BANK_HELP });
}

type ValidateArgs = Awaited<ReturnType<typeof validateOptions>['argv']>;

/** Loads the bank and solves one variant of each problem, so pins and part ids are checked too. */
export async function validate(argv: ValidateArgs): Promise<void> {
  const bank = loadBank(bankOrDefault(argv.bank));
  for (const problem of bank.problems) {
    const { solution, warning } = drawVariant(bank, problem, DEMO_STUDENT);
    if (warning) console.error(`warning: ${warning}`);
    console.log(`${problem.id}: ${problem.family.name}, ${solution.partIds.length} parts, ${problem.points} points`);
  }
  console.log(`${bank.file}: valid (${bank.problems.length} problems)`);
}
