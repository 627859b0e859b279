import type { Credit } from '../bank/credit.js';
import type { PartPoints } from '../bank/part-points.js';
import type { Locale } from '../bank/bank.js';
import type { Bands, ProblemTolerance } from '../tolerance/tolerance.js';
import type { AnswerJson } from '../families/solution.js';
import type { Given } from '../families/types.js';
import type { SiteFields } from '../text/front-matter.js';

export const VARIANT_SCHEMA = 'sigmax.variant/1';

/** One line of variants.jsonl: what a student was given and the exact key. Grading reads only this. */
export interface VariantRecord {
  schema: typeof VARIANT_SCHEMA;
  set: string;
  /** Language of the sheets, and so of the grading feedback (the bank's or `generate --locale`); absent in older files: en. */
  locale: Locale;
  /** Written only when the set prints prose numbers in Persian digits (the bank's `digits`, or `generate --digits`): the class report follows it. */
  digits?: 'persian';
  student: string;
  name: string;
  /** The roster's LMS identity of the student (written only when the roster gives it): the gradebook files and Moodle's responses report match by it. */
  idnumber?: string;
  email?: string;
  username?: string;
  problem: string;
  family: string;
  seed: string;
  points: number;
  /** The bank's points for named parts (written only when it sets them). */
  part_points?: PartPoints;
  /** The bank's credit for ecf and misconception answers (written only when it sets it). */
  credit?: Credit;
  /** The bank's front matter for a course site (written only when it sets it), for the feedback and report too. */
  site?: SiteFields;
  tolerance: ProblemTolerance;
  /** Each carried_rounding part's band (written only when some part's tolerance is carried_rounding). */
  bands?: Bands;
  sigfigs: number;
  /** Version of the family's misconception catalogue the variant was checked against (kept unambiguous). */
  catalogue?: string | undefined;
  given: Given;
  answers: AnswerJson;
}

export function variantLine(record: VariantRecord): string {
  return `${JSON.stringify(record)}\n`;
}
