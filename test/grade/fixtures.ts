import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll } from 'vitest';
import type { Locale } from '../../src/bank/bank.js';
import type { ProblemTolerance } from '../../src/tolerance/tolerance.js';
import { type D, answerText } from '../../src/engine/decimal.js';
import { familyNamed } from '../../src/families/index.js';
import { roundingBands } from '../../src/families/rounding-bands.js';
import { Solution } from '../../src/families/solution.js';
import type { Given } from '../../src/families/types.js';
import { gradeClass } from '../../src/grade/grade-class.js';
import type { Gradebook } from '../../src/grade/gradebook.js';
import { VARIANT_SCHEMA, type VariantRecord, variantLine } from '../../src/variant/record.js';

const made: string[] = [];
/** A fresh folder, removed when the test file is done. */
export const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'sigmax-grade-'));
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export interface VariantSpec {
  student?: string;
  problem?: string;
  family: string;
  given: Given;
  tolerance?: ProblemTolerance;
  points?: number;
  /** The variants file's language (default en). */
  locale?: Locale;
}

export const DEFAULT_TEST_TOLERANCE: ProblemTolerance = { rel: 0.01, abs: 1e-6 };

/** A variants.jsonl record built like generate builds it, for hand-picked givens. */
export function variant(spec: VariantSpec): { record: VariantRecord; solution: Solution } {
  const family = familyNamed(spec.family)!;
  const solution = new Solution(family.solve(spec.given));
  const tolerance = spec.tolerance ?? DEFAULT_TEST_TOLERANCE;
  const bands = roundingBands(tolerance, solution);
  const record: VariantRecord = {
    schema: VARIANT_SCHEMA,
    set: 'test-set',
    locale: spec.locale ?? 'en',
    student: spec.student ?? 's1',
    name: '',
    problem: spec.problem ?? 'q1',
    family: spec.family,
    seed: 'fixed',
    points: spec.points ?? 10,
    tolerance,
    ...(bands && { bands }),
    sigfigs: 4,
    catalogue: family.misconceptions?.version,
    given: spec.given,
    answers: solution.toJson(),
  };
  return { record, solution };
}

/** Every key answer as text (a student who copied the key). */
export function keyAnswers(solution: Solution): Record<string, string> {
  return Object.fromEntries(solution.partIds.map((id) => [id, answerText(solution.value(id))]));
}

/** A Markdown file without its front matter. */
export const markdownBody = (markdown: string) => markdown.replace(/^---\n[\s\S]*?\n---\n\n/, '');

/** A long-layout submissions CSV. */
export function longCsv(rows: readonly (readonly [string, string, string, string])[]): string {
  const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
  return ['student,problem,part,answer', ...rows.map((row) => row.map(quote).join(','))].join('\n') + '\n';
}

/** One student's answers for one problem as long rows. */
export function answerRows(answers: Record<string, string>, student = 's1', problem = 'q1') {
  return Object.entries(answers).map(([part, answer]) => [student, problem, part, answer] as const);
}

export type DetailRow = Record<
  'student' | 'problem' | 'part' | 'submitted' | 'expected' | 'score' | 'max' | 'verdict' | 'feedback',
  string
>;

export interface Graded {
  dir: string;
  summary: Awaited<ReturnType<typeof gradeClass>>;
  details: DetailRow[];
  /** details by part id (the first problem's, or `problem/part` when asked). */
  part: (partId: string, problem?: string, student?: string) => DetailRow;
  grades: Record<string, string>[];
  rejected: Record<string, string>[];
  read: (file: string) => string;
}

/** Writes variants and submissions into a fresh folder and grades them. */
export async function grade(
  records: readonly VariantRecord[],
  submissions: string,
  options: { ecfCredit?: D; misconceptionCredit?: D; locale?: Locale; workers?: number; missingAsZero?: boolean; gradebooks?: Gradebook[] } = {},
): Promise<Graded> {
  const dir = tempDir();
  writeFileSync(join(dir, 'variants.jsonl'), records.map(variantLine).join(''));
  writeFileSync(join(dir, 'submissions.csv'), submissions);
  // Only what the test sets overrides the records' own credit, as on the command line.
  const credits = {
    ...(options.ecfCredit && { ecf: options.ecfCredit }),
    ...(options.misconceptionCredit && { misconception: options.misconceptionCredit }),
  };
  const summary = await gradeClass({
    variants: join(dir, 'variants.jsonl'),
    submissions: join(dir, 'submissions.csv'),
    out: join(dir, 'out'),
    credits,
    ...(options.locale ? { locale: options.locale } : {}),
    ...(options.workers ? { workers: options.workers } : {}),
    ...(options.missingAsZero ? { missingAsZero: true } : {}),
    ...(options.gradebooks ? { gradebooks: options.gradebooks } : {}),
  });
  const read = (file: string) => readFileSync(join(dir, 'out', file), 'utf8');
  const csv = (file: string) => parse(read(file), { columns: true, bom: true }) as Record<string, string>[];
  const details = csv('details.csv') as DetailRow[];
  return {
    dir,
    summary,
    details,
    part: (partId, problem = records[0]!.problem, student = records[0]!.student) => {
      const row = details.find((d) => d.part === partId && d.problem === problem && d.student === student);
      if (!row) throw new Error(`no details row for ${student}/${problem}/${partId}`);
      return row;
    },
    grades: csv('grades.csv'),
    rejected: csv('rejected.csv'),
    read,
  };
}
