import { join } from 'node:path';
import type { Argv } from 'yargs';
import { DIGITS, LOCALES, loadBank } from '../bank/bank.js';
import type { Student } from '../bank/roster.js';
import { type Renderer, createRenderer, defaultThreads } from '../render/render-pool.js';
import { OutputFolderError, OutputManifest } from '../io/output-manifest.js';
import { classKeyVolumes, studentBytes } from '../render/class-key-volumes.js';
import { DEFAULT_DOCUMENT_DATE, GENERATE_PLACES, byStudent, classKeyFiles, documentFiles, renderSet } from '../render/render-set.js';
import { belongsTo } from '../shard/shard-of.js';
import { shardFolderName } from '../shard/shard-spec.js';
import { writeGenerateShard } from '../shard/generate-shard.js';
import { VARIANT_FILES, writeVariants } from '../variant/write-variants.js';
import { classSizeRefusal } from '../variant/class-size.js';
import { setInfoOf } from '../render/sheet-context.js';
import { progressBar } from './progress.js';
import { UsageError, checkWorkers, documentFormats, formatList, refusePersianDigitsInLtrPdf } from './usage-error.js';
import { chooseStudents } from './students.js';
import { SHARD_OPTIONS, chosenShard } from './shard-option.js';
import { BANK_HELP, bankOrDefault } from './default-bank.js';

export const FORMATS = ['pdf', 'json', 'md'] as const;

export function generateOptions(yargs: Argv) {
  return yargs
    .option('bank', { type: 'string', describe: BANK_HELP })
    .option('roster', { type: 'string', describe: 'roster CSV with student_id,name' })
    .option('count', { type: 'number', describe: 'N numbered students s001…' })
    .option('seed', { type: 'string', describe: "course seed (overrides the bank's)" })
    .option('out', { type: 'string', default: 'out', describe: 'output folder' })
    .option('locale', { choices: LOCALES, describe: "language of sheets and keys (default: the bank's)" })
    .option('digits', { choices: DIGITS, describe: "digits of numbers in prose, latin or persian (default: the bank's)" })
    .option('format', { type: 'string', default: 'pdf,json', describe: 'comma list of pdf, json, md' })
    .option('templates', { type: 'string', describe: 'folder of templates used before the built-in ones' })
    .option('fields', {
      type: 'boolean',
      default: true,
      describe: 'problem sheet PDFs with an answer box per part, to fill in and hand back (--no-fields: plain sheets for paper)',
    })
    .option('workers', { type: 'number', describe: 'threads drawing variants and rendering PDFs (1: the main thread; default: one per core for large sets)' })
    .option('force', {
      type: 'boolean',
      default: false,
      describe: 'write into an --out that holds sheets or keys no earlier run recorded, leaving them there',
    })
    // For the benchmark's floor: formulas as their TeX source in plain text.
    .option('math', { choices: ['typeset', 'plain'] as const, default: 'typeset' as const, hidden: true })
    .options(SHARD_OPTIONS)
    .conflicts('roster', 'count')
    .check((argv) => {
      if (argv.count !== undefined && !(Number.isInteger(argv.count) && argv.count >= 1)) {
        throw new UsageError(`--count: expected a whole number ≥ 1, got ${argv.count}`);
      }
      checkWorkers(argv.workers);
      formatList(argv.format, FORMATS);
      return true;
    });
}

type GenerateArgs = Awaited<ReturnType<typeof generateOptions>['argv']>;

/** The first few of a list of files, for a message. */
function shortList(files: readonly string[]): string {
  return files.length <= 5 ? files.join(', ') : `${files.slice(0, 5).join(', ')}, …`;
}

/** SOURCE_DATE_EPOCH (reproducible-builds convention) or a fixed date: PDFs never carry the clock. */
function documentDate(): Date {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  return epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : DEFAULT_DOCUMENT_DATE;
}

export async function generate(argv: GenerateArgs): Promise<void> {
  const loaded = loadBank(bankOrDefault(argv.bank));
  const bank = { ...loaded, seed: argv.seed ?? loaded.seed, locale: argv.locale ?? loaded.locale, digits: argv.digits ?? loaded.digits };
  const shard = chosenShard(argv);
  // A shard does its students only, in its own folder; merge puts the shards together.
  const roster = chooseStudents(argv);
  const everyone = shard ? Array.from(roster) : [];
  const students = shard ? everyone.filter((student) => belongsTo(shard)(student.id)) : roster;
  const out = shard ? join(argv.out, shardFolderName(shard)) : argv.out;
  const formats = formatList(argv.format, FORMATS);
  const documents = documentFormats(formats);
  refusePersianDigitsInLtrPdf({ digits: bank.digits, locale: bank.locale, pdf: documents.includes('pdf') });
  const tooLarge = classSizeRefusal(bank, students, documents, argv.out);
  if (tooLarge) throw new UsageError(`${argv.count !== undefined ? '--count' : argv.roster}: ${tooLarge}`);
  // Checked before anything is drawn or written: a stale sheet must not stay beside fresh ones.
  // The class key's volumes are known once the class is drawn: until then a class key
  // file no earlier run recorded counts as one this run may not write again (refused).
  const manifest = new OutputManifest(out, GENERATE_PLACES);
  const planned = new Set([...VARIANT_FILES, ...documentFiles(documents.length > 0 ? Array.from(students, (s) => s.id) : [], documents)]);
  let left: string[];
  try {
    left = manifest.check(planned, argv.force);
  } catch (error) {
    throw error instanceof OutputFolderError ? new UsageError(error.message) : error;
  }
  // Sheets and keys are put in place one by one as they are made.
  manifest.willWrite(planned);

  // Started before the variants are drawn, so the threads load MathJax and fonts meanwhile.
  const threads = argv.workers ?? defaultThreads(students.length, bank.problems.length);
  const renderer: Renderer | null = documents.length > 0 ? createRenderer(documents.includes('pdf') ? threads : 1) : null;
  try {
    const progress = progressBar('variants', students.length);
    // Records are kept only for the documents: without them the class streams to disk.
    const result = await writeVariants(bank, students, out, (done) => progress.update(done), argv.workers, { keepRecords: renderer !== null });
    progress.stop();
    for (const warning of result.warnings) console.error(`warning: ${warning}`);
    // A shard leaves the class key to the merge.
    const classKey = renderer && !shard ? classKeyVolumes(studentBytes(byStudent(result.variants))) : [];
    for (const file of classKeyFiles(classKey, documents)) planned.add(file);
    manifest.willWrite(planned);
    for (const file of left.filter((path) => !planned.has(path))) console.error(`warning: ${join(out, file)} left in place (--force): no earlier run recorded it`);
    const files = [...result.files];
    if (renderer) {
      const bar = progressBar('documents', 2 * students.length + classKey.length);
      const rendered = await renderSet(setInfoOf(bank), result.variants, out, {
        formats: documents,
        renderer,
        templates: argv.templates,
        math: argv.math,
        date: documentDate(),
        classKey,
        fields: argv.fields,
        onProgress: (done) => bar.update(done),
      });
      bar.stop();
      for (const warning of rendered.warnings) console.error(`warning: ${warning}`);
      const keyFiles = classKeyFiles(classKey, ['pdf']).map((file) => `${out}/${file.replace(/\.pdf$/, '.*')}`);
      files.push(`${rendered.files.length} document(s) in ${out}/problems, ${out}/keys${keyFiles.length > 0 ? ` and ${shortList(keyFiles)}` : ''}`);
    }
    const removed = manifest.commit(planned);
    if (shard) {
      const { templates, math } = argv;
      await writeGenerateShard({ folder: out, shard, bank, roster: everyone, students: students as Student[], set: setInfoOf(bank), parts: result.parts, documents, templates, math, date: documentDate() });
      files.push(`shard manifest ${join(out, 'shard.generate.json')} (merge with \`sigmax merge --out DIR ${argv.out}\`)`);
    }
    if (removed.length > 0) files.push(`${removed.length} file(s) of the earlier run removed (${shortList(removed)})`);
    console.log(`${bank.file}: ${students.length} student(s) × ${bank.problems.length} problem(s) → ${files.join(', ')}`);
  } finally {
    await renderer?.close();
  }
}
