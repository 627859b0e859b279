import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBank } from '../../src/bank/bank.js';
import { pointsPerPart } from '../../src/bank/part-points.js';
import { numberedStudents } from '../../src/bank/roster.js';
import { D } from '../../src/engine/decimal.js';
import { exportSet } from '../../src/export/export-set.js';
import { answerAt, partIdsOf } from '../../src/families/solution.js';
import { byStudent } from '../../src/render/render-set.js';
import { sheetIdOf } from '../../src/render/sheet-context.js';
import type { VariantRecord } from '../../src/variant/record.js';
import { tempDir } from '../cli/run-cli.js';

type Field = { fieldlabel: string; fieldentry: string };
interface Item {
  '@ident': string;
  '@title': string;
  itemmetadata: { qtimetadata: { qtimetadatafield: Field[] } };
  presentation: { material: { mattext: { '#text': string; '@texttype': string } } };
  resprocessing?: {
    respcondition: {
      conditionvar: { or: { varequal: { '#text': string }; and: { vargte: { '#text': string }; varlte: { '#text': string } } } };
      setvar: { '#text': string };
    };
  };
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  alwaysCreateTextNode: true,
  isArray: (name) => ['resource', 'item', 'qtimetadatafield', 'file'].includes(name),
});
const text = (node: unknown) => (node as { '#text': string })['#text'];
const meta = (item: Item, label: string) => text(item.itemmetadata.qtimetadata.qtimetadatafield.find((f) => text(f.fieldlabel) === label)!.fieldentry);

describe('canvas-qti.zip of the default bank', () => {
  let files: Record<string, string>;
  let records: VariantRecord[];
  beforeAll(async () => {
    const dir = tempDir('sigmax-qti-');
    await exportSet(loadBank('problem-banks/default.yaml'), numberedStudents(2), dir, { formats: ['qti12'] });
    const zip = unzipSync(readFileSync(join(dir, 'canvas-qti.zip')));
    files = Object.fromEntries(Object.entries(zip).map(([path, bytes]) => [path, strFromU8(bytes)]));
    records = readFileSync(join(dir, 'variants.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as VariantRecord);
  });

  it('has the manifest and, per student, an assessment and its assessment_meta.xml, all well-formed', () => {
    for (const [path, xml] of Object.entries(files)) expect(XMLValidator.validate(xml), path).toBe(true);
    const manifest = parser.parse(files['imsmanifest.xml']!) as { manifest: { resources: { resource: { '@identifier': string; '@type': string; '@href'?: string; file: { '@href': string }[] }[] } } };
    const resources = manifest.manifest.resources.resource;
    const quizzes = resources.filter((r) => r['@type'] === 'imsqti_xmlv1p2');
    expect(quizzes).toHaveLength(2);
    for (const quiz of quizzes) {
      const id = quiz['@identifier'];
      expect(quiz.file[0]!['@href']).toBe(`${id}/${id}.xml`);
      expect(files[`${id}/${id}.xml`]).toBeDefined();
      const metaResource = resources.find((r) => r['@identifier'] === `${id}_meta`)!;
      expect(metaResource['@type']).toBe('associatedcontent/imscc_xmlv1p1/learning-application-resource');
      expect(metaResource['@href']).toBe(`${id}/assessment_meta.xml`);
      expect(files[`${id}/assessment_meta.xml`]).toContain(`<quiz identifier="${id}"`);
    }
    expect(Object.keys(files)).toHaveLength(5);
  });

  it('asks each part as a numerical question in part order, with the exact answer and margin around the key and the part’s points', () => {
    const sheets = new Map(byStudent(records).map(({ records: own }) => [sheetIdOf(own), own]));
    let numerical = 0;
    for (const [path, xml] of Object.entries(files)) {
      if (path === 'imsmanifest.xml' || path.endsWith('assessment_meta.xml')) continue;
      const items = (parser.parse(xml) as { questestinterop: { assessment: { section: { item: Item[] } } } }).questestinterop.assessment.section.item;
      const sheetId = items[0]!['@title'].split(' ')[1]!;
      const own = sheets.get(sheetId)!;
      const expectedTitles = own.flatMap((r) => [`${r.problem} ${sheetId}`, ...partIdsOf(r.answers).map((id) => `${r.problem}.${id} ${sheetId}`)]);
      expect(items.map((item) => item['@title'])).toEqual(expectedTitles);
      let points = new D(0);
      for (const item of items) {
        const [problemPart] = item['@title'].split(' ');
        const dot = problemPart!.indexOf('.');
        if (dot < 0) {
          expect(meta(item, 'question_type')).toBe('text_only_question');
          expect(text(item.presentation.material.mattext)).toContain(`sheet ${sheetId}`);
          continue;
        }
        const record = own.find((r) => r.problem === problemPart!.slice(0, dot))!;
        const partId = problemPart!.slice(dot + 1);
        expect(meta(item, 'question_type')).toBe('numerical_question');
        const share = pointsPerPart(record.points, partIdsOf(record.answers), record.part_points)[partIdsOf(record.answers).indexOf(partId)]!;
        expect(new D(meta(item, 'points_possible')).minus(share).abs().lt('1e-5')).toBe(true);
        points = points.plus(meta(item, 'points_possible'));
        const condition = item.resprocessing!.respcondition;
        expect(text(condition.setvar)).toBe('100');
        const value = new D(text(condition.conditionvar.or.varequal));
        const lower = new D(text(condition.conditionvar.or.and.vargte));
        const upper = new D(text(condition.conditionvar.or.and.varlte));
        const key = new D(answerAt(record.answers, partId)!);
        expect(upper.minus(value).eq(value.minus(lower))).toBe(true);
        expect(upper.gt(value)).toBe(true);
        expect(key.gte(lower) && key.lte(upper), `${record.problem}.${partId}`).toBe(true);
        expect(key.minus(value).abs().lte(upper.minus(value).div(100))).toBe(true);
        numerical++;
      }
      expect(points.minus(own.reduce((sum, r) => sum + r.points, 0)).abs().lt('1e-4')).toBe(true);
    }
    expect(numerical).toBe(records.reduce((sum, r) => sum + partIdsOf(r.answers).length, 0));
  });
});
