// canvas-qti.zip: QTI 1.2 as Canvas's own "QTI .zip" export lays it out
// (lib/cc/qti in canvas-lms): imsmanifest.xml, and per quiz a folder <id>/
// holding the assessment <id>.xml and Canvas's assessment_meta.xml.
//
// Canvas has no multi-part numerical question and no way to draw one
// variant's parts together at random, so each student's variant is its own
// quiz (to be assigned to that student): per problem a text-only item with the
// statement, then one numerical_question per part, in part order, each with
// the exact answer and margin and the part's own points.
import { createHash } from 'node:crypto';
import { D } from '../engine/decimal.js';
import type { SetInfo } from '../render/sheet-context.js';
import type { TemplateSet } from '../render/template-set.js';
import { decimalText } from './lms-number.js';
import type { LmsProblem, LmsVariant } from './lms-problems.js';
import type { PartAnswer } from './part-answers.js';
import { lmsQuestionHtml } from './question-html.js';
import { type XmlElement, element, xmlDocument } from './xml-writer.js';
import { zipFiles } from './zip.js';

const QTI_NAMESPACE = 'http://www.imsglobal.org/xsd/ims_qtiasiv1p2';
const CANVAS_NAMESPACE = 'http://canvas.instructure.com/xsd/cccv1p0';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
/** Points are written to this many significant digits (a share of 10 points among 3 parts is 3.33333). */
const POINTS_DIGITS = 6;
/** Canvas's identifier for the answer field of a numerical question. */
const RESPONSE = 'response1';

const field = (label: string, entry: string | number) =>
  element('qtimetadatafield', {}, element('fieldlabel', {}, label), element('fieldentry', {}, String(entry)));

const pointsText = (points: D) => decimalText(points.toSignificantDigits(POINTS_DIGITS));

/** A Canvas-style identifier (g + 32 hex digits), the same for the same set and variant on every run. */
function quizIdent(set: SetInfo, student: string, sheetId: string): string {
  return `g${createHash('sha256').update(JSON.stringify([set.id, student, sheetId])).digest('hex').slice(0, 32)}`;
}

/** The HTML of an item, as Canvas's export writes it: escaped text in a text/html mattext. */
const material = (html: string) => element('material', {}, element('mattext', { texttype: 'text/html' }, `<div>${html}</div>`));

function statementItem(ident: string, title: string, html: string): XmlElement {
  return element(
    'item',
    { ident, title },
    element('itemmetadata', {}, element('qtimetadata', {}, field('question_type', 'text_only_question'), field('points_possible', '0'))),
    element('presentation', {}, material(html)),
  );
}

/** Canvas reads an exact answer with margin from this shape: the value, or between value − margin and value + margin. */
function numericalItem(ident: string, title: string, html: string, part: PartAnswer): XmlElement {
  const answer = part.key;
  return element(
    'item',
    { ident, title },
    element(
      'itemmetadata',
      {},
      element(
        'qtimetadata',
        {},
        field('question_type', 'numerical_question'),
        field('points_possible', pointsText(part.points)),
        field('original_answer_ids', `${ident}_answer`),
        field('assessment_question_identifierref', `${ident}_bank`),
      ),
    ),
    element(
      'presentation',
      {},
      material(html),
      element('response_str', { ident: RESPONSE, rcardinality: 'Single' }, element('render_fib', { fibtype: 'Decimal' }, element('response_label', { ident: 'answer1' }))),
    ),
    element(
      'resprocessing',
      {},
      element('outcomes', {}, element('decvar', { maxvalue: '100', minvalue: '0', varname: 'SCORE', vartype: 'Decimal' })),
      element(
        'respcondition',
        { continue: 'No' },
        element(
          'conditionvar',
          {},
          element(
            'or',
            {},
            element('varequal', { respident: RESPONSE }, answer.value),
            element('and', {}, element('vargte', { respident: RESPONSE }, answer.lower), element('varlte', { respident: RESPONSE }, answer.upper)),
          ),
        ),
        element('setvar', { action: 'Set', varname: 'SCORE' }, '100'),
      ),
    ),
  );
}

interface StudentQuiz {
  ident: string;
  title: string;
  points: D;
  assessment: string;
  meta: string;
}

function studentQuiz(templates: TemplateSet, set: SetInfo, variants: readonly { problem: LmsProblem; variant: LmsVariant }[]): StudentQuiz {
  const { record: first, sheetId } = variants[0]!.variant;
  const ident = quizIdent(set, first.student, sheetId);
  const who = first.name ? `${first.name} (${first.student})` : first.student;
  const title = `${set.title}: ${who}, sheet ${sheetId}`;
  const items: XmlElement[] = [];
  let points = new D(0);
  for (const { problem, variant } of variants) {
    const { record } = variant;
    const base = `${ident}_${problem.number}`;
    const question = { set, sheetId, record, number: problem.number };
    const statement = lmsQuestionHtml(templates, question, { statement: true, parts: [] });
    items.push(statementItem(`${base}_0`, `${problem.id} ${sheetId}`, statement));
    variant.parts.forEach((part, at) => {
      const html = lmsQuestionHtml(templates, question, { statement: false, parts: [{ id: part.id, slot: '' }] });
      items.push(numericalItem(`${base}_${at + 1}`, `${problem.id}.${part.id} ${sheetId}`, html, part));
      points = points.plus(part.points);
    });
  }
  const assessment = element(
    'questestinterop',
    { xmlns: QTI_NAMESPACE, 'xmlns:xsi': XSI, 'xsi:schemaLocation': `${QTI_NAMESPACE} http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd` },
    element(
      'assessment',
      { ident, title },
      element('qtimetadata', {}, field('cc_maxattempts', '1')),
      element('section', { ident: 'root_section' }, ...items),
    ),
  );
  // Visible only to the students it is assigned to: each student's quiz is theirs alone.
  const meta = element(
    'quiz',
    { identifier: ident, xmlns: CANVAS_NAMESPACE, 'xmlns:xsi': XSI, 'xsi:schemaLocation': `${CANVAS_NAMESPACE} https://canvas.instructure.com/xsd/cccv1p0.xsd` },
    element('title', {}, title),
    element('description', {}, ''),
    element('shuffle_answers', {}, 'false'),
    element('scoring_policy', {}, 'keep_highest'),
    element('quiz_type', {}, 'assignment'),
    element('points_possible', {}, pointsText(points)),
    element('allowed_attempts', {}, '1'),
    element('only_visible_to_overrides', {}, 'true'),
    element('available', {}, 'false'),
  );
  return { ident, title, points, assessment: xmlDocument(assessment), meta: xmlDocument(meta) };
}

function manifest(set: SetInfo, quizzes: readonly StudentQuiz[]): string {
  const resources = quizzes.flatMap((quiz) => [
    element(
      'resource',
      { identifier: quiz.ident, type: 'imsqti_xmlv1p2' },
      element('file', { href: `${quiz.ident}/${quiz.ident}.xml` }),
      element('dependency', { identifierref: `${quiz.ident}_meta` }),
    ),
    element(
      'resource',
      { identifier: `${quiz.ident}_meta`, type: 'associatedcontent/imscc_xmlv1p1/learning-application-resource', href: `${quiz.ident}/assessment_meta.xml` },
      element('file', { href: `${quiz.ident}/assessment_meta.xml` }),
    ),
  ]);
  const root = element(
    'manifest',
    {
      identifier: `sigmax_${set.id}`,
      xmlns: 'http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1',
      'xmlns:lom': 'http://ltsc.ieee.org/xsd/imsccv1p1/LOM/resource',
      'xmlns:imsmd': 'http://www.imsglobal.org/xsd/imsmd_v1p2',
      'xmlns:xsi': XSI,
    },
    element(
      'metadata',
      {},
      element('schema', {}, 'IMS Content'),
      element('schemaversion', {}, '1.1.3'),
      element('imsmd:lom', {}, element('imsmd:general', {}, element('imsmd:title', {}, element('imsmd:string', {}, set.title)))),
    ),
    element('organizations'),
    element('resources', {}, ...resources),
  );
  return xmlDocument(root);
}

/** The files of canvas-qti.zip, in zip order: the manifest, then each student's quiz. */
export function canvasQtiFiles(templates: TemplateSet, set: SetInfo, problems: readonly LmsProblem[]): Map<string, string> {
  const byStudent = new Map<string, { problem: LmsProblem; variant: LmsVariant }[]>();
  for (const problem of problems) {
    for (const variant of problem.variants) {
      const own = byStudent.get(variant.record.student) ?? [];
      own.push({ problem, variant });
      byStudent.set(variant.record.student, own);
    }
  }
  const quizzes = [...byStudent.values()].map((variants) => studentQuiz(templates, set, variants));
  const files = new Map([['imsmanifest.xml', manifest(set, quizzes)]]);
  for (const quiz of quizzes) {
    files.set(`${quiz.ident}/${quiz.ident}.xml`, quiz.assessment);
    files.set(`${quiz.ident}/assessment_meta.xml`, quiz.meta);
  }
  return files;
}

export const canvasQtiZip = (templates: TemplateSet, set: SetInfo, problems: readonly LmsProblem[]): Uint8Array =>
  zipFiles(canvasQtiFiles(templates, set, problems));
