import { join } from 'node:path';
import type { Argv } from 'yargs';
import { DIGITS, LOCALES } from '../bank/bank.js';
import { loadGiven } from '../bank/given-file.js';
import { FAMILIES, familyNamed } from '../families/index.js';
import { Solution } from '../families/solution.js';
import { writeFileAtomic } from '../io/atomic-file.js';
import { writeWorkedSolution } from '../render/worked-solution.js';
import { UsageError, documentFormats, formatList, refusePersianDigitsInLtrPdf } from './usage-error.js';

const SOLVE_FORMATS = ['json', 'pdf', 'md'];

export function solveOptions(yargs: Argv) {
  return yargs
    .option('family', { type: 'string', demandOption: true, describe: `one of ${[...FAMILIES.keys()].join(', ')}` })
    .option('given', { type: 'string', demandOption: true, describe: 'the given values (JSON)' })
    .option('out', { type: 'string', default: 'out/solve', describe: 'output folder' })
    .option('format', { type: 'string', default: 'json', describe: 'comma list of json, pdf, md' })
    .option('templates', { type: 'string', describe: 'folder of templates used before the built-in ones' })
    .option('locale', { choices: LOCALES, default: 'en' as const, describe: 'language of the worked solution' })
    .option('digits', { choices: DIGITS, default: 'latin' as const, describe: 'digits of numbers in prose, latin or persian' })
    .check((argv) => {
      const formats = formatList(argv.format, SOLVE_FORMATS);
      refusePersianDigitsInLtrPdf({ digits: argv.digits, locale: argv.locale, pdf: formats.includes('pdf') });
      if (!familyNamed(argv.family)) {
        throw new UsageError(`--family: expected one of ${[...FAMILIES.keys()].join(', ')}, got "${argv.family}"`);
      }
      return true;
    });
}

type SolveArgs = Awaited<ReturnType<typeof solveOptions>['argv']>;

/** The answers (and worked solution) for numbers an instructor chose. */
export async function solve(argv: SolveArgs): Promise<void> {
  const family = familyNamed(argv.family)!;
  const { given, defaulted } = loadGiven(argv.given, family);
  for (const note of defaulted) console.error(`note: ${argv.given}: ${note} (not in the file; the family's default)`);
  const solution = new Solution(family.solve(given));
  const answers = solution.toJson();
  const path = join(argv.out, 'solution.json');
  // solution.json is always written: it is what the worked solution shows.
  writeFileAtomic(path, `${readableJson({ family: family.name, given, answers })}\n`);
  const formats = formatList(argv.format, SOLVE_FORMATS);
  const documents = documentFormats(formats);
  const written = [path];
  if (documents.length > 0) {
    await writeWorkedSolution(
      { family: family.name, given, answers },
      { formats: documents, outBase: join(argv.out, 'solution'), templates: argv.templates, locale: argv.locale, digits: argv.digits },
    );
    written.push(...documents.map((f) => join(argv.out, `solution.${f}`)));
  }
  console.log(`${argv.given}: ${family.name}, ${solution.partIds.length} parts → ${written.join(', ')}`);
}

/** Indented JSON with each vector of numbers on one line, so a matrix reads as rows. */
function readableJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/\[\s+("[^"\]]*"(?:,\s+"[^"\]]*")*)\s+\]/g, (_, items: string) =>
    `[${items.split(/,\s+/).join(', ')}]`,
  );
}
