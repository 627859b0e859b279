import type { Argv } from 'yargs';
import { LOCALES, loadBank } from '../bank/bank.js';
import { writeVariants } from '../variant/write-variants.js';
import { progressBar } from './progress.js';
import { UsageError } from './usage-error.js';
import { chooseStudents } from './students.js';

export const FORMATS = ['pdf', 'json', 'md'] as const;

export function generateOptions(yargs: Argv) {
  return yargs
    .option('bank', { type: 'string', default: 'problem-banks/default.yaml', describe: 'problem bank (YAML)' })
    .option('roster', { type: 'string', describe: 'roster CSV with student_id,name' })
    .option('count', { type: 'number', describe: 'N numbered students s001…' })
    .option('seed', { type: 'string', describe: "course seed (overrides the bank's)" })
    .option('out', { type: 'string', default: 'out', describe: 'output folder' })
    .option('locale', { choices: LOCALES, describe: "language of sheets and keys (default: the bank's)" })
    .option('format', { type: 'string', default: 'pdf,json', describe: 'comma list of pdf, json, md' })
    .conflicts('roster', 'count')
    .check((argv) => {
      if (argv.count !== undefined && !(Number.isInteger(argv.count) && argv.count >= 1)) {
        throw new UsageError(`--count: expected a whole number ≥ 1, got ${argv.count}`);
      }
      const unknown = argv.format.split(',').filter((f) => !(FORMATS as readonly string[]).includes(f.trim()));
      if (unknown.length > 0) throw new UsageError(`--format: expected a comma list of ${FORMATS.join(', ')}, got "${unknown.join(',')}"`);
      return true;
    });
}

type GenerateArgs = Awaited<ReturnType<typeof generateOptions>['argv']>;

export async function generate(argv: GenerateArgs): Promise<void> {
  const loaded = loadBank(argv.bank);
  const bank = { ...loaded, seed: argv.seed ?? loaded.seed, locale: argv.locale ?? loaded.locale };
  const students = chooseStudents(argv);
  const progress = progressBar('variants', students.length);
  const result = await writeVariants(bank, students, argv.out, (done) => progress.update(done));
  progress.stop();
  for (const warning of result.warnings) console.error(`warning: ${warning}`);
  console.log(
    `${bank.file}: ${students.length} student(s) × ${bank.problems.length} problem(s) → ${result.files.join(', ')}`,
  );
}
