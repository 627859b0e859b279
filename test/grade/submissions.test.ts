import { describe, expect, it } from 'vitest';
import { answerText } from '../../src/engine/decimal.js';
import { InputError } from '../../src/bank/errors.js';
import { grade, variant } from './fixtures.js';

const stepGiven = { x: ['1.5', '-0.5'], w: ['0.8', '0.4'], b: '-0.2', y: '0', lr: '0.5' };
const s1q1 = variant({ student: 's1', problem: 'q1', family: 'sigmoid-bce-step', given: stepGiven });
const s2q1 = variant({ student: 's2', problem: 'q1', family: 'sigmoid-bce-step', given: { ...stepGiven, b: '0.3' } });
const s1q2 = variant({
  student: 's1',
  problem: 'q2',
  family: 'softmax-ce-step',
  given: { x: ['1', '-2'], y: ['0', '1'], W: [['0.5', '-0.3'], ['0.2', '0.4']], b: ['0.1', '-0.2'], lr: '0.5' },
});
const records = [s1q1.record, s1q2.record, s2q1.record];
const keyOf = (v: typeof s1q1, part: string) => answerText(v.solution.value(part));

describe('reading submissions', () => {
  it('reads the long layout: BOM, CRLF, quoted cells, extra columns ignored', async () => {
    const csv =
      '\uFEFFcomment,Student,problem,part,answer\r\n' +
      `"looks fine, I think",s1,q1,z,"0,8"\r\n` +
      `"two\r\nlines",s1,q1,yhat,${keyOf(s1q1, 'yhat')}\r\n` +
      `,s2,q1,z," 1.3 "\r\n`;
    const graded = await grade(records, csv);
    expect(graded.summary).toMatchObject({ layout: 'long', rowsRead: 3, rowsGraded: 3, rowsRejected: 0 });
    expect(graded.part('z')).toMatchObject({ verdict: 'correct', submitted: '0,8' });
    expect(graded.part('yhat').verdict).toBe('correct');
    expect(graded.part('z', 'q1', 's2').verdict).toBe('correct');
    expect(graded.summary.notes.join('\n')).toContain('"comment"');
  });

  it('reads the wide layout of answer-sheet.csv: BOM, CRLF, quoted cells, extra columns ignored', async () => {
    const csv =
      '\uFEFFname,student,q1.z,"q1.yhat",email,q2.z[1]\r\n' +
      `"Doe, Jane",s1,"0,8",${keyOf(s1q1, 'yhat')},jd@example.org,${keyOf(s1q2, 'z[1]')}\r\n` +
      'Roe,s2,1.3,,,\r\n';
    const graded = await grade(records, csv);
    expect(graded.summary).toMatchObject({ layout: 'wide', rowsRead: 2, rowsGraded: 2, rowsRejected: 0 });
    expect(graded.part('z').verdict).toBe('correct');
    expect(graded.part('yhat').verdict).toBe('correct');
    expect(graded.part('z[1]', 'q2').verdict).toBe('correct');
    expect(graded.part('yhat', 'q1', 's2').verdict).toBe('missing');
    expect(graded.summary.notes.join('\n')).toMatch(/"name".*"email"/);
  });

  it('writes a details row for every (student, problem, part) of the variants, answered or not', async () => {
    const graded = await grade(records, 'student,problem,part,answer\n');
    expect(graded.details).toHaveLength(s1q1.solution.partIds.length * 2 + s1q2.solution.partIds.length);
    expect(graded.details.every((d) => d.verdict === 'missing' && d.score === '0')).toBe(true);
    // No submission: an empty score, the max kept; --missing-as-zero gives the 0s of an attempt.
    expect(graded.grades.map((g) => [g.student, g.q1, g.q2, g.total, g.max])).toEqual([
      ['s1', '', '', '', '20'],
      ['s2', '', '', '', '10'],
    ]);
    const asZero = await grade(records, 'student,problem,part,answer\n', { missingAsZero: true });
    expect(asZero.grades.map((g) => [g.student, g.q1, g.q2, g.total, g.max])).toEqual([
      ['s1', '0', '0', '0', '20'],
      ['s2', '0', '', '0', '10'],
    ]);
    expect(asZero.read('details.csv')).toBe(graded.read('details.csv'));
  });

  it('rejects each kind of unmatched row with its reason, and counts every row read', async () => {
    const csv = [
      'student,problem,part,answer',
      's1,q1,z,0.8', // 2: graded
      's9,q1,z,0.8', // 3
      's1,q7,z,0.8', // 4
      's2,q2,z[1],1', // 5: s2 has no q2
      's1,q1,zz,0.8', // 6
      's1,q1,z,0.9', // 7: repeats line 2
      ',,,', // 8
      ',q1,z,1', // 9
      '', // an empty line is no row
      's1,q1,"yhat,0.5', // 11: a quote never closed swallows the rest
      's1,q1,loss,1',
    ].join('\n');
    const graded = await grade(records, csv);
    expect(graded.rejected.map((r) => [r.line, r.reason])).toEqual([
      ['3', 'unknown student'],
      ['4', 'unknown problem'],
      ['5', 'problem not assigned to this student'],
      ['6', 'unknown part'],
      ['7', 'duplicate (first on line 2)'],
      ['8', 'empty row'],
      ['9', 'no student id'],
      ['11', expect.stringMatching(/^not valid CSV: Quote Not Closed/)],
    ]);
    expect(graded.summary).toMatchObject({ rowsRead: 9, rowsGraded: 1, rowsRejected: 8 });
    expect(graded.part('z')).toMatchObject({ submitted: '0.8', verdict: 'correct' });
    expect(graded.read('report.md')).toContain('9 rows read, 1 graded, 8 rejected');
  });

  it('rejects unknown, duplicate and empty rows of the wide layout', async () => {
    const csv = ['student,q1.z', 's1,0.8', 's9,1', 's1,0.5', ',', ',0.3'].join('\r\n');
    const graded = await grade(records, csv);
    expect(graded.rejected.map((r) => [r.line, r.student, r.reason])).toEqual([
      ['3', 's9', 'unknown student'],
      ['4', 's1', 'duplicate (first on line 2)'],
      ['5', '', 'empty row'],
      ['6', '', 'no student id'],
    ]);
    expect(graded.summary).toMatchObject({ rowsRead: 5, rowsGraded: 1, rowsRejected: 4 });
  });

  it("reads a student id the answer sheet wrote with CSV safety's apostrophe ('-ab for -ab)", async () => {
    const dashed = variant({ student: '-ab', problem: 'q1', family: 'sigmoid-bce-step', given: stepGiven });
    const graded = await grade([dashed.record], "student,q1.z\n'-ab,0.8\n");
    expect(graded.summary).toMatchObject({ rowsGraded: 1, rowsRejected: 0 });
    expect(graded.part('z', 'q1', "'-ab").verdict).toBe('correct');
  });

  it('says when a wide cell answers a problem the student was not given', async () => {
    const graded = await grade(records, 'student,q2.z[1]\ns2,0.5\n');
    expect(graded.summary.notes.join('\n')).toContain('1 answer cell(s) ignored');
  });

  it('reads both layouts separated by ";", as Excel saves them in a decimal-comma locale', async () => {
    const long = await grade(
      records,
      '\uFEFF"Student";"problem";"part";"answer"\r\ns1;q1;z;0,8\r\ns1;q1;yhat;"' + keyOf(s1q1, 'yhat').replace('.', ',') + '"\r\n',
    );
    expect(long.summary).toMatchObject({ layout: 'long', rowsRead: 2, rowsGraded: 2, rowsRejected: 0 });
    expect(long.part('z')).toMatchObject({ verdict: 'correct', submitted: '0,8' });
    expect(long.part('yhat').verdict).toBe('correct');
    const wide = await grade(records, 'name;student;q1.z;q2.z[1]\n"Doe; Jane";s1;0,8;' + keyOf(s1q2, 'z[1]').replace('.', ',') + '\ns2;;1,3\n');
    expect(wide.summary).toMatchObject({ layout: 'wide', rowsRead: 2, rowsGraded: 1, rowsRejected: 1 });
    expect(wide.part('z[1]', 'q2').verdict).toBe('correct');
    expect(wide.rejected.map((r) => [r.line, r.reason])).toEqual([['3', 'no student id']]);
  });

  it('refuses a header of no known layout, listing the layouts, naming file, line and field and the delimiters tried', async () => {
    const attempt = grade(records, 'id,answer\ns1,0.5\n');
    await expect(attempt).rejects.toBeInstanceOf(InputError);
    await expect(attempt).rejects.toThrow(
      /submissions\.csv:1: header: expected one of the known layouts: sigmax long \(student,problem,part,answer\), sigmax wide \(student,<problem>\.<part>,\.\.\. naming parts of .*variants\.jsonl\), a Moodle quiz responses report \(…,Question 1,Response 1,…\), or \(not a CSV\) filled PDF sheets: a \.pdf, a folder or a \.zip; read with "," and with ";" as the delimiter; got "id,answer"$/,
    );
    // A Moodle report downloaded in another language than English is not one it knows.
    await expect(grade(records, 'Nume,Prenume,Stare,Întrebarea 1,Răspunsul 1\n')).rejects.toThrow(/expected one of the known layouts: .*Moodle quiz responses report/);
    await expect(grade(records, '\nstudent\tproblem\tpart\tanswer\n')).rejects.toThrow(
      /submissions\.csv:2: header: .*read with "," and with ";" as the delimiter; got "student\\tproblem/,
    );
    await expect(grade(records, '')).rejects.toThrow(/submissions\.csv:1: header: the file is empty/);
  });
});
