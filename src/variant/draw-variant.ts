import type { Bank, Problem } from '../bank/bank.js';
import { InputError } from '../bank/errors.js';
import { PartPointsError, pointsPerPart } from '../bank/part-points.js';
import type { Student } from '../bank/roster.js';
import { Solution } from '../families/solution.js';
import type { Given, GivenValue } from '../families/types.js';
import { roundingBands } from '../families/rounding-bands.js';
import { type Confusion, confusableMisconception } from '../families/unambiguous.js';
import type { Bands } from '../tolerance/tolerance.js';
import { streamFor, variantSeed } from '../random/stream.js';
import { VARIANT_SCHEMA, type VariantRecord } from './record.js';

/** Redraws before a problem's settings are declared unable to give a sound variant. */
const MAX_ATTEMPTS = 200;

export interface DrawnVariant {
  record: VariantRecord;
  solution: Solution;
  /** Said once per problem: e.g. a pinned variant that is degenerate. */
  warning: string | null;
}

/** The given values a param supplies (lr, epochs, mode, ...), as text. */
function givensFromParams(problem: Problem): Record<string, GivenValue> {
  const out: Record<string, GivenValue> = {};
  for (const [name, spec] of Object.entries(problem.family.givens)) {
    if (spec.fromParam) out[name] = String(problem.params[name]);
  }
  return out;
}

/** Puts the givens in the family's declared order, so records read the same way every time. */
function ordered(problem: Problem, given: Record<string, GivenValue>): Given {
  return Object.fromEntries(Object.keys(problem.family.givens).map((name) => [name, given[name]!]));
}

/**
 * One student's variant of one problem: drawn from the stream of
 * (course seed, set, problem, student), redrawn while degenerate or while a
 * catalogued misconception's answer lies within tolerance of the key (grading
 * could not tell them apart), solved exactly.
 */
export function drawVariant(bank: Bank, problem: Problem, student: Student): DrawnVariant {
  const { family } = problem;
  const seed = variantSeed(bank.seed, bank.id, problem.id, student.id);
  const rng = streamFor(seed);
  const fixed = { ...givensFromParams(problem), ...problem.pins };
  const allPinned = Object.keys(family.givens).every((name) => name in fixed);
  const place = { file: bank.file, line: problem.line };

  let given: Given | null = null;
  let solved: Solution | null = null;
  let bands: Bands | undefined;
  let warning: string | null = null;
  let lastFlaw = '';
  for (let attempt = 0; attempt < MAX_ATTEMPTS && given === null; attempt++) {
    const candidate = ordered(problem, { ...family.draw(rng, problem.params), ...fixed });
    const invalid = family.checkGiven?.(candidate);
    if (invalid) throw InputError.at({ ...place, field: `${problem.id}.given.${invalid.field}` }, invalid.message);
    const reason = family.degenerate(candidate);
    let flaw = reason ? `degenerate (${reason})` : null;
    let candidateSolution: Solution | null = null;
    let candidateBands: Bands | undefined;
    if (!flaw) {
      candidateSolution = new Solution(family.solve(candidate));
      candidateBands = roundingBands(problem.tolerance, candidateSolution);
      const confusion = confusableMisconception(family, candidate, candidateSolution, problem.tolerance, candidateBands);
      if (confusion) flaw = `ambiguous (${describeConfusion(confusion)})`;
    }
    if (!flaw) [given, solved, bands] = [candidate, candidateSolution, candidateBands];
    else if (allPinned) {
      [given, solved, bands] = [candidate, candidateSolution, candidateBands];
      warning = `${problem.id}: the pinned variant is ${flaw}; kept as pinned`;
    }
    lastFlaw = flaw ?? '';
  }
  if (given === null) {
    throw InputError.at(
      { ...place, field: problem.id },
      `no sound variant in ${MAX_ATTEMPTS} draws; the pinned values or ranges leave too little room (the last draw was ${lastFlaw})`,
    );
  }

  const solution = solved ?? new Solution(family.solve(given));
  for (const partId of Object.keys(problem.tolerance.parts ?? {})) {
    if (!solution.partIds.includes(partId)) {
      throw InputError.at(
        { ...place, field: `${problem.id}.tolerance.parts.${partId}` },
        `unknown part; expected one of ${solution.partIds.join(', ')}`,
      );
    }
  }
  bands ??= roundingBands(problem.tolerance, solution);
  checkPartPoints(problem, solution.partIds, place);
  const record: VariantRecord = {
    schema: VARIANT_SCHEMA,
    set: bank.id,
    locale: bank.locale,
    ...(bank.digits === 'persian' && { digits: bank.digits }),
    student: student.id,
    name: student.name,
    ...(student.idnumber && { idnumber: student.idnumber }),
    ...(student.email && { email: student.email }),
    ...(student.username && { username: student.username }),
    problem: problem.id,
    family: family.name,
    seed,
    points: problem.points,
    ...(problem.partPoints && { part_points: problem.partPoints }),
    ...(problem.credit && { credit: problem.credit }),
    ...(bank.site && { site: bank.site }),
    tolerance: problem.tolerance,
    ...(bands && { bands }),
    sigfigs: problem.sigfigs,
    catalogue: family.misconceptions?.version,
    given,
    answers: solution.toJson(),
  };
  return { record, solution, warning };
}

/** The bank's part points must name parts of the problem and fit its points (file:line: field: message otherwise). */
function checkPartPoints(problem: Problem, partIds: readonly string[], place: { file: string; line: number | undefined }) {
  if (!problem.partPoints) return;
  try {
    pointsPerPart(problem.points, partIds, problem.partPoints);
  } catch (error) {
    if (!(error instanceof PartPointsError)) throw error;
    const field = `${problem.id}.part_points${error.key === undefined ? '' : `.${error.key}`}`;
    throw InputError.at({ ...place, field }, error.message);
  }
}

function describeConfusion({ partId, misconception, wrong }: Confusion): string {
  return `${partId}: the ${misconception} answer ${wrong.toSignificantDigits(4).toString()} lies within tolerance of the key`;
}
