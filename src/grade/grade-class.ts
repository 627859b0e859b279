import { D } from '../engine/decimal.js';
import { csvLine, studentCell } from './csv-line.js';
import { type GradedProblem, feedbackMarkdown, points } from './feedback.js';
import { FormulaGraphs } from './formula-graph.js';
import { type Credits, DEFAULT_CREDITS, gradeVariant } from './grade-variant.js';
import { GradeOutputs } from './output-folder.js';
import { readSubmissions } from './read-submissions.js';
import { GradeTally, reportMarkdown } from './report.js';
import { type VariantIndex, loadVariants } from './variant-index.js';

export interface GradeOptions {
  variants: string;
  submissions: string;
  out: string;
  credits?: Credits;
  /** Called after each student is graded (a progress bar; a test may throw from it to interrupt). */
  onStudent?: (done: number, total: number) => void;
}

export interface GradeSummary {
  layout: 'long' | 'wide';
  rowsRead: number;
  rowsGraded: number;
  rowsRejected: number;
  students: number;
  variants: number;
  feedbackFiles: number;
  /** Said to the user: refused file names, ignored columns, catalogue changes. */
  notes: string[];
  files: string[];
}

const DETAILS_HEADER = ['student', 'problem', 'part', 'submitted', 'expected', 'score', 'max', 'verdict', 'feedback'];
const REJECTED_HEADER = ['line', 'student', 'problem', 'part', 'answer', 'reason'];

/**
 * Grades a class: reads the variants record (never regenerating), streams
 * the submissions into it, grades every (student, problem, part) and writes
 * details.csv, grades.csv, rejected.csv, report.md and feedback/, all
 * atomically. Bad submission rows are rejected with a reason, not errors.
 */
export async function gradeClass(options: GradeOptions): Promise<GradeSummary> {
  const index = await loadVariants(options.variants);
  const credits = options.credits ?? DEFAULT_CREDITS;
  const outputs = new GradeOutputs(options.out);
  try {
    outputs.rejected.write(csvLine(REJECTED_HEADER));
    const counts = await readSubmissions(options.submissions, index, (row) =>
      outputs.rejected.write(
        csvLine([String(row.line), ...[row.student, row.problem, row.part, row.answer].map(studentCell), row.reason]),
      ),
    );
    const notes = catalogueNotes(index);
    if (counts.ignoredColumns.length > 0) {
      const shown = counts.ignoredColumns.slice(0, 10).map((c) => JSON.stringify(c));
      notes.push(`columns ignored: ${shown.join(', ')}${counts.ignoredColumns.length > 10 ? ', …' : ''}`);
    }
    if (counts.ignoredCells > 0) {
      notes.push(`${counts.ignoredCells} answer cell(s) ignored: for a problem or part the student was not given`);
    }

    const tally = new GradeTally();
    const gradeRows: string[] = [csvLine(['student', ...index.problems, 'total', 'max'])];
    const graphs = new FormulaGraphs();
    outputs.details.write(csvLine(DETAILS_HEADER));
    let done = 0;
    for (const [student, byProblem] of index.students) {
      const graded: GradedProblem[] = [];
      for (const slot of byProblem.values()) {
        const results = gradeVariant(slot, graphs, credits);
        const max = new D(slot.points);
        const share = max.div(Math.max(1, results.length));
        const earned = share.times(results.reduce((sum, r) => sum.plus(r.credit), new D(0)));
        const [studentText, shareText] = [studentCell(student), points(share)];
        for (const r of results) {
          tally.addPart(slot.problem, r);
          outputs.details.write(
            csvLine([
              studentText,
              slot.problem,
              r.partId,
              studentCell(r.submitted),
              r.expected,
              r.credit.eq(1) ? shareText : points(share.times(r.credit)),
              shareText,
              r.verdict,
              studentCell(r.feedback),
            ]),
          );
        }
        tally.addVariant(slot.problem, earned, max);
        graded.push({ slot, results, earned, max });
      }
      const total = graded.reduce((sum, p) => sum.plus(p.earned), new D(0));
      const max = graded.reduce((sum, p) => sum.plus(p.max), new D(0));
      tally.addStudent(total, max);
      const cells = index.problems.map((problem) => {
        const found = graded.find((p) => p.slot.problem === problem);
        return found ? points(found.earned) : '';
      });
      gradeRows.push(csvLine([studentCell(student), ...cells, points(total), points(max)]));
      const refused = outputs.writeFeedback(student, feedbackMarkdown(student, graded[0]?.slot.name ?? '', graded));
      if (refused) notes.push(refused);
      options.onStudent?.(++done, index.students.size);
    }

    const report = reportMarkdown(tally, {
      set: index.set,
      variantsFile: options.variants,
      submissionsFile: options.submissions,
      layout: counts.layout,
      rowsRead: counts.read,
      rowsGraded: counts.graded,
      rowsRejected: counts.rejected,
      students: index.students.size,
      notes,
    });
    const files = outputs.commit({ grades: gradeRows.join(''), report });
    return {
      layout: counts.layout,
      rowsRead: counts.read,
      rowsGraded: counts.graded,
      rowsRejected: counts.rejected,
      students: index.students.size,
      variants: index.variantCount,
      feedbackFiles: outputs.feedbackCount,
      notes,
      files,
    };
  } catch (error) {
    outputs.abort();
    throw error;
  }
}

/** Variants checked against another misconception catalogue than the one grading uses. */
function catalogueNotes(index: VariantIndex): string[] {
  const differing = new Map<string, number>();
  for (const byProblem of index.students.values()) {
    for (const slot of byProblem.values()) {
      const current = slot.family.misconceptions?.version;
      if (slot.catalogue !== undefined && current !== undefined && slot.catalogue !== current) {
        const key = `${slot.catalogue} → ${current}`;
        differing.set(key, (differing.get(key) ?? 0) + 1);
      }
    }
  }
  return [...differing].map(
    ([change, n]) => `${n} variant(s) were generated with misconception catalogue ${change.replace(' → ', '; grading uses ')}`,
  );
}
