// moodle.xml: Moodle's question-bank XML format (question/format/xml) with,
// per problem, a category holding one cloze question per student's variant:
// the problem statement and one NUMERICAL slot per part, in part order. A
// quiz draws one question from each category ("random question"), so the
// question's name and text carry the sheet id that traces it to its variant.
import type { Locale } from '../bank/bank.js';
import { messagesFor } from '../grade/messages/index.js';
import type { SetInfo } from '../render/sheet-context.js';
import type { TemplateSet } from '../render/template-set.js';
import { type ClozeAlternative, clozeSlot, slotWeights } from './cloze-slot.js';
import type { LmsProblem, LmsVariant } from './lms-problems.js';
import type { PartAnswer } from './part-answers.js';
import { lmsQuestionHtml } from './question-html.js';
import { type XmlElement, element, xmlDocument } from './xml-writer.js';

/** Moodle's default penalty for each wrong try in interactive modes. */
const PENALTY = '0.3333333';

/**
 * A category name in a path, as Moodle's assemble_category_path writes it: a
 * slash inside a name doubled, and a space before or after a name that would
 * start or end with one (split_category_path splits at single slashes).
 */
function categoryName(name: string): string {
  const escaped = name.trim().replaceAll('/', '//');
  return `${escaped.startsWith('/') ? ' ' : ''}${escaped}${escaped.endsWith('/') ? ' ' : ''}`;
}

/** The alternatives of a part's slot: the key first (Moodle takes the first answer that matches), then the known wrong methods. */
function alternatives(part: PartAnswer, locale: Locale): ClozeAlternative[] {
  const messages = messagesFor(locale);
  return [
    { percent: 100, answer: part.key, feedback: messages.verdictMarks.correct },
    ...part.wrong.map((wrong) => ({
      percent: 0,
      answer: wrong.answer,
      feedback: wrong.misconceptions.map((id) => `${id}: ${messages.misconceptions[id]}`).join(' '),
    })),
  ];
}

function clozeQuestion(templates: TemplateSet, set: SetInfo, problem: LmsProblem, variant: LmsVariant, weights: readonly number[]): XmlElement {
  const { record, sheetId, parts } = variant;
  const slots = parts.map((part, at) => ({ id: part.id, slot: clozeSlot(weights[at]!, alternatives(part, record.locale)) }));
  const html = lmsQuestionHtml(templates, { set, sheetId, record, number: problem.number }, { statement: true, parts: slots });
  return element(
    'question',
    { type: 'cloze' },
    element('name', {}, element('text', {}, `${problem.id} ${sheetId}`)),
    element('questiontext', { format: 'html' }, element('text', {}, { cdata: html })),
    element('generalfeedback', { format: 'html' }, element('text', {}, '')),
    element('penalty', {}, PENALTY),
    element('hidden', {}, '0'),
    element('idnumber', {}, `${problem.id}-${sheetId}`),
  );
}

export function moodleXml(templates: TemplateSet, set: SetInfo, problems: readonly LmsProblem[]): { xml: string; warnings: string[] } {
  const warnings: string[] = [];
  const questions: XmlElement[] = [];
  for (const problem of problems) {
    const path = ['$course$', 'top', categoryName(`${set.title} (${set.id})`), categoryName(`${problem.id}: ${problem.title}`)].join('/');
    questions.push(element('question', { type: 'category' }, element('category', {}, element('text', {}, path))));
    for (const variant of problem.variants) {
      const { weights, exact } = slotWeights(variant.parts.map((part) => part.points));
      if (!exact) {
        const message = `${problem.id}: the part points cannot be whole-number cloze weights in their ratio; written as percent of the problem (${weights.join(', ')})`;
        if (!warnings.includes(message)) warnings.push(message);
      }
      questions.push(clozeQuestion(templates, set, problem, variant, weights));
    }
  }
  return { xml: xmlDocument(element('quiz', {}, ...questions)), warnings };
}
