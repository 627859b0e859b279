import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { D } from '../../src/engine/decimal.js';
import type { Solution } from '../../src/families/solution.js';
import { gradeClass } from '../../src/grade/grade-class.js';
import { clozeResponse } from '../../src/grade/moodle-report-format.js';
import type { DetailRow } from './fixtures.js';
import { type ExportedClass, clozeSummary, exportClass, moodleCsv, reportHeader, rowLines } from './moodle-report.js';

const NAMES: Record<string, [string, string, string, string]> = {
  s001: ['Pop', 'Ana', '1001', 'ana@uni.example'],
  s002: ['Ion', 'Bogdan', '1002', 'bogdan@uni.example'],
  s003: ['Dinu', 'Carla', '1003', 'carla@uni.example'],
  s004: ['Mihai', 'Dan', '1004', 'dan@uni.example'],
  s005: ['Stan', 'Elena', '1005', 'elena@uni.example'],
};

/** What a student types for a value: eight significant figures. */
const typed = (x: D) => x.toSignificantDigits(8).toString();
const keysOf = (solution: Solution) => solution.partIds.map((id) => typed(solution.value(id)));
/** Rounded to 4 significant figures and typed with a decimal comma, as a site with `,` as decimal separator takes it. */
const roundedOf = (solution: Solution) => solution.partIds.map((id) => solution.value(id).toSignificantDigits(4).toString().replace('.', ','));
/** z off by 0.3, every later part worked on from it (the slip carried forward). */
function slipOf(solution: Solution): string[] {
  const own = new Map<string, D>([['z', solution.value('z').plus('0.3')]]);
  for (const id of solution.partIds.slice(1)) own.set(id, solution.recompute(id, own)!);
  return solution.partIds.map((id) => typed(own.get(id) ?? solution.value('z').plus('0.3')));
}
/** The update with the wrong sign: w + lr·dw = 2w − w_new, b likewise. */
function signErrorOf(solution: Solution, given: Record<string, unknown>): string[] {
  const w = given.w as string[];
  return solution.partIds.map((id) => {
    const key = solution.value(id);
    const weight = /^w_new\[(\d)\]$/.exec(id);
    if (weight) return typed(new D(w[Number(weight[1]) - 1]!).times(2).minus(key));
    if (id === 'b_new') return typed(new D(given.b as string).times(2).minus(key));
    return typed(key);
  });
}

interface Attempt {
  student: string;
  state?: string;
  /** Per problem: the answers typed (blank parts ''), and whose variant the random question drew (default: the student's own). */
  q1: string[];
  q2: string[];
  drew?: { q1?: string; q2?: string };
  identity?: boolean;
}

function reportRow(c: ExportedClass, a: Attempt, identity = true): string[] {
  const [last, first, idnumber, email] = NAMES[a.student]!;
  const q1Owner = a.drew?.q1 ?? a.student;
  const q2Owner = a.drew?.q2 ?? a.student;
  const right = (owner: string, problem: string) => clozeSummary(keysOf(c.solution(owner, problem)));
  return [
    last,
    first,
    ...(identity ? [idnumber, email] : []),
    a.state ?? 'Finished',
    '3 March 2025  10:02 AM',
    '3 March 2025  10:41 AM',
    '39 mins 5 secs',
    '6.50',
    c.questionCell(q1Owner, 'q1'),
    clozeSummary(a.q1),
    right(q1Owner, 'q1'),
    c.questionCell(q2Owner, 'q2'),
    clozeSummary(a.q2),
    right(q2Owner, 'q2'),
  ];
}

async function gradeReport(c: ExportedClass, rows: string[][], name: string, options: { gradebook?: ('moodle' | 'canvas')[] } = {}) {
  const file = join(c.dir, `${name}.csv`);
  writeFileSync(file, moodleCsv(rows));
  const out = join(c.dir, `graded-${name}`);
  const summary = await gradeClass({ variants: c.variantsFile, submissions: file, out, ...options });
  const csv = (f: string) => parse(readFileSync(join(out, f), 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
  const details = csv('details.csv') as DetailRow[];
  const detail = (student: string, problem: string, part: string) => details.find((d) => d.student === student && d.problem === problem && d.part === part)!;
  return { summary, details, detail, grades: csv('grades.csv'), rejected: csv('rejected.csv'), out };
}

describe('grading a Moodle quiz responses report', () => {
  let c: ExportedClass;
  beforeAll(async () => {
    c = await exportClass();
  });

  it('grades five students — right, rounded, a slip carried forward, a sign error, blank — to their verdicts', async () => {
    const sol = (s: string, p: string) => c.solution(s, p);
    const attempts: Attempt[] = [
      { student: 's001', q1: keysOf(sol('s001', 'q1')), q2: keysOf(sol('s001', 'q2')) },
      { student: 's002', q1: roundedOf(sol('s002', 'q1')), q2: roundedOf(sol('s002', 'q2')) },
      { student: 's003', q1: slipOf(sol('s003', 'q1')), q2: keysOf(sol('s003', 'q2')) },
      { student: 's004', q1: signErrorOf(sol('s004', 'q1'), c.record('s004', 'q1').given), q2: keysOf(sol('s004', 'q2')) },
      { student: 's005', q1: sol('s005', 'q1').partIds.map(() => ''), q2: sol('s005', 'q2').partIds.map(() => '') },
    ];
    const rows = [reportHeader(2), ...attempts.map((a) => reportRow(c, a))];
    rows[5]![13] = '-'; // s005 never touched q2: Moodle saved no response for it (q1's boxes were typed in and emptied)
    const graded = await gradeReport(c, rows, 'five');
    expect(graded.summary).toMatchObject({ layout: 'moodle', rowsRead: 5, rowsGraded: 5, rowsRejected: 0, noSubmission: 1 });
    const verdicts = (student: string, problem: string) =>
      graded.details.filter((d) => d.student === student && d.problem === problem).map((d) => `${d.part}:${d.verdict}`);
    const all = (student: string, problem: string, verdict: string) => sol(student, problem).partIds.map((id) => `${id}:${verdict}`);

    expect(verdicts('s001', 'q1')).toEqual(all('s001', 'q1', 'correct'));
    expect(verdicts('s002', 'q1')).toEqual(all('s002', 'q1', 'correct'));
    expect(verdicts('s002', 'q2')).toEqual(all('s002', 'q2', 'correct'));
    expect(graded.detail('s002', 'q1', 'yhat').submitted).toMatch(/^0,\d{4}$/);
    expect(verdicts('s003', 'q1')).toEqual(['z:incorrect', ...sol('s003', 'q1').partIds.slice(1).map((id) => `${id}:ecf`)]);
    const sign = verdicts('s004', 'q1');
    expect(sign.filter((v) => v.endsWith(':misconception'))).toEqual(['w_new[1]:misconception', 'w_new[2]:misconception', 'b_new:misconception']);
    expect(sign.filter((v) => v.endsWith(':correct'))).toHaveLength(sign.length - 3);
    expect(graded.detail('s004', 'q1', 'w_new[1]').feedback).toContain('update-sign');
    expect(verdicts('s005', 'q1')).toEqual(all('s005', 'q1', 'missing'));
    expect(verdicts('s005', 'q2')).toEqual(all('s005', 'q2', 'missing'));

    const grades = Object.fromEntries(graded.grades.map((g) => [g.student, g]));
    expect(grades.s001).toMatchObject({ q1: '10', q2: '10', total: '20', max: '20' });
    expect(grades.s002).toMatchObject({ q1: '10', q2: '10', total: '20' });
    expect(grades.s003).toMatchObject({ q1: '9', q2: '10', total: '19' });
    expect(grades.s004).toMatchObject({ q1: '7', q2: '10', total: '17' });
    expect(grades.s005).toMatchObject({ q1: '', q2: '', total: '', max: '20' });
    expect(readFileSync(join(graded.out, 'report.md'), 'utf8')).toContain('(Moodle responses report): 5 rows read, 5 graded, 0 rejected');
  });

  it('grades the last finished attempt and refuses the others, each row with its reason', async () => {
    const keys = (s: string) => ({ q1: keysOf(c.solution(s, 'q1')), q2: keysOf(c.solution(s, 'q2')) });
    const wrong = { q1: c.solution('s001', 'q1').partIds.map(() => '1'), q2: c.solution('s001', 'q2').partIds.map(() => '1') };
    const rows = [
      reportHeader(2),
      reportRow(c, { student: 's001', ...wrong }),
      reportRow(c, { student: 's001', ...keys('s001') }),
      reportRow(c, { student: 's002', ...keys('s002'), state: 'In progress' }),
      [...NAMES.s003!, '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-'],
      reportRow(c, { student: 's004', ...keys('s004'), state: 'Overdue' }),
    ];
    const graded = await gradeReport(c, rows, 'attempts');
    const line = rowLines(rows).map(String);
    expect(graded.summary).toMatchObject({ rowsRead: 5, rowsGraded: 1, rowsRejected: 4 });
    expect(graded.rejected.map((r) => [r.line, r.student, r.reason])).toEqual([
      [line[1], 's001', `earlier attempt: the last finished attempt, on line ${line[2]}, is graded`],
      [line[3], 's002', 'attempt not finished (state "In progress")'],
      [line[4], 's003', 'no attempt'],
      [line[5], 's004', 'attempt not finished (state "Overdue")'],
    ]);
    expect(graded.details.filter((d) => d.student === 's001').every((d) => d.verdict === 'correct')).toBe(true);
    expect(graded.summary.notes.join('\n')).toContain('1 earlier finished attempt(s) not graded');
  });

  it("grades an answer to another student's variant (a random question) against that variant", async () => {
    const rows = [
      reportHeader(2),
      reportRow(c, { student: 's001', drew: { q1: 's002' }, q1: keysOf(c.solution('s002', 'q1')), q2: keysOf(c.solution('s001', 'q2')) }),
    ];
    const graded = await gradeReport(c, rows, 'random');
    const yhat = graded.detail('s001', 'q1', 'yhat');
    expect(yhat.verdict).toBe('correct');
    expect(yhat.expected).toBe((c.record('s002', 'q1').answers as Record<string, string>).yhat);
    expect(graded.details.filter((d) => d.student === 's001').every((d) => d.verdict === 'correct')).toBe(true);
    expect(graded.summary.notes.join('\n')).toContain("1 question(s) drew another student's variant");
  });

  it('without identity columns gives an attempt to its sheets’ owner, and refuses one whose questions come from two students', async () => {
    const rows = [
      reportHeader(2, []),
      reportRow(c, { student: 's003', q1: keysOf(c.solution('s003', 'q1')), q2: keysOf(c.solution('s003', 'q2')) }, false),
      reportRow(c, { student: 's001', drew: { q2: 's002' }, q1: keysOf(c.solution('s001', 'q1')), q2: keysOf(c.solution('s002', 'q2')) }, false),
    ];
    const graded = await gradeReport(c, rows, 'owners');
    expect(graded.summary).toMatchObject({ rowsRead: 2, rowsGraded: 1, rowsRejected: 1 });
    expect(graded.details.filter((d) => d.student === 's003').every((d) => d.verdict === 'correct')).toBe(true);
    expect(graded.rejected[0]).toMatchObject({ line: String(rowLines(rows)[2]), student: 'Pop Ana' });
    expect(graded.rejected[0]!.reason).toMatch(/^its questions come from the sheets of different students \(s001, s002\)/);
  });

  it('reads "All tries": the attempt\'s rows together, each question\'s last try graded', async () => {
    const partsOf = (p: string) => c.solution('s002', p).partIds;
    const first = reportRow(c, { student: 's002', q1: partsOf('q1').map(() => '9'), q2: partsOf('q2').map(() => '9') });
    const last = reportRow(c, { student: 's002', q1: keysOf(c.solution('s002', 'q1')), q2: [] });
    first[4] = ''; // the state is on the attempt's last row only
    first[3] = 'bogdan@uni.example';
    last[3] = ''; // the email on the first try only
    last[13] = '-'; // q2 was tried once: no second try
    const graded = await gradeReport(c, [reportHeader(2), first, last], 'tries');
    expect(graded.summary).toMatchObject({ rowsRead: 2, rowsGraded: 2, rowsRejected: 0 });
    expect(graded.detail('s002', 'q1', 'z').verdict).toBe('correct');
    expect(graded.detail('s002', 'q2', 'loss').submitted).toBe('9');
    expect(graded.summary.notes.join('\n')).toContain('"All tries"');
  });

  it("finds the student by a Username that is the roster's student id (Moodle 3's Surname and State columns)", async () => {
    const plain = await exportClass(undefined, 'student_id,name\napop,Ana Pop\nbion,Bogdan Ion\n');
    const header = reportHeader(2, ['Username']).map((name) => (name === 'Last name' ? 'Surname' : name));
    const row = (user: string, drawn: string) => [
      'Pop', 'Ana', user, 'Finished', '-', '-', '-', '-',
      plain.questionCell(drawn, 'q1'), clozeSummary(keysOf(plain.solution(drawn, 'q1'))), '',
      plain.questionCell(drawn, 'q2'), clozeSummary(keysOf(plain.solution(drawn, 'q2'))), '',
    ];
    const graded = await gradeReport(plain, [header, row('APOP', 'bion'), row('nobody', 'apop')], 'usernames');
    expect(graded.summary).toMatchObject({ rowsRead: 2, rowsGraded: 1, rowsRejected: 1 });
    expect(graded.details.filter((d) => d.student === 'apop').every((d) => d.verdict === 'correct')).toBe(true);
    expect(graded.rejected[0]).toMatchObject({ student: 'Pop Ana <nobody>', reason: 'unknown student: its Username match no student of the variants file' });
  });

  it('refuses a report downloaded without the question text, saying which option to tick', async () => {
    const file = join(c.dir, 'no-text.csv');
    writeFileSync(file, moodleCsv([['Last name', 'First name', 'State', 'Response 1'], ['Pop', 'Ana', 'Finished', 'part 1: 1']]));
    await expect(gradeClass({ variants: c.variantsFile, submissions: file, out: join(c.dir, 'x') })).rejects.toThrow(
      /no-text\.csv:1: header: a Moodle responses report without the question text: .*"question text" ticked under "Show the"/,
    );
  });
});

describe('reading a cloze response summary', () => {
  it('splits the parts in order, keeping blank parts and what was typed', () => {
    expect(clozeResponse('part 1: 0,5; part 2: ; part 3: -1.2e-3')).toEqual({ kind: 'parts', answers: ['0,5', '', '-1.2e-3'] });
    expect(clozeResponse('part 1: ; part 2:')).toEqual({ kind: 'parts', answers: ['', ''] });
    expect(clozeResponse('partie 1 : 0,5; partie 2 : 7')).toEqual({ kind: 'parts', answers: ['0,5', '7'] });
    expect(clozeResponse('part 1: a; b; part 2: c')).toEqual({ kind: 'parts', answers: ['a; b', 'c'] });
  });

  it('tells an empty cell from a response that is no cloze summary', () => {
    expect(clozeResponse('-')).toEqual({ kind: 'none' });
    expect(clozeResponse('  ')).toEqual({ kind: 'none' });
    expect(clozeResponse('0.5')).toEqual({ kind: 'other' });
  });
});
