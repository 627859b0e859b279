import type { Argv } from 'yargs';
import { loadBank } from '../bank/bank.js';
import { EXPORT_FORMATS, type ExportFormat, exportSet } from '../export/export-set.js';
import { progressBar } from './progress.js';
import { chooseStudents } from './students.js';
import { BANK_HELP, bankOrDefault } from './default-bank.js';
import { UsageError, formatList } from './usage-error.js';

export function exportOptions(yargs: Argv) {
  return yargs
    .option('bank', { type: 'string', describe: BANK_HELP })
    .option('format', { type: 'string', demandOption: true, describe: 'comma list of moodle (moodle.xml), qti12 (canvas-qti.zip)' })
    .option('roster', { type: 'string', describe: 'roster CSV with student_id,name' })
    .option('count', { type: 'number', describe: 'N numbered students s001…' })
    .option('seed', { type: 'string', describe: "course seed (overrides the bank's)" })
    .option('out', { type: 'string', default: 'out', describe: 'output folder' })
    .option('templates', { type: 'string', describe: 'folder of templates used before the built-in ones' })
    .conflicts('roster', 'count')
    .check((argv) => {
      if (argv.count !== undefined && !(Number.isInteger(argv.count) && argv.count >= 1)) {
        throw new UsageError(`--count: expected a whole number ≥ 1, got ${argv.count}`);
      }
      formatList(argv.format, EXPORT_FORMATS);
      return true;
    });
}

type ExportArgs = Awaited<ReturnType<typeof exportOptions>['argv']>;

export async function exportCommand(argv: ExportArgs): Promise<void> {
  const loaded = loadBank(bankOrDefault(argv.bank));
  const bank = { ...loaded, seed: argv.seed ?? loaded.seed };
  const students = [...chooseStudents(argv)];
  const formats = [...new Set(formatList(argv.format, EXPORT_FORMATS))] as ExportFormat[];
  const progress = progressBar('variants', students.length);
  const result = await exportSet(bank, students, argv.out, { formats, templates: argv.templates, onProgress: (done) => progress.update(done) });
  progress.stop();
  for (const warning of result.warnings) console.error(`warning: ${warning}`);
  console.log(`${bank.file}: ${students.length} student(s) × ${bank.problems.length} problem(s) → ${result.files.join(', ')}`);
}
