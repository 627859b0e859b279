// Every document of a set: per student a problem sheet and a worked key,
// and the instructor's class key, as PDF and/or Markdown.
import { join } from 'node:path';
import type { OutputPlaces } from '../io/output-manifest.js';
import type { VariantRecord } from '../variant/record.js';
import { VARIANT_FILES } from '../variant/write-variants.js';
import type { MathMode } from './pdf/render-pdf.js';
import type { OutputFormat, RenderJob } from './render-job.js';
import type { Renderer } from './render-pool.js';
import type { SetInfo, StudentInfo } from './sheet-context.js';
import { templateFolders } from './template-folders.js';

/** A fixed date for PDFs when none is given (SOURCE_DATE_EPOCH in the CLI): never the clock. */
export const DEFAULT_DOCUMENT_DATE = new Date(Date.UTC(2000, 0, 1));

/** Where each document goes in --out, without its extension: the class key, each student's sheet and key. */
const CLASS_KEY = 'key';
const sheetOf = (student: string) => `problems/${student}`;
const keyOf = (student: string) => `keys/${student}`;

/**
 * Which documents of a set to make: all of them; only the students' sheets and keys
 * (a shard of the class); or only the class key (made when the shards are merged).
 */
export type DocumentChoice = 'all' | 'students' | 'class-key';

/** Every document file of a set, relative to --out: what renderSet writes for these students and formats. */
export function documentFiles(students: readonly string[], formats: readonly OutputFormat[], which: DocumentChoice = 'all'): string[] {
  const bases = [
    ...(which === 'students' ? [] : [CLASS_KEY]),
    ...(which === 'class-key' ? [] : students.flatMap((id) => [sheetOf(id), keyOf(id)])),
  ];
  return bases.flatMap((base) => formats.map((format) => `${base}.${format}`));
}

/** Whether a path relative to --out is one of the documents renderSet writes (for any students and formats). */
export const isDocumentFile = (path: string): boolean => /^(key|(problems|keys)\/[^/]+)\.(pdf|md)$/.test(path);
export const DOCUMENT_FOLDERS = ['problems', 'keys'] as const;

/** What generate writes into --out (and merge, putting generate's shards together): the variants, the answer sheet and the documents. */
export const GENERATE_PLACES: OutputPlaces = {
  command: 'generate',
  owns: (path) => (VARIANT_FILES as readonly string[]).includes(path) || isDocumentFile(path),
  folders: DOCUMENT_FOLDERS,
};

export interface RenderSetOptions {
  formats: OutputFormat[];
  renderer: Renderer;
  /** A folder of templates searched before the built-in ones. */
  templates?: string | undefined;
  math?: MathMode;
  date?: Date;
  /** Default: all. */
  which?: DocumentChoice;
  /** Problem sheets as fillable PDFs, an answer box per part (default); false for plain sheets to print. */
  fields?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface RenderSetResult {
  files: string[];
  warnings: string[];
  pages: number;
}

/** Records grouped by student, in the order students were drawn. */
export function byStudent(records: readonly VariantRecord[]): { student: StudentInfo; records: VariantRecord[] }[] {
  const groups = new Map<string, { student: StudentInfo; records: VariantRecord[] }>();
  for (const record of records) {
    let group = groups.get(record.student);
    if (!group) {
      group = { student: { id: record.student, name: record.name }, records: [] };
      groups.set(record.student, group);
    }
    group.records.push(record);
  }
  return [...groups.values()];
}

export async function renderSet(set: SetInfo, records: readonly VariantRecord[], outDir: string, options: RenderSetOptions): Promise<RenderSetResult> {
  const students = byStudent(records);
  const base = {
    set,
    formats: options.formats,
    templateFolders: templateFolders(set.locale, options.templates),
    math: options.math ?? 'typeset',
    date: (options.date ?? DEFAULT_DOCUMENT_DATE).toISOString(),
    fields: options.fields ?? true,
  };
  const which = options.which ?? 'all';
  // The class key is the longest job: start it first so it does not finish last alone.
  const jobs: RenderJob[] = [
    ...(which === 'students' ? [] : [{ ...base, kind: 'class-key' as const, students, outBase: join(outDir, CLASS_KEY) }]),
    ...(which === 'class-key' ? [] : students).flatMap(({ student, records: own }) => [
      { ...base, kind: 'sheet' as const, students: [{ student, records: own }], outBase: join(outDir, sheetOf(student.id)) },
      { ...base, kind: 'key' as const, students: [{ student, records: own }], outBase: join(outDir, keyOf(student.id)) },
    ]),
  ];
  let done = 0;
  const results = await options.renderer.renderAll(jobs, () => options.onProgress?.(++done, jobs.length));
  return {
    files: results.flatMap((r) => r.files),
    warnings: [...new Set(results.flatMap((r) => r.warnings))],
    pages: results.reduce((sum, r) => sum + r.pages, 0),
  };
}
