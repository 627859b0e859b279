// A Moodle quiz "Responses" report made as Moodle makes it, for tests: a
// class exported with `sigmax export`, each question's summary made from the
// exported cloze text as qtype_multianswer's get_question_summary makes it
// (the text as plain text, each answer box `_____`), each response as
// summarise_response writes it (`part 1: …; part 2: …`), and the file written
// as Moodle's CSV download writes it (PHP's fputcsv: a cell with a space,
// comma, quote or line break quoted; a UTF-8 BOM first).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { loadBank } from '../../src/bank/bank.js';
import { loadRoster } from '../../src/bank/roster.js';
import { exportSet } from '../../src/export/export-set.js';
import { Solution } from '../../src/families/solution.js';
import { familyNamed } from '../../src/families/index.js';
import type { VariantRecord } from '../../src/variant/record.js';
import { sheetIdOf } from '../../src/variant/sheet-id.js';
import { extractCloze, htmlEntityDecode } from '../export/moodle-cloze-grammar.js';
import { tempDir } from './fixtures.js';

export const CLASS_BANK = `id: lms
title: LMS round trip
seed: moodle-test
problems:
  - id: q1
    family: sigmoid-bce-step
    params: { features: 2, lr: 0.5 }
    points: 10
  - id: q2
    family: softmax-ce-step
    params: { classes: 2, features: 2, lr: 0.1 }
    points: 10
`;

export const CLASS_ROSTER = `student_id,name,idnumber,email,username
s001,Ana Pop,1001,ana@uni.example,apop
s002,Bogdan Ion,1002,bogdan@uni.example,bion
s003,Carla Dinu,1003,carla@uni.example,cdinu
s004,Dan Mihai,1004,dan@uni.example,dmihai
s005,Elena Stan,1005,elena@uni.example,estan
`;

export interface ExportedClass {
  dir: string;
  variantsFile: string;
  records: VariantRecord[];
  /** The record of (student, problem). */
  record(student: string, problem: string): VariantRecord;
  /** The solved variant of (student, problem), to work out answers from. */
  solution(student: string, problem: string): Solution;
  /** The `Question N` cell of a question exported from (student, problem)'s variant. */
  questionCell(student: string, problem: string): string;
}

interface XmlQuestion {
  '@type': string;
  name?: { text: string };
  questiontext?: { text: { '#cdata': string } };
}

/** Exports the bank for the roster (moodle.xml and variants.jsonl) and reads the questions back. */
export async function exportClass(bank = CLASS_BANK, roster = CLASS_ROSTER): Promise<ExportedClass> {
  const dir = tempDir();
  writeFileSync(join(dir, 'bank.yaml'), bank);
  writeFileSync(join(dir, 'roster.csv'), roster);
  await exportSet(loadBank(join(dir, 'bank.yaml')), loadRoster(join(dir, 'roster.csv')), dir, { formats: ['moodle'] });
  const variantsFile = join(dir, 'variants.jsonl');
  const records = readFileSync(variantsFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as VariantRecord);
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', cdataPropName: '#cdata', parseTagValue: false, isArray: (n) => n === 'question' });
  const questions = (parser.parse(readFileSync(join(dir, 'moodle.xml'), 'utf8')) as { quiz: { question: XmlQuestion[] } }).quiz.question;
  const html = new Map(questions.filter((q) => q['@type'] === 'cloze').map((q) => [q.name!.text, q.questiontext!.text['#cdata']]));
  const record = (student: string, problem: string) => records.find((r) => r.student === student && r.problem === problem)!;
  return {
    dir,
    variantsFile,
    records,
    record,
    solution: (student, problem) => new Solution(familyNamed(record(student, problem).family)!.solve(record(student, problem).given)),
    questionCell: (student, problem) => {
      const sheetId = sheetIdOf(records.filter((r) => r.student === student));
      return questionSummary(html.get(`${problem} ${sheetId}`)!);
    },
  };
}

/**
 * What Moodle stores as the question summary of a cloze question: the text
 * with the answer boxes as {#1}, {#2} … (as its importer leaves them), as plain
 * text (html_to_text: paragraphs and table rows on lines of their own), each
 * box then `_____`.
 */
export function questionSummary(html: string): string {
  const text = extractCloze(html)
    .text.replace(/<\/(p|tr|h\d|div|li)>|<br\s*\/?>/g, '\n')
    .replace(/<\/t[dh]>/g, ' ')
    .replace(/<[^>]+>/g, '');
  return htmlEntityDecode(text)
    .replace(/\{#\d+\}/g, '_____')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** A cloze response as summarise_response writes it: `part 1: a; part 2: ; part 3: c` (the cell trimmed, as the report does). */
export const clozeSummary = (answers: readonly string[]): string => answers.map((answer, at) => `part ${at + 1}: ${answer}`).join('; ').trim();

/** Moodle's download header for these identity columns and questions (Moodle 4: `Last name`, `State`). */
export function reportHeader(questions: number, identity: readonly string[] = ['ID number', 'Email address']): string[] {
  const perQuestion = Array.from({ length: questions }, (_, i) => [`Question ${i + 1}`, `Response ${i + 1}`, `Right answer ${i + 1}`]).flat();
  return ['Last name', 'First name', ...identity, 'State', 'Started on', 'Completed', 'Time taken', 'Grade/10.00', ...perQuestion];
}

const csvRow = (row: readonly string[]) => row.map((text) => (/[\s,"]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text)).join(',');

/** The CSV as Moodle's download writes it (fputcsv quoting, a BOM first). */
export function moodleCsv(rows: readonly (readonly string[])[]): string {
  return `\uFEFF${rows.map(csvRow).join('\n')}\n`;
}

/** The line of moodleCsv(rows) each row starts on (a question text spans several). */
export function rowLines(rows: readonly (readonly string[])[]): number[] {
  let line = 1;
  return rows.map((row) => {
    const start = line;
    line += csvRow(row).split('\n').length;
    return start;
  });
}
