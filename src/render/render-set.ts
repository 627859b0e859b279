// Every document of a set: per student a problem sheet and a worked key,
// and the instructor's class key, as PDF and/or Markdown.
import { join } from 'node:path';
import type { OutputPlaces } from '../io/output-manifest.js';
import type { VariantRecord } from '../variant/record.js';
import { VARIANT_FILES } from '../variant/write-variants.js';
import { type ClassKeyVolume, isClassKeyFile } from './class-key-volumes.js';
import type { MathMode } from './pdf/render-pdf.js';
import type { OutputFormat, RenderJob, RenderResult } from './render-job.js';
import type { Renderer } from './render-pool.js';
import type { SetInfo, StudentInfo } from './sheet-context.js';
import { templateFolders } from './template-folders.js';

/** A fixed date for PDFs when none is given (SOURCE_DATE_EPOCH in the CLI): never the clock. */
export const DEFAULT_DOCUMENT_DATE = new Date(Date.UTC(2000, 0, 1));

/** Where each student's documents go in --out, without their extension (the class key's volumes: class-key-volumes.ts). */
const sheetOf = (student: string) => `problems/${student}`;
const keyOf = (student: string) => `keys/${student}`;

/** Each student's sheet and key, relative to --out: what renderSet writes for these students and formats. */
export function documentFiles(students: readonly string[], formats: readonly OutputFormat[]): string[] {
  return students.flatMap((id) => [sheetOf(id), keyOf(id)]).flatMap((base) => formats.map((format) => `${base}.${format}`));
}

/** The class key's files, relative to --out: key.pdf, or key-1-of-3.pdf, key-2-of-3.pdf, … */
export function classKeyFiles(volumes: readonly ClassKeyVolume[], formats: readonly OutputFormat[]): string[] {
  return volumes.flatMap(({ base }) => formats.map((format) => `${base}.${format}`));
}

/** Whether a path relative to --out is one of the documents renderSet writes (for any students, formats and volumes). */
export const isDocumentFile = (path: string): boolean => isClassKeyFile(path) || /^(problems|keys)\/[^/]+\.(pdf|md)$/.test(path);
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
  /**
   * The class key's volumes to render (classKeyVolumes of the same students), first,
   * each a job of its own; none in a shard, whose class key the merge renders.
   */
  classKey: readonly ClassKeyVolume[];
  /** Problem sheets as fillable PDFs, an answer box per part (default); false for plain sheets to print. */
  fields?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface RenderSetResult {
  files: string[];
  warnings: string[];
  pages: number;
}

type StudentRecords = { student: StudentInfo; records: VariantRecord[] };

/** Records grouped by student, in the order students were drawn. */
export function byStudent(records: readonly VariantRecord[]): StudentRecords[] {
  const groups = new Map<string, StudentRecords>();
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

/** What every job of a set shares. */
type JobBase = Omit<RenderJob, 'kind' | 'students' | 'outBase' | 'volume'>;

function jobBase(set: SetInfo, options: Omit<RenderSetOptions, 'renderer' | 'classKey'>): JobBase {
  return {
    set,
    formats: options.formats,
    templateFolders: templateFolders(set.locale, options.templates),
    math: options.math ?? 'typeset',
    date: (options.date ?? DEFAULT_DOCUMENT_DATE).toISOString(),
    fields: options.fields ?? true,
  };
}

const classKeyJob = (base: JobBase, volume: ClassKeyVolume, students: StudentRecords[], outDir: string): RenderJob => ({
  ...base,
  kind: 'class-key',
  students,
  volume,
  outBase: join(outDir, volume.base),
});

/** The files, warnings and pages of rendered jobs. */
function summed(results: readonly RenderResult[]): RenderSetResult {
  return {
    files: results.flatMap((r) => r.files),
    warnings: [...new Set(results.flatMap((r) => r.warnings))],
    pages: results.reduce((sum, r) => sum + r.pages, 0),
  };
}

export async function renderSet(set: SetInfo, records: readonly VariantRecord[], outDir: string, options: RenderSetOptions): Promise<RenderSetResult> {
  const students = byStudent(records);
  const base = jobBase(set, options);
  // The class key's volumes are the longest jobs: start them first so they do not finish last alone.
  const jobs: RenderJob[] = [
    ...options.classKey.map((volume) => classKeyJob(base, volume, students.slice(volume.first, volume.first + volume.count), outDir)),
    ...students.flatMap(({ student, records: own }) => [
      { ...base, kind: 'sheet' as const, students: [{ student, records: own }], outBase: join(outDir, sheetOf(student.id)) },
      { ...base, kind: 'key' as const, students: [{ student, records: own }], outBase: join(outDir, keyOf(student.id)) },
    ]),
  ];
  let done = 0;
  return summed(await options.renderer.renderAll(jobs, () => options.onProgress?.(++done, jobs.length)));
}

/**
 * The class key alone (the merge of shards), a volume after another: each volume's
 * students are read from `records` (in the class's order) when its turn comes, so
 * only one volume's records are held at a time.
 */
export async function renderClassKey(
  set: SetInfo,
  records: AsyncIterable<VariantRecord>,
  outDir: string,
  options: Omit<RenderSetOptions, 'fields' | 'onProgress'>,
): Promise<RenderSetResult> {
  const base = jobBase(set, options);
  const students = consecutiveStudents(records)[Symbol.asyncIterator]();
  const results: RenderResult[] = [];
  for (const volume of options.classKey) {
    const own: StudentRecords[] = [];
    while (own.length < volume.count) {
      const next = await students.next();
      if (next.done) throw new Error(`the records end at student ${volume.first + own.length} of ${volume.total}, inside ${volume.base}`);
      own.push(next.value);
    }
    results.push(...(await options.renderer.renderAll([classKeyJob(base, volume, own, outDir)], () => {})));
  }
  const last = options.classKey.at(-1);
  if (last && !(await students.next()).done) throw new Error(`the records hold more than the ${last.total} students of ${last.base}`);
  return summed(results);
}

/** Records grouped by student as they come (a student's records follow one another). */
async function* consecutiveStudents(records: AsyncIterable<VariantRecord>): AsyncGenerator<StudentRecords> {
  let group = null as StudentRecords | null;
  for await (const record of records) {
    if (group?.student.id === record.student) group.records.push(record);
    else {
      if (group) yield group;
      group = { student: { id: record.student, name: record.name }, records: [record] };
    }
  }
  if (group) yield group;
}
