// `sigmax export`: every student's variants drawn as `generate` draws them
// (variants.jsonl, the record a later regrade reads, is written too), then
// written as LMS files: moodle.xml and/or canvas-qti.zip, each atomically.
import { join } from 'node:path';
import type { Bank } from '../bank/bank.js';
import { InputError } from '../bank/errors.js';
import type { Student } from '../bank/roster.js';
import { writeFileAtomic } from '../io/atomic-file.js';
import { setInfoOf } from '../render/sheet-context.js';
import { templateFolders } from '../render/template-folders.js';
import { loadTemplates } from '../render/template-set.js';
import { writeVariants } from '../variant/write-variants.js';
import { canvasQtiZip } from './canvas-qti.js';
import { intervalWarnings, lmsProblems } from './lms-problems.js';
import { moodleXml } from './moodle-xml.js';
import { SlotNotPrinted } from './question-html.js';
import { NotXmlText } from './xml-writer.js';

export const EXPORT_FORMATS = ['moodle', 'qti12'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_FILES: Readonly<Record<ExportFormat, string>> = { moodle: 'moodle.xml', qti12: 'canvas-qti.zip' };

export interface ExportOptions {
  formats: readonly ExportFormat[];
  /** A folder of templates searched before the built-in ones. */
  templates?: string | undefined;
  onProgress?: (done: number) => void;
}

export async function exportSet(bank: Bank, students: readonly Student[], outDir: string, options: ExportOptions): Promise<{ files: string[]; warnings: string[] }> {
  const drawn = await writeVariants(bank, students, outDir, options.onProgress);
  const set = setInfoOf(bank);
  const templates = loadTemplates(templateFolders(set.locale, options.templates));
  const problems = lmsProblems(bank.problems, drawn.variants);
  const warnings = [...drawn.warnings, ...intervalWarnings(problems)];
  const files = [...drawn.files];
  for (const format of options.formats) {
    const path = join(outDir, EXPORT_FILES[format]);
    try {
      if (format === 'moodle') {
        const moodle = moodleXml(templates, set, problems);
        writeFileAtomic(path, moodle.xml);
        warnings.push(...moodle.warnings);
      } else {
        writeFileAtomic(path, canvasQtiZip(templates, set, problems));
      }
    } catch (error) {
      // A title or name with a control character: the bank's (or the roster's) text, not a fault of the export.
      if (error instanceof NotXmlText) throw InputError.at({ file: bank.file }, `a title or name cannot go into ${EXPORT_FILES[format]}: ${error.message}`);
      if (error instanceof SlotNotPrinted) throw InputError.at({ file: options.templates ?? 'templates' }, error.message);
      throw error;
    }
    files.push(path);
  }
  return { files, warnings };
}
