// The worked solution of one exercise outside any set: what `sigmax solve`
// can write as solution.pdf / solution.md for numbers an instructor chose.
import type { Digits, Locale } from '../bank/bank.js';
import type { AnswerJson } from '../families/solution.js';
import type { Given } from '../families/types.js';
import { VARIANT_SCHEMA, type VariantRecord } from '../variant/record.js';
import { type OutputFormat, type RenderResult, runRenderJob } from './render-job.js';
import { DEFAULT_DOCUMENT_DATE } from './render-set.js';
import { templateFolders } from './template-folders.js';

export interface WorkedSolutionOptions {
  formats: OutputFormat[];
  /** Output path without extension, e.g. out/solve/solution. */
  outBase: string;
  title?: string;
  sigfigs?: number;
  locale?: Locale;
  /** Numbers in prose with Persian digits; Latin by default. */
  digits?: Digits;
  templates?: string;
  date?: Date;
}

export function writeWorkedSolution(
  solved: { family: string; given: Given; answers: AnswerJson },
  options: WorkedSolutionOptions,
): Promise<RenderResult> {
  const title = options.title ?? solved.family;
  const locale = options.locale ?? 'en';
  const record: VariantRecord = {
    schema: VARIANT_SCHEMA,
    set: 'solve',
    locale,
    student: 'solution',
    name: '',
    problem: 'solution',
    family: solved.family,
    seed: '',
    points: 0,
    tolerance: { rel: 0.01, abs: 1e-8 },
    sigfigs: options.sigfigs ?? 4,
    given: solved.given,
    answers: solved.answers,
  };
  return runRenderJob({
    kind: 'solution',
    set: { id: 'solve', title, locale, digits: options.digits ?? 'latin', problemTitles: { solution: title } },
    students: [{ student: { id: 'solution', name: '' }, records: [record] }],
    formats: options.formats,
    outBase: options.outBase,
    templateFolders: templateFolders(locale, options.templates),
    math: 'typeset',
    date: (options.date ?? DEFAULT_DOCUMENT_DATE).toISOString(),
  });
}
