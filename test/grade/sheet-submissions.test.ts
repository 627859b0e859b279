// Grading from filled sheets: filled with pdf-lib and with pdftk, zipped as
// Moodle and Canvas download them, or in a folder; every verdict checked
// against the same answers handed in as answer-sheet.csv.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { D } from '../../src/engine/decimal.js';
import type { VariantRecord } from '../../src/variant/record.js';
import { readVariants, sigmax } from '../render/run-sigmax.js';
import { tempDir } from './fixtures.js';
import {
  type GeneratedClass,
  HAS_PDFTK,
  fillWithPdfLib,
  fillWithPdftk,
  generateClass,
  gradeSheets,
  zipOf,
} from './sheet-fixtures.js';

const PERSIAN = '۰۱۲۳۴۵۶۷۸۹';
const inPersian = (text: string) => text.replace(/\d/g, (d) => PERSIAN[Number(d)]!).replace('.', '٫');

/**
 * What each student types: s001 the key; s002 a wrong number, text, a blank, a decimal
 * comma and w + lr·dw (the update-sign misconception); s003 Persian digits in q1 and
 * nothing in q2; s004 hands nothing in.
 */
function answersOf(cls: GeneratedClass, records: readonly VariantRecord[], student: string): Map<string, string> {
  const keys = cls.keys(student);
  const answers = new Map(keys);
  if (student === 's002') {
    const q1 = records.find((r) => r.student === 's002' && r.problem === 'q1')!;
    const given = q1.given as { w: string[]; lr: string };
    answers.set('q1.z', '12345');
    answers.set('q1.yhat', 'about a half');
    answers.set('q1.loss', '');
    answers.set('q1.dz', keys.get('q1.dz')!.replace('.', ','));
    answers.set('q1.w_new[1]', new D(given.w[0]!).plus(new D(given.lr).times(keys.get('q1.dw[1]')!)).toString());
  }
  if (student === 's003') {
    for (const [name, key] of keys) {
      if (name.startsWith('q1.')) answers.set(name, inPersian(new D(key).toSignificantDigits(8).toFixed()));
      if (name.startsWith('q2.')) answers.set(name, '');
    }
  }
  return answers;
}

/** The same answers as the wide answer-sheet.csv, the route the sheets must agree with. */
function answerSheetCsv(answers: ReadonlyMap<string, ReadonlyMap<string, string>>): string {
  const columns = [...answers.values().next().value!.keys()];
  const rows = [...answers].map(([student, own]) => [student, ...columns.map((c) => `"${own.get(c) ?? ''}"`)].join(','));
  return `student,${columns.join(',')}\n${rows.join('\n')}\n`;
}

type Row = Record<string, string>;
const csvRows = (text: string) => parse(text, { columns: true, bom: true }) as Row[];

describe('grading filled sheets', () => {
  let cls: GeneratedClass;
  let records: VariantRecord[];
  const answers = new Map<string, Map<string, string>>();
  let viaCsv: { details: string; grades: string };

  beforeAll(async () => {
    cls = generateClass();
    records = readVariants(cls.dir);
    for (const student of ['s001', 's002', 's003']) answers.set(student, answersOf(cls, records, student));
    const dir = tempDir();
    writeFileSync(join(dir, 'answers.csv'), answerSheetCsv(answers));
    const graded = await gradeSheets(cls.variants, join(dir, 'answers.csv'));
    viaCsv = { details: graded.read('details.csv'), grades: graded.read('grades.csv') };
  });

  const write = (name: string, bytes: Uint8Array) => {
    const file = join(tempDir(), name);
    writeFileSync(file, bytes);
    return file;
  };

  it("grades a Moodle zip of sheets filled with pdf-lib: every verdict as from answer-sheet.csv; an online text is rejected", async () => {
    const zip = zipOf({
      'Alice Smith_101_assignsubmission_file_/sheet.pdf': await fillWithPdfLib(cls.sheet('s001'), answers.get('s001')!),
      'Bob Jones_102_assignsubmission_file_/week 1 (Bob).pdf': await fillWithPdfLib(cls.sheet('s002'), answers.get('s002')!),
      'Bob Jones_102_assignsubmission_onlinetext_/onlinetext.html': new TextEncoder().encode('<p>see my PDF</p>'),
      // Persian digits: pdf-lib's Helvetica cannot draw them, the reader will.
      'Carla Díaz_103_assignsubmission_file_/برگه.pdf': await fillWithPdfLib(cls.sheet('s003'), answers.get('s003')!, { appearances: false }),
    });
    const graded = await gradeSheets(cls.variants, write('moodle.zip', zip));
    expect(graded.summary).toMatchObject({ layout: 'sheets', rowsRead: 4, rowsGraded: 3, rowsRejected: 1, noSubmission: 1 });
    expect(graded.read('details.csv')).toBe(viaCsv.details);
    expect(graded.read('grades.csv')).toBe(viaCsv.grades);
    expect(csvRows(graded.read('rejected.csv'))).toEqual([
      {
        source: 'Bob Jones_102_assignsubmission_onlinetext_/onlinetext.html',
        student: '',
        problem: '',
        part: '',
        answer: '',
        reason: 'not a PDF (a web page, such as an online text); expected the filled sheet',
      },
    ]);
    const details = csvRows(graded.read('details.csv'));
    const verdict = (student: string, part: string) => details.find((d) => d.student === student && d.problem === 'q1' && d.part === part)!;
    expect(details.filter((d) => d.student === 's001').every((d) => d.verdict === 'correct')).toBe(true);
    expect(verdict('s002', 'z')).toMatchObject({ submitted: '12345', verdict: 'incorrect' });
    expect(verdict('s002', 'yhat')).toMatchObject({ submitted: 'about a half', verdict: 'invalid' });
    expect(verdict('s002', 'loss').verdict).toBe('missing');
    expect(verdict('s002', 'dz').verdict).toBe('correct');
    expect(verdict('s002', 'w_new[1]')).toMatchObject({ verdict: 'misconception' });
    expect(verdict('s002', 'w_new[1]').feedback).toContain('update-sign');
    expect(verdict('s003', 'z')).toMatchObject({ submitted: inPersian(new D(cls.keys('s003').get('q1.z')!).toSignificantDigits(8).toFixed()), verdict: 'correct' });
    expect(details.filter((d) => d.student === 's003' && d.problem === 'q2').every((d) => d.verdict === 'missing')).toBe(true);
    expect(details.filter((d) => d.student === 's004').every((d) => d.verdict === 'missing')).toBe(true);
  });

  it.skipIf(!HAS_PDFTK)("grades a Canvas zip of sheets filled with pdftk's fill_form, LATE marker and all", async () => {
    const zip = zipOf({
      'smithalice_5001_9001_sheet.pdf': fillWithPdftk(cls.sheet('s001'), answers.get('s001')!),
      'jonesbob_LATE_5002_9003_sheet.pdf': fillWithPdftk(cls.sheet('s002'), answers.get('s002')!),
      'díazcarla_5003_9004_Week_1.pdf': fillWithPdftk(cls.sheet('s003'), answers.get('s003')!),
    });
    const graded = await gradeSheets(cls.variants, write('canvas.zip', zip));
    expect(graded.summary).toMatchObject({ rowsRead: 3, rowsGraded: 3, rowsRejected: 0 });
    expect(graded.read('details.csv')).toBe(viaCsv.details);
    expect(graded.read('grades.csv')).toBe(viaCsv.grades);
    expect(graded.summary.notes.join('\n')).not.toContain('copying');
  });

  it('grades one filled PDF, and a folder of them searched through its subfolders', async () => {
    const one = await gradeSheets(cls.variants, write('mine.pdf', await fillWithPdfLib(cls.sheet('s001'), answers.get('s001')!)));
    expect(one.summary).toMatchObject({ layout: 'sheets', rowsRead: 1, rowsGraded: 1, rowsRejected: 0 });
    expect(csvRows(one.read('grades.csv')).find((r) => r.student === 's001')!.total).toBe('22');

    const folder = tempDir();
    mkdirSync(join(folder, 'week1', 'late'), { recursive: true });
    writeFileSync(join(folder, 'week1', 's001.pdf'), await fillWithPdfLib(cls.sheet('s001'), answers.get('s001')!));
    writeFileSync(join(folder, 'week1', 'late', 'bob.pdf'), await fillWithPdfLib(cls.sheet('s002'), answers.get('s002')!));
    writeFileSync(join(folder, 'week1', 'late', 'carla.pdf'), await fillWithPdfLib(cls.sheet('s003'), answers.get('s003')!, { appearances: false }));
    writeFileSync(join(folder, '.DS_Store'), 'Bud1');
    const graded = await gradeSheets(cls.variants, folder);
    expect(graded.summary).toMatchObject({ rowsRead: 3, rowsGraded: 3, rowsRejected: 0 });
    expect(graded.read('details.csv')).toBe(viaCsv.details);
    expect(graded.summary.notes).toContain('1 file(s) an operating system adds (__MACOSX/, .DS_Store, Thumbs.db) skipped');
  });

  it('regrades the same zip to byte-identical outputs; rows read = graded + rejected', async () => {
    const zip = write(
      'class.zip',
      zipOf({
        'Alice Smith_101_assignsubmission_file_/sheet.pdf': await fillWithPdfLib(cls.sheet('s001'), answers.get('s001')!),
        'Bob Jones_102_assignsubmission_file_/sheet.pdf': await fillWithPdfLib(cls.sheet('s002'), answers.get('s002')!),
        'Bob Jones_102_assignsubmission_file_/notes.txt': new TextEncoder().encode('draft'),
      }),
    );
    const [first, second] = [await gradeSheets(cls.variants, zip), await gradeSheets(cls.variants, zip)];
    expect(first.summary.rowsRead).toBe(first.summary.rowsGraded + first.summary.rowsRejected);
    expect(first.summary).toMatchObject({ rowsRead: 3, rowsGraded: 2, rowsRejected: 1 });
    for (const file of ['details.csv', 'grades.csv', 'rejected.csv', 'report.md', ...readdirSync(join(first.out, 'feedback')).map((f) => `feedback/${f}`)]) {
      expect(second.read(file), file).toBe(first.read(file));
    }
  });

  it('prints the count of files on the command line and says where the reasons are', async () => {
    const zip = write('cli.zip', zipOf({ 'x/readme.txt': new TextEncoder().encode('hi'), 'x/s001.pdf': await fillWithPdfLib(cls.sheet('s001'), answers.get('s001')!) }));
    const run = sigmax(['grade', '--variants', cls.variants, '--submissions', zip, '--out', join(tempDir(), 'out')]);
    expect(run.stdout).toContain(`${zip}: 2 files read (filled PDF sheets): 1 graded, 1 rejected (reasons in `);
  });
});

describe('a student handing in more than once, or someone else’s sheet', () => {
  let cls: GeneratedClass;
  let keys: Map<string, string>;
  beforeAll(() => {
    cls = generateClass();
    keys = cls.keys('s002');
  });
  const wrong = () => new Map([...keys].map(([name]) => [name, 'no idea']));
  const zipFile = (files: Parameters<typeof zipOf>[0]) => {
    const file = join(tempDir(), 'subs.zip');
    writeFileSync(file, zipOf(files));
    return file;
  };
  const total = (graded: Awaited<ReturnType<typeof gradeSheets>>, student: string) =>
    csvRows(graded.read('grades.csv')).find((r) => r.student === student)!.total;

  it('keeps the later of two files in a Moodle folder by the time Moodle wrote into the zip, and says so', async () => {
    const folder = 'Bob Jones_102_assignsubmission_file_';
    const graded = await gradeSheets(
      cls.variants,
      zipFile({
        [`${folder}/sheet.pdf`]: [await fillWithPdfLib(cls.sheet('s002'), keys), new Date(Date.UTC(2026, 2, 2, 9))],
        [`${folder}/sheet (1).pdf`]: [await fillWithPdfLib(cls.sheet('s002'), wrong()), new Date(Date.UTC(2026, 2, 1, 9))],
      }),
    );
    expect(graded.summary).toMatchObject({ rowsRead: 2, rowsGraded: 1, rowsRejected: 1 });
    expect(total(graded, 's002')).toBe('22');
    const [rejected] = csvRows(graded.read('rejected.csv'));
    expect(rejected).toMatchObject({ source: `${folder}/sheet (1).pdf`, student: 's002' });
    expect(rejected!.reason).toBe(`s002's sheet again: ${folder}/sheet.pdf was graded instead (uploaded later: Moodle's time in the zip, 2026-03-02 09:00 UTC)`);
    expect(graded.summary.notes.join('\n')).toContain(`s002 handed in 2 sheets: graded ${folder}/sheet.pdf`);
  });

  it("keeps the later Canvas upload by its file id, whatever the zip's order", async () => {
    const graded = await gradeSheets(
      cls.variants,
      zipFile({
        'jonesbob_5002_9100_sheet.pdf': await fillWithPdfLib(cls.sheet('s002'), wrong()),
        'jonesbob_LATE_5002_9107_sheet-1.pdf': await fillWithPdfLib(cls.sheet('s002'), keys),
      }),
    );
    expect(total(graded, 's002')).toBe('22');
    expect(csvRows(graded.read('rejected.csv'))[0]!.reason).toContain('Canvas file id 9107 > 9100');
  });

  it("keeps the sheet saved later (the PDF's modification date) in a plain folder", async () => {
    const folder = tempDir();
    writeFileSync(join(folder, 'a.pdf'), await fillWithPdfLib(cls.sheet('s002'), keys, { modified: new Date(Date.UTC(2026, 4, 2)) }));
    writeFileSync(join(folder, 'b.pdf'), await fillWithPdfLib(cls.sheet('s002'), wrong(), { modified: new Date(Date.UTC(2026, 4, 1)) }));
    const graded = await gradeSheets(cls.variants, folder);
    expect(total(graded, 's002')).toBe('22');
    expect(csvRows(graded.read('rejected.csv'))[0]).toMatchObject({ source: 'b.pdf', reason: expect.stringContaining("the PDF's modification date, 2026-05-02 00:00 UTC") });
  });

  it("grades a sheet found in another student's folder for its owner, and flags it", async () => {
    const graded = await gradeSheets(
      cls.variants,
      zipFile({ 'Alice Smith_101_assignsubmission_file_/mine.pdf': await fillWithPdfLib(cls.sheet('s002'), keys) }),
    );
    expect(graded.summary).toMatchObject({ rowsGraded: 1, rowsRejected: 0 });
    expect(total(graded, 's002')).toBe('22');
    expect(total(graded, 's001')).toBe('');
    const note = 'possible copying: Alice Smith_101_assignsubmission_file_/mine.pdf, handed in under Alice Smith_101_assignsubmission_file_ (s001, Alice Smith), is the sheet of s002 (Bob Jones): graded for s002';
    expect(graded.summary.notes).toContain(note);
    expect(graded.read('report.md')).toContain(note);
  });

  it("prefers the owner's own sheet to a copy in someone else's folder, and still flags the copy", async () => {
    const graded = await gradeSheets(
      cls.variants,
      zipFile({
        'Alice Smith_101_assignsubmission_file_/copy.pdf': [await fillWithPdfLib(cls.sheet('s002'), keys), new Date(Date.UTC(2026, 2, 3))],
        'Bob Jones_102_assignsubmission_file_/own.pdf': [await fillWithPdfLib(cls.sheet('s002'), wrong()), new Date(Date.UTC(2026, 2, 1))],
      }),
    );
    expect(total(graded, 's002')).toBe('0');
    expect(csvRows(graded.read('rejected.csv'))[0]).toMatchObject({ source: 'Alice Smith_101_assignsubmission_file_/copy.pdf' });
    expect(graded.summary.notes.join('\n')).toContain('possible copying: Alice Smith_101_assignsubmission_file_/copy.pdf');
  });
});
