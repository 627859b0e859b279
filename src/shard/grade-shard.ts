// A grade shard: the class graded for this shard's students only, into
// --out/shard-i-of-n, with beside its files the keys of every chunk, each
// student's share of the report's counts, and the manifest.
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../bank/errors.js';
import type { ClassPart } from '../grade/class-part.js';
import { type GradeOptions, type GradeSummary, gradeClass } from '../grade/grade-class.js';
import { feedbackRefusal } from '../grade/output-folder.js';
import type { KeyCheckMode } from '../grade/check-keys.js';
import type { Gradebook } from '../grade/gradebook.js';
import { writeFileAtomic } from '../io/atomic-file.js';
import { gzipLinesFile } from './gzip-lines.js';
import { ChunkIndex } from './keyed-pieces.js';
import { belongsTo } from './shard-of.js';
import { hashFile, writeShardManifest } from './shard-manifest.js';
import { type ShardSpec, shardFolderName } from './shard-spec.js';
import { type TallyJson, tallyToJson } from './tally-json.js';

/** The files whose chunks a grade shard keys, and each one's index beside it. */
export const CHUNKED = ['details', 'grades', 'rejected'] as const;
export const csvOf = (file: (typeof CHUNKED)[number]) => `${file}.csv`;
export const indexOf = (file: (typeof CHUNKED)[number]) => `${file}.csv.index`;
/** Each student's share of the report's counts, gzipped JSON lines in the order they were finished. */
export const GRADE_STUDENTS = 'students.grade.jsonl.gz';
/** Each feedback file's SHA-256: JSON lines `["id", "sha256"]`. */
export const FEEDBACK_HASHES = 'feedback.sha256.jsonl';

/** One line of the students piece: a student as the shard finished them. */
export interface GradedStudent {
  /** The variants line of their last variant: single runs finish students in this order. */
  at: number;
  id: string;
  tally: TallyJson;
  notes: string[];
}

/** What every grade shard of one run shares; the merge checks it is equal in all. */
export interface GradeRun {
  variants: { file: string; sha256: string };
  submissions: { file: string; sha256: string };
  settings: {
    locale: string | null;
    ecf: string | null;
    misconception: string | null;
    missingAsZero: boolean;
    /** Written by the merge, from the whole class's grades. */
    gradebooks: readonly Gradebook[];
    keyCheck: KeyCheckMode;
  };
  /** What reading the whole inputs gave (the same in every shard: each reads them whole). */
  read: {
    set: string;
    locale: string;
    digits: string;
    layout: string;
    rowsRead: number;
    students: number;
    site: unknown;
    catalogue: readonly string[];
    keysUnchecked: string | null;
    localeNote: string | null;
    /** What the submissions' reader said of them as a whole. */
    reader: readonly string[];
    ignoredColumns: readonly string[];
    problems: readonly string[];
  };
}

/** Grades shard `shard` of the class into --out/shard-i-of-n; the rows of no student go to shard 1. */
export async function gradeShard(options: Omit<GradeOptions, 'part'>, shard: ShardSpec): Promise<{ summary: GradeSummary; folder: string }> {
  const folder = join(options.out, shardFolderName(shard));
  const owns = belongsTo(shard);
  const indexes = { details: new ChunkIndex(), grades: new ChunkIndex(), rejected: new ChunkIndex() };
  const tallies = gzipLinesFile(join(folder, GRADE_STUDENTS));
  const ids: string[] = [];
  const part: ClassPart = {
    owns: (student: string | null) => (student === null ? shard.index === 1 : owns(student)),
    chunk: (file, key, text) => indexes[file].add(key, text),
    studentTallied: (id, at, tally, notes) => {
      ids.push(id);
      tallies.write(`${JSON.stringify({ at, id, tally: tallyToJson(tally), notes: [...notes] } satisfies GradedStudent)}\n`);
    },
  };
  // Hashed first: a file that changes while it is graded is not the file the manifest names.
  const [variants, submissions] = [hashInput(options.variants), hashInput(options.submissions)];
  let summary: GradeSummary;
  try {
    summary = await gradeClass({ ...options, out: folder, part });
    tallies.commit();
  } catch (error) {
    tallies.abort();
    throw error;
  }

  for (const file of CHUNKED) writeFileAtomic(join(folder, indexOf(file)), indexes[file].text());
  const feedback = ids.filter((id) => feedbackRefusal(id) === null).map((id) => `${JSON.stringify([id, hashFile(join(folder, 'feedback', `${id}.md`)).sha256])}\n`);
  writeFileAtomic(join(folder, FEEDBACK_HASHES), feedback.join(''));

  const { header, reading } = summary;
  const run: GradeRun = {
    variants: { file: options.variants, sha256: variants },
    submissions: { file: options.submissions, sha256: submissions },
    settings: {
      locale: options.locale ?? null,
      ecf: options.credits?.ecf?.toString() ?? null,
      misconception: options.credits?.misconception?.toString() ?? null,
      missingAsZero: options.missingAsZero === true,
      gradebooks: options.gradebooks ?? [],
      keyCheck: options.keyCheck ?? 'screen',
    },
    read: {
      set: summary.set,
      locale: summary.locale,
      digits: summary.digits,
      layout: summary.layout,
      rowsRead: summary.rowsRead,
      students: header.students,
      site: header.site ?? null,
      catalogue: reading.catalogue,
      keysUnchecked: reading.keysUnchecked,
      localeNote: reading.locale,
      reader: reading.reader,
      ignoredColumns: reading.ignoredColumns,
      problems: summary.problems,
    },
  };
  const own = {
    students: summary.students,
    variants: summary.variants,
    rowsGraded: summary.rowsGraded,
    rowsRejected: summary.rowsRejected,
    rowsElsewhere: summary.rowsElsewhere,
    ignoredCells: reading.ignoredCells,
    feedbackFiles: summary.feedbackFiles,
  };
  writeShardManifest(
    folder,
    { command: 'grade', shard: { index: shard.index, count: shard.count }, run: run as unknown as Record<string, unknown>, own },
    [...CHUNKED.map(csvOf), ...CHUNKED.map(indexOf), GRADE_STUDENTS, FEEDBACK_HASHES],
  );
  return { summary, folder };
}

/** SHA-256 of an input: a file's bytes, or a folder's files (names and contents, in name order). */
function hashInput(path: string): string {
  try {
    if (!statSync(path).isDirectory()) return hashFile(path).sha256;
    const hash = createHash('sha256');
    for (const name of readdirSync(path).sort()) hash.update(`${JSON.stringify(name)}:${hashInput(join(path, name))}\n`);
    return hash.digest('hex');
  } catch (error) {
    throw error instanceof InputError ? error : InputError.unreadable(path, error);
  }
}
