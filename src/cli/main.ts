#!/usr/bin/env node
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { InputError } from '../bank/errors.js';
import { exportCommand, exportOptions } from './export.js';
import { generate, generateOptions } from './generate.js';
import { grade, gradeOptions } from './grade.js';
import { UsageError } from './usage-error.js';
import { solve, solveOptions } from './solve.js';
import { validate, validateOptions } from './validate.js';

/** Exit codes of the contract: 1 a bad input file, 2 bad usage. */
const EXIT_INPUT = 1;
const EXIT_USAGE = 2;


async function main(args: string[]): Promise<number> {
  const cli = yargs(args)
    .scriptName('sigmax')
    .command('generate', 'draw, solve and print every student’s variant', generateOptions, generate)
    .command('solve', 'worked solution and answers for given numbers', solveOptions, solve)
    .command('grade', 'grade submitted answers against variants.jsonl', gradeOptions, grade)
    .command('validate', 'check a problem bank', validateOptions, validate)
    .command('export', 'every student’s variant as a Moodle XML or Canvas QTI quiz', exportOptions, exportCommand)
    .demandCommand(1, 'name a command')
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
      console.error(`${await cli.getHelp()}\n\n${error.message}`);
      return EXIT_USAGE;
    }
    throw error;
  }
}

process.exitCode = await main(hideBin(process.argv));
