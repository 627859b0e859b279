import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBank } from '../../src/bank/bank.js';
import { numberedStudents } from '../../src/bank/roster.js';
import { toleranceFor } from '../../src/tolerance/tolerance.js';
import { withinTolerance } from '../../src/tolerance/within-tolerance.js';
import { D } from '../../src/engine/decimal.js';
import { exportSet } from '../../src/export/export-set.js';
import { answerAt, partIdsOf } from '../../src/families/solution.js';
import { messagesFor } from '../../src/grade/messages/index.js';
import { byStudent } from '../../src/render/render-set.js';
import { sheetIdOf } from '../../src/render/sheet-context.js';
import type { VariantRecord } from '../../src/variant/record.js';
import { tempDir } from '../cli/run-cli.js';
import { extractCloze } from './moodle-cloze-grammar.js';

interface XmlQuestion {
  '@type': string;
  category?: { text: string };
  name?: { text: string };
  questiontext?: { '@format': string; text: { '#cdata': string } };
  idnumber?: string;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  cdataPropName: '#cdata',
  parseTagValue: false,
  isArray: (name) => name === 'question',
});

function readExport(dir: string) {
  const xml = readFileSync(join(dir, 'moodle.xml'), 'utf8');
  const records = readFileSync(join(dir, 'variants.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as VariantRecord);
  // The sheet id printed in a question names the student; the question's problem, the variant.
  const studentOfSheet = new Map(byStudent(records).map(({ student, records: own }) => [sheetIdOf(own), student.id]));
  const variant = (sheetId: string, problem: string) => {
    const student = studentOfSheet.get(sheetId);
    return records.find((r) => r.student === student && r.problem === problem)!;
  };
  return { xml, records, variant, questions: (parser.parse(xml) as { quiz: { question: XmlQuestion[] } }).quiz.question };
}

/**
 * Reads every cloze question back with Moodle's grammar and checks it against
 * its variant: one NUMERICAL slot per part in part order, the key inside its
 * interval and that interval inside the grader's, each wrong answer outside
 * it. Returns the number of slots checked.
 */
function checkedSlots(exported: ReturnType<typeof readExport>): number {
  let slots = 0;
  for (const q of exported.questions.filter((question) => question['@type'] === 'cloze')) {
    const [problem, sheetId] = q.name!.text.split(' ');
    const record = exported.variant(sheetId!, problem!);
    const parsed = extractCloze(q.questiontext!.text['#cdata']);
    const partIds = partIdsOf(record.answers);
    expect(parsed.slots).toHaveLength(partIds.length);
    parsed.slots.forEach((slot, at) => {
      const partId = partIds[at]!;
      expect(slot.numerical).toBe(true);
      expect(slot.weight).toBeGreaterThanOrEqual(1);
      expect(parsed.text).toContain(`<code>${partId}</code>`);
      const [correct, ...wrong] = slot.alternatives;
      expect(correct!.fraction).toBe(1);
      const key = new D(answerAt(record.answers, partId)!);
      const value = new D(correct!.number!.value);
      const margin = new D(correct!.number!.margin);
      expect(margin.gt(0)).toBe(true);
      expect(key.minus(value).abs().lte(margin.div(100))).toBe(true);
      const tolerance = toleranceFor(record.tolerance, partId);
      expect(withinTolerance(value.minus(margin), key, tolerance), `${problem}.${partId}`).toBe(true);
      expect(withinTolerance(value.plus(margin), key, tolerance), `${problem}.${partId}`).toBe(true);
      for (const alternative of wrong) {
        expect(alternative.fraction).toBe(0);
        expect(new D(alternative.number!.value).minus(value).abs().gt(margin), `${problem}.${partId}`).toBe(true);
      }
      slots++;
    });
  }
  return slots;
}

describe('moodle.xml of the default bank', () => {
  let exported: ReturnType<typeof readExport>;
  beforeAll(async () => {
    const dir = tempDir('sigmax-moodle-');
    await exportSet(loadBank('problem-banks/default.yaml'), numberedStudents(3), dir, { formats: ['moodle'] });
    exported = readExport(dir);
  });

  it('is well-formed XML: a category per problem, then one cloze question per student', () => {
    expect(XMLValidator.validate(exported.xml)).toBe(true);
    const kinds = exported.questions.map((q) => (q['@type'] === 'category' ? q.category!.text : q['@type']));
    const category = (problem: string, title: string) => `$course$/top/Gradient descent on one neuron and a softmax layer (demo-set)/${problem}: ${title}`;
    expect(kinds).toEqual([
      category('q1', 'One step of a sigmoid neuron'),
      'cloze',
      'cloze',
      'cloze',
      category('q2', 'Batch against mini-batch gradient descent'),
      'cloze',
      'cloze',
      'cloze',
      category('q3', 'A softmax layer with cross-entropy'),
      'cloze',
      'cloze',
      'cloze',
    ]);
  });

  it('names each question and prints in its text the sheet id that traces it to its variant', () => {
    const cloze = exported.questions.filter((q) => q['@type'] === 'cloze');
    const traced = cloze.map((q) => {
      const [problem, sheetId] = q.name!.text.split(' ');
      expect(q.questiontext!.text['#cdata']).toContain(`sheet ${sheetId} · problem ${problem}`);
      expect(q.idnumber).toBe(`${problem}-${sheetId}`);
      return exported.variant(sheetId!, problem!);
    });
    expect(traced.map((r) => `${r.problem}/${r.student}`).sort()).toEqual(exported.records.map((r) => `${r.problem}/${r.student}`).sort());
  });

  it('has one NUMERICAL slot per part, in part order, each key inside its interval and that interval inside the grader’s', () => {
    expect(checkedSlots(exported)).toBe(exported.records.reduce((sum, record) => sum + partIdsOf(record.answers).length, 0));
  });

  it('offers the catalogued wrong answers with the family’s feedback, e.g. update-sign for w_new', () => {
    const q = exported.questions.find((question) => question['@type'] === 'cloze' && question.name!.text.startsWith('q1 '))!;
    const record = exported.variant(q.name!.text.split(' ')[1]!, 'q1');
    const { slots } = extractCloze(q.questiontext!.text['#cdata']);
    const at = partIdsOf(record.answers).indexOf('w_new[1]');
    const value = (id: string) => new D(answerAt(record.answers, id)!);
    const uphill = value('w_new[1]').plus(value('dw[1]').times(2).times(record.given.lr as string));
    // w + η·dw: the key w − η·dw plus twice the step.
    const match = slots[at]!.alternatives.find((a) => a.feedback.includes('update-sign'))!;
    expect(new D(match.number!.value).minus(uphill).abs().lte(new D(match.number!.margin))).toBe(true);
    const text = messagesFor('en').misconceptions['update-sign'];
    expect(match.feedback.replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))).toContain(`update-sign: ${text}`);
  });

  it('writes math for Moodle’s MathJax filter, not the sheet’s $…$', () => {
    const text = exported.questions.find((q) => q['@type'] === 'cloze')!.questiontext!.text['#cdata'];
    expect(text).toContain('\\(\\hat y\\)');
    expect(text).toContain('\\[L = -\\big[y \\ln \\hat y');
    expect(text).not.toMatch(/\$/);
  });
});

describe('moodle.xml of a Persian bank', () => {
  it('keeps the Persian text and writes right-to-left HTML', async () => {
    const dir = tempDir('sigmax-moodle-fa-');
    const bank = loadBank('problem-banks/week1-sigmoid-bce.fa.yaml');
    await exportSet(bank, numberedStudents(1), dir, { formats: ['moodle'] });
    const { xml, questions } = readExport(dir);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(questions[0]!.category!.text).toBe(`$course$/top/${bank.title} (week1-sigmoid)/q1: ${bank.problems[0]!.title}`);
    const text = questions[1]!.questiontext!.text['#cdata'];
    expect(text.startsWith('<div dir="rtl">')).toBe(true);
    expect(text).toContain(`<strong>${bank.problems[0]!.title}</strong>`);
    expect(text).toContain('یک نرون سیگمویدی ابتدا');
    const { slots } = extractCloze(text);
    const loss = slots[2]!.alternatives.find((a) => a.feedback.includes('log10-loss'))!;
    const shown = loss.feedback.replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)));
    expect(shown).toBe(`log10-loss: ${messagesFor('fa').misconceptions['log10-loss']}`);
    expect(slots[0]!.alternatives[0]!.feedback).toBe(messagesFor('fa').verdictMarks.correct);
  });
});

describe.each(readdirSync('problem-banks').filter((file) => file.endsWith('.yaml')))('moodle.xml of %s', (file) => {
  it('reads back into every part of every variant', async () => {
    const dir = tempDir('sigmax-moodle-bank-');
    await exportSet(loadBank(join('problem-banks', file)), numberedStudents(2), dir, { formats: ['moodle'] });
    const exported = readExport(dir);
    expect(XMLValidator.validate(exported.xml)).toBe(true);
    expect(checkedSlots(exported)).toBe(exported.records.reduce((sum, record) => sum + partIdsOf(record.answers).length, 0));
  });
});

describe('category paths', () => {
  it('split back into the set and problem titles however many slashes they hold, as Moodle’s split_category_path reads them', async () => {
    const dir = tempDir('sigmax-moodle-slash-');
    writeFileSync(
      join(dir, 'bank.yaml'),
      'id: slash\nseed: s\ntitle: "Week 1/2: w/o momentum /"\nproblems:\n  - id: q1\n    family: sigmoid-bce-step\n    title: "/ratio a/b"\n',
    );
    await exportSet(loadBank(join(dir, 'bank.yaml')), numberedStudents(1), dir, { formats: ['moodle'] });
    const path = readExport(dir).questions[0]!.category!.text;
    const names = path.split(/(?<!\/)\/(?!\/)/).map((raw) => raw.replaceAll('//', '/').trim());
    expect(names).toEqual(['$course$', 'top', 'Week 1/2: w/o momentum / (slash)', 'q1: /ratio a/b']);
  });
});
