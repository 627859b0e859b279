#!/usr/bin/env node
import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { InputError } from '../bank/errors.js';
import { exportCommand, exportOptions } from './export.js';
import { generate, generateOptions } from './generate.js';
import { grade, gradeOptions } from './grade.js';
import { merge, mergeOptions } from './merge.js';
import { UsageError } from './usage-error.js';
import { solve, solveOptions } from './solve.js';
import { validate, validateOptions } from './validate.js';

/** Exit codes of the contract: 1 a bad input file, 2 bad usage. */
const EXIT_INPUT = 1;
const EXIT_USAGE = 2;

/** The short usage line of each command, printed under a usage error (the options are in --help). */
const USAGE: Readonly<Record<string, string>> = {
  generate: 'sigmax generate [--bank FILE] [--roster FILE | --count N] [--seed TEXT] [--out DIR] [--format pdf,json,md]',
  solve: 'sigmax solve --family NAME --given FILE.json [--out DIR] [--format json,pdf,md]',
  grade: 'sigmax grade --variants FILE --submissions FILE --out DIR',
  validate: 'sigmax validate --bank FILE',
  export: 'sigmax export --bank FILE --format moodle[,qti12] [--roster FILE | --count N] --out DIR',
  merge: 'sigmax merge --out DIR SHARD_DIR...',
};

/** A usage error as a person needs it: what is wrong first, then the one line of usage, not the whole help. */
function usageMessage(message: string, args: readonly string[]): string {
  const command = args.find((arg) => !arg.startsWith('-'));
  const usage = command !== undefined ? USAGE[command] : undefined;
  return usage
    ? `${message}\nUsage: ${usage}\nRun \`sigmax ${command} --help\` for all options.`
    : `${message}\nUsage: sigmax <${Object.keys(USAGE).join('|')}> [options]\nRun \`sigmax --help\` for the commands.`;
}

async function main(args: string[]): Promise<number> {
  // The same line heads the command's --help.
  const withUsage = <Builder extends (yargs: Argv) => Argv<unknown>>(command: string, options: Builder): Builder =>
    ((yargs: Argv) => options(yargs).usage(`Usage: ${USAGE[command]}`)) as Builder;
  const cli = yargs(args)
    .scriptName('sigmax')
    .command('generate', 'draw, solve and print every student’s variant', withUsage('generate', generateOptions), generate)
    .command('solve', 'worked solution and answers for given numbers', withUsage('solve', solveOptions), solve)
    .command('grade', 'grade submitted answers against variants.jsonl', withUsage('grade', gradeOptions), grade)
    .command('validate', 'check a problem bank', withUsage('validate', validateOptions), validate)
    .command('export', 'every student’s variant as a Moodle XML or Canvas QTI quiz', withUsage('export', exportOptions), exportCommand)
    .command('merge [shards..]', 'put the shards of a generate or grade run (--shard i/n) together', withUsage('merge', mergeOptions), merge)
    .demandCommand(1, `name a command: ${Object.keys(USAGE).join(', ')}`)
    .strict()
    .help()
    .fail((message, error) => {
      throw error ?? new UsageError(message);
    });
  try {
    await cli.parseAsync();
    return 0;
  } catch (error) {
    if (error instanceof InputError) {
      console.error(error.message);
      return EXIT_INPUT;
    }
    if (error instanceof UsageError) {
      console.error(usageMessage(error.message, args));
      return EXIT_USAGE;
    }
    throw error;
  }
}

process.exitCode = await main(hideBin(process.argv));
