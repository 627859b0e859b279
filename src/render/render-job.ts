// One document to write: a student's problem sheet or key, or the class
// key, as PDF and/or Markdown. Runs the same in a worker thread or inline.
import { RTL_LOCALES } from '../bank/bank.js';
import type { VariantRecord } from '../variant/record.js';
import { writeFileAtomic } from '../io/atomic-file.js';
import type { ClassKeyVolume } from './class-key-volumes.js';
import { type StudentDocument, classKeyMarkdown, studentMarkdown, volumeNumbers } from './compose-markdown.js';
import { DEFAULT_LAYOUT, type FrontMatterValue, withFrontMatter, withSiteFields } from '../text/front-matter.js';
import { withoutFieldMarks } from './markdown/field-marks.js';
import { parseMarkdown } from './markdown/markdown-blocks.js';
import { FONT_ROLES, fontFor, missingGlyphs } from './pdf/fonts.js';
import { needsBidi } from './pdf/needs-bidi.js';
import { type MathMode, mathSetterFor, renderPdf } from './pdf/render-pdf.js';
import { type SetInfo, type StudentInfo, sheetIdOf } from './sheet-context.js';
import { type TemplateSet, loadTemplates } from './template-set.js';

export type DocumentKind = StudentDocument | 'class-key';
export type OutputFormat = 'pdf' | 'md';

/** Plain data only: a job is cloned into a worker thread. */
export interface RenderJob {
  kind: DocumentKind;
  set: SetInfo;
  /** One student for a sheet or key; the class key's students (the whole class, or its volume's). */
  students: { student: StudentInfo; records: VariantRecord[] }[];
  /** The class key's volume, which says on every page which students of the class it holds. */
  volume?: ClassKeyVolume;
  formats: OutputFormat[];
  /** Output path without extension, e.g. out/problems/s001. */
  outBase: string;
  templateFolders: string[];
  math: MathMode;
  /** ISO date written into the PDF (never the clock: equal input, equal bytes). */
  date: string;
  /** A problem sheet's PDF gets a form field in each answer box (false: a plain sheet for paper). */
  fields?: boolean;
}

export interface RenderResult {
  files: string[];
  pages: number;
  warnings: string[];
}

/** Document titles and the footer's "Sheet", by locale; English for a locale without its own. */
interface LocaleWords {
  titles: Record<DocumentKind, string>;
  sheet: string;
  /** Page footer, "page {page} of {count}" when absent. */
  pageLabel?: string;
  /** After the class key's title, for a class key in volumes. */
  volume: string;
}

const WORDS: Record<string, LocaleWords> = {
  en: {
    titles: { sheet: 'Problem sheet', key: 'Worked solutions', 'class-key': 'Instructor key', solution: 'Worked solution' },
    sheet: 'Sheet',
    volume: 'volume {number} of {of}: students {first}–{last} of {total}',
  },
  ro: {
    titles: { sheet: 'Fișă de probleme', key: 'Rezolvări complete', 'class-key': 'Barem pentru profesor', solution: 'Rezolvare completă' },
    sheet: 'Fișa',
    pageLabel: 'pagina {page} din {count}',
    volume: 'volumul {number} din {of}: studenții {first}–{last} din {total}',
  },
  fa: {
    titles: { sheet: 'برگهٔ تمرین', key: 'حل کامل', 'class-key': 'کلید استاد', solution: 'حل کامل' },
    sheet: 'برگه',
    pageLabel: 'صفحهٔ {page} از {count}',
    volume: 'جلد {number} از {of}: دانشجویان {first} تا {last} از {total}',
  },
};


// Templates compiled once per thread and folder list.
const templateCache = new Map<string, TemplateSet>();

function templatesFor(folders: readonly string[]): TemplateSet {
  const key = folders.join('\u0000');
  let set = templateCache.get(key);
  if (!set) {
    set = loadTemplates(folders);
    templateCache.set(key, set);
  }
  return set;
}

/** Loads what every PDF needs (MathJax, the parsed fonts), so the first document does not wait for it. */
export async function warmUp(): Promise<void> {
  await mathSetterFor('typeset');
  for (const role of FONT_ROLES) fontFor(role).layout('warm up 0123456789');
}

/** The class key's title, with the volume and its students when the class key is in volumes. */
function classKeyTitle(job: RenderJob, words: LocaleWords): string {
  const { volume } = job;
  if (!volume || volume.of === 1) return words.titles['class-key'];
  const numbers = volumeNumbers(volume, job.set);
  const separator = RTL_LOCALES.has(job.set.locale) ? '، ' : ', ';
  return `${words.titles['class-key']}${separator}${words.volume.replace(/\{(\w+)\}/g, (_, name: keyof typeof numbers) => numbers[name])}`;
}

/** Who a document is for: a student (name, id, sheet id), or, in the document's language, the instructor or a worked solution. */
function reader(job: RenderJob, words: LocaleWords): { name: string; id: string; sheetId: string | null; label: string } {
  const { titles } = words;
  const only = job.students[0];
  if (job.kind === 'class-key' || !only) {
    const title = classKeyTitle(job, words);
    return { name: '', id: title, sheetId: null, label: title };
  }
  if (job.kind === 'solution') return { name: '', id: titles.solution, sheetId: null, label: titles.solution };
  const { name, id } = only.student;
  return { name, id, sheetId: sheetIdOf(only.records), label: name ? `${name} (${id})` : id };
}

export async function runRenderJob(job: RenderJob): Promise<RenderResult> {
  const templates = templatesFor(job.templateFolders);
  const only = job.students[0]!;
  const markdown =
    job.kind === 'class-key'
      ? classKeyMarkdown(templates, job.set, job.students, job.volume)
      : studentMarkdown(templates, job.kind, job.set, only.student, only.records);
  // A fillable sheet's PDF is laid out from its own text: the instructions say where to type, the answer cells hold boxes.
  const fillable = job.kind === 'sheet' && job.fields === true;
  const pdfMarkdown = fillable ? studentMarkdown(templates, 'sheet', job.set, only.student, only.records, { fields: true }) : markdown;
  const words = WORDS[job.set.locale] ?? WORDS.en!;
  const who = reader(job, words);
  // A volume of the class key says which in its title too (one volume: the title it always had).
  const inVolumes = job.kind === 'class-key' && job.volume !== undefined && job.volume.of > 1;
  const title = `${job.set.title}: ${inVolumes ? who.label : words.titles[job.kind]}`;
  const files: string[] = [];
  const warnings: string[] = [];
  let pages = 0;

  if (job.formats.includes('md')) {
    const path = `${job.outBase}.md`;
    const front: Record<string, FrontMatterValue> = { title, set: job.set.id, layout: DEFAULT_LAYOUT };
    if (RTL_LOCALES.has(job.set.locale)) front.dir = 'rtl';
    if (who.sheetId) Object.assign(front, { student: who.id, name: who.name, sheet: who.sheetId });
    writeFileAtomic(path, withFrontMatter(markdown, withSiteFields(front, job.set.site)));
    files.push(path);
  }
  if (job.formats.includes('pdf')) {
    const footer = `${who.sheetId ? `${words.sheet} ${who.sheetId}` : job.set.id} · ${words.titles[job.kind]}`;
    const rtl = RTL_LOCALES.has(job.set.locale);
    const direction = rtl ? 'rtl' : 'ltr';
    const pdf = await renderPdf(
      parseMarkdown(pdfMarkdown),
      {
        title: job.set.title,
        name: who.name,
        id: who.id,
        footer,
        ...(words.pageLabel ? { pageLabel: words.pageLabel } : {}),
        ...(job.set.digits === 'persian' ? { digits: job.set.digits } : {}),
      },
      {
        title: inVolumes ? title : `${title} (${who.label})`,
        author: 'sigmax',
        subject: footer,
        date: new Date(job.date),
        ...(fillable && who.sheetId ? { sheet: { set: job.set.id, student: who.id, sheet: who.sheetId } } : {}),
      },
      job.math,
      direction,
    );
    const path = `${job.outBase}.pdf`;
    writeFileAtomic(path, pdf.bytes);
    files.push(path);
    pages = pdf.pages;
    warnings.push(...pdf.mathErrors.map((e) => `${path}: TeX error: ${e}`));
    const text = withoutFieldMarks(pdfMarkdown).replace(/\$\$[^$]*\$\$|\$[^$]*\$/g, '');
    const bidi = rtl || needsBidi(text);
    const missing = bidi ? (await import('./pdf/bidi-inline-layout.js')).missingBidiGlyphs(text, direction) : missingGlyphs('regular', text);
    if (missing.length > 0) warnings.push(`${path}: no glyph in ${bidi ? 'Vazirmatn or DejaVu Sans' : 'DejaVu Sans'} for ${missing.join(' ')}`);
  }
  return { files, pages, warnings };
}
