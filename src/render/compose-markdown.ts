// Templates + records → the Markdown (with TeX) of a problem sheet, a worked
// key, and the instructor's class key. The PDF is laid out from exactly this
// text, and --format md writes it as it is (with front matter).
import { RTL_LOCALES } from '../bank/bank.js';
import type { VariantRecord } from '../variant/record.js';
import type { ClassKeyVolume } from './class-key-volumes.js';
import { persianDigits, withPersianDigits } from './prose-digits.js';
import { isolateCodeSpans } from './rtl-markdown.js';
import { type DocumentOptions, type SetInfo, type StudentInfo, asTypedIn, documentContext, problemContext, sheetIdOf } from './sheet-context.js';
import type { TemplateSet } from './template-set.js';

/** A student's problem sheet or worked key, or the worked solution `sigmax solve` writes. */
export type StudentDocument = 'sheet' | 'key' | 'solution';

export function studentMarkdown(
  templates: TemplateSet,
  kind: StudentDocument,
  set: SetInfo,
  student: StudentInfo,
  records: readonly VariantRecord[],
  options: DocumentOptions = {},
): string {
  const context = documentContext(set, student, records, kind === 'sheet' ? options : {});
  for (const problem of context.problems) {
    problem.body = templates.family(problem.family, kind === 'sheet' ? 'problem' : 'solution')(problem).trim();
  }
  return finished(set, tidy(templates.document(kind)(context)));
}

/** The class key, or one volume of it (`volume`: which, and which students of the class it holds). */
export function classKeyMarkdown(
  templates: TemplateSet,
  set: SetInfo,
  students: readonly { student: StudentInfo; records: readonly VariantRecord[] }[],
  volume?: ClassKeyVolume,
): string {
  const asTyped = asTypedIn(set);
  const context = {
    set: { id: asTyped(set.id), title: asTyped(set.title) },
    studentCount: students.length,
    // null for a class key of one volume: the template writes what it always wrote.
    volume: volume && volume.of > 1 ? volumeNumbers(volume, set) : null,
    students: students.map(({ student, records }) => {
      const doc = documentContext(set, student, records);
      return {
        ...doc.student,
        sheetId: asTyped(sheetIdOf(records)),
        problems: doc.problems,
      };
    }),
  };
  return finished(set, tidy(templates.document('class-key')(context)));
}

/** A volume's numbers as the document prints them: grouped as the locale groups them, in Persian digits where the set prints prose so. */
export function volumeNumbers(volume: ClassKeyVolume, set: Pick<SetInfo, 'locale' | 'digits'>): Record<'number' | 'of' | 'first' | 'last' | 'total', string> {
  const grouping = set.locale === 'ro' ? 'ro-RO' : 'en-US';
  const shown = (n: number) => {
    const latin = n.toLocaleString(grouping);
    // ٬ is the Persian thousands separator, as ٫ is its decimal one.
    return set.digits === 'persian' ? persianDigits(latin.replaceAll(',', '٬')) : latin;
  };
  return {
    number: shown(volume.number),
    of: shown(volume.of),
    first: shown(volume.first + 1),
    last: shown(volume.first + volume.count),
    total: shown(volume.total),
  };
}

/** One problem of one student's variant, as an LMS asks it. */
export interface LmsQuestion {
  set: SetInfo;
  /** The student's sheet id: it lets a response be traced to its variant. */
  sheetId: string;
  record: VariantRecord;
  /** The problem's position in the set, 1-based. */
  number: number;
}

/** What one LMS question shows: the statement or not, and the answer rows of some parts, each with its answer box. */
export interface LmsQuestionContent {
  statement: boolean;
  parts: readonly { id: string; slot: string }[];
}

/**
 * An LMS question (`sigmax export`) as Markdown: with `statement`, the
 * family's problem statement and the rounding rule; then an answer row for
 * each of `parts`, where the template prints its `slot`.
 */
export function lmsQuestionMarkdown(templates: TemplateSet, question: LmsQuestion, content: LmsQuestionContent): string {
  const { set, sheetId, record, number } = question;
  const asTyped = asTypedIn(set);
  const problem = problemContext(record, number, set);
  problem.body = content.statement ? templates.family(problem.family, 'problem')(problem).trim() : '';
  const slots = new Map(content.parts.map((part) => [part.id, part.slot]));
  const context = {
    set: { id: asTyped(set.id), title: asTyped(set.title) },
    sheetId: asTyped(sheetId),
    statement: content.statement,
    problem,
    parts: problem.parts.filter((part) => slots.has(part.id)).map((part) => ({ ...part, slot: slots.get(part.id)! })),
  };
  return finished(set, tidy(templates.document('lms-question')(context)));
}

/** Prose numbers in the set's digits (formulas keep Latin digits either way); code spans isolated in a right-to-left set. */
function finished(set: SetInfo, markdown: string): string {
  const digits = set.digits === 'persian' ? withPersianDigits(markdown) : markdown;
  return RTL_LOCALES.has(set.locale) ? isolateCodeSpans(digits) : digits;
}

/** Templates leave runs of blank lines where sections are skipped: one blank line is enough in Markdown. */
function tidy(markdown: string): string {
  return `${markdown.replace(/[ \t]+$/gm, '').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}
