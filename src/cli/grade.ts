import type { Argv } from 'yargs';
import { LOCALES } from '../bank/bank.js';
import { D } from '../engine/decimal.js';
import { type GradeOptions, gradeClass } from '../grade/grade-class.js';
import { GRADEBOOKS, type Gradebook } from '../grade/gradebook.js';
import { layoutName } from '../grade/read-submissions.js';
import { OutputFolderError } from '../io/output-manifest.js';
import { writeClassReport } from '../report/write-class-report.js';
import { gradeShard } from '../shard/grade-shard.js';
import { type Progress, progressBar } from './progress.js';
import { SHARD_OPTIONS, chosenShard } from './shard-option.js';
import { UsageError, checkWorkers, formatList } from './usage-error.js';

const FRACTION = /^(0(\.\d+)?|1(\.0*)?|\.\d+)$/;

export function gradeOptions(yargs: Argv) {
  return yargs
    .option('variants', { type: 'string', demandOption: true, describe: 'variants.jsonl that generate wrote' })
    .option('submissions', {
      type: 'string',
      demandOption: true,
      describe: "answers CSV (long or wide layout), Moodle's quiz responses report, or filled sheets: a PDF, a folder of them, an LMS bulk-download zip",
    })
    .option('out', { type: 'string', demandOption: true, describe: 'output folder' })
    .option('ecf-credit', {
      type: 'string',
      describe: 'share of a part’s points for an ecf answer (0–1; default: the bank’s credit.ecf, else 1)',
    })
    .option('misconception-credit', {
      type: 'string',
      describe: 'share of a part’s points for a catalogued misconception (0–1; default: the bank’s credit.misconception, else 0)',
    })
    .option('locale', { choices: LOCALES, describe: "language of feedback and report (default: the variants file's)" })
    .option('force', {
      type: 'boolean',
      default: false,
      describe: 'write into an --out whose feedback/ holds files no earlier run recorded, leaving them there',
    })
    .option('gradebook', {
      type: 'string',
      describe: `also write the file an LMS gradebook imports: comma list of ${GRADEBOOKS.join(', ')}`,
    })
    .option('missing-as-zero', {
      type: 'boolean',
      default: false,
      describe: 'score a student with no submission 0 (default: an empty score, listed in the report as "no submission")',
    })
    .option('workers', { type: 'number', describe: 'threads grading (default 1, the main thread: a second pays only for very large classes, see README)' })
    .option('trust-keys', {
      type: 'boolean',
      default: false,
      describe: 'grade against the stored keys without checking that they follow from the givens (a key edited by hand goes unnoticed)',
    })
    .options(SHARD_OPTIONS)
    .check((argv) => {
      if (argv.gradebook !== undefined) formatList(String(argv.gradebook), GRADEBOOKS, '--gradebook');
      checkWorkers(argv.workers);
      for (const name of ['ecf-credit', 'misconception-credit'] as const) {
        if (argv[name] !== undefined && !FRACTION.test(String(argv[name]))) throw new UsageError(`--${name}: expected a number from 0 to 1, got "${argv[name]}"`);
      }
      return true;
    });
}

type GradeArgs = Awaited<ReturnType<typeof gradeOptions>['argv']>;

export async function grade(argv: GradeArgs): Promise<void> {
  // The bar is made once the number of students is known (after variants.jsonl is read).
  const bar: { progress: Progress | null } = { progress: null };
  const shard = chosenShard(argv);
  if (shard && argv.workers !== undefined && argv.workers > 1) {
    throw new UsageError('--workers: a grading shard grades in one thread; run more shards instead');
  }
  const options: GradeOptions = {
    variants: argv.variants,
    submissions: argv.submissions,
    out: argv.out,
    credits: {
      ...(argv['ecf-credit'] !== undefined && { ecf: new D(argv['ecf-credit']) }),
      ...(argv['misconception-credit'] !== undefined && { misconception: new D(argv['misconception-credit']) }),
    },
    ...(argv.locale ? { locale: argv.locale } : {}),
    ...(argv.workers !== undefined && { workers: argv.workers }),
    missingAsZero: argv['missing-as-zero'],
    ...(argv.gradebook !== undefined && { gradebooks: [...new Set(formatList(argv.gradebook, GRADEBOOKS, '--gradebook'))] as Gradebook[] }),
    ...(argv['trust-keys'] && { keyCheck: 'off' as const }),
    force: argv.force,
    onStudent: (done, total) => {
      bar.progress ??= progressBar('grading', total);
      bar.progress.update(done);
    },
  };
  // A shard grades its students into --out/shard-i-of-n; merge writes the class report.
  const graded = shard ? gradeShard(options, shard).then(({ summary }) => summary) : gradeClass(options);
  const summary = await graded.catch((error: unknown) => {
    // An --out holding files grade did not write is the user's to sort out (exit 2), as bad usage is.
    throw error instanceof OutputFolderError ? new UsageError(error.message) : error;
  });
  bar.progress?.stop();
  const report = shard ? { files: [], warnings: [] } : await writeClassReport(
    { tally: summary.tally, set: summary.set, variantsFile: argv.variants, locale: summary.locale, digits: summary.digits },
    argv.out,
  );
  for (const note of [...summary.notes, ...report.warnings]) console.error(`note: ${note}`);
  console.log(
    `${argv.submissions}: ${summary.rowsRead} ${summary.layout === 'sheets' ? `file${summary.rowsRead === 1 ? '' : 's'} read (filled PDF sheets)` : `rows read (${layoutName(summary.layout)})`}: ` +
      `${summary.rowsGraded} graded, ${summary.rowsRejected} rejected` +
      (shard ? `, ${summary.rowsElsewhere} left to other shards` : '') +
      (summary.rowsRejected > 0 ? ` (reasons in ${summary.files[2]})` : ''),
  );
  console.log(
    `graded ${summary.students} student(s), ${summary.variants} variant(s) → ${summary.files.join(', ')} ` +
      `(${summary.feedbackFiles} feedback files)`,
  );
  if (summary.noSubmission > 0) {
    console.log(
      `${summary.noSubmission} student(s) with no submission: ` +
        (argv['missing-as-zero'] ? 'scored 0 (--missing-as-zero)' : 'score left empty in grades.csv, listed in report.md'),
    );
  }
  if (shard) console.log(`shard ${shard.index}/${shard.count}: merge the shards with \`sigmax merge --out DIR ${argv.out}\` for the class report`);
  else console.log(`class report → ${report.files.join(', ')}`);
}
