// The HTML of an LMS question: the sheet's Markdown (lms-question.md.hbs and
// the family's problem template) rendered by markdown-it, math as \( … \) and
// \[ … \] for the LMS's MathJax, each answer box put where the template
// printed its slot. A right-to-left set is wrapped in dir="rtl".
import MarkdownIt from 'markdown-it';
import { RTL_LOCALES } from '../bank/bank.js';
import { type LmsQuestion, type LmsQuestionContent, lmsQuestionMarkdown } from '../render/compose-markdown.js';
import { mathSyntax } from '../render/markdown/math-syntax.js';
import type { TemplateSet } from '../render/template-set.js';

const markdown = new MarkdownIt('default', { html: false, linkify: false, typographer: false }).use(mathSyntax);
const escapeHtml = markdown.utils.escapeHtml;
markdown.renderer.rules.math_inline = (tokens, at) => `\\(${escapeHtml(tokens[at]!.content)}\\)`;
markdown.renderer.rules.math_block = (tokens, at) => `<p>\\[${escapeHtml(tokens[at]!.content)}\\]</p>\n`;

// Where the template printed a slot: private-use marks around the slot's number
// in letters (digits would be turned Persian with the prose).
const [OPEN, CLOSE] = ['\uE100', '\uE101'];
const SLOT_MARK = new RegExp(`${OPEN}([a-z]+)${CLOSE}`, 'g');
const letters = (n: number): string => (n < 26 ? '' : letters(Math.floor(n / 26) - 1)) + String.fromCharCode(97 + (n % 26));
const slotMark = (at: number): string => `${OPEN}${letters(at)}${CLOSE}`;

/**
 * Text Moodle's cloze parser would read as an answer box of its own
 * (`{1:NUMERICAL:`, `{#1}`), in a title or a formula: its brace as a
 * character reference, which the browser shows and MathJax reads as `{`.
 */
const CLOZE_LOOKALIKE = /\{(?=[0-9]*:|#)/g;

/** A template that leaves out a part's slot, or prints it twice, would lose or double an answer box. */
export class SlotNotPrinted extends Error {}

export function lmsQuestionHtml(templates: TemplateSet, question: LmsQuestion, content: LmsQuestionContent): string {
  const marked = content.parts.map((part, at) => ({ id: part.id, slot: slotMark(at) }));
  const source = lmsQuestionMarkdown(templates, question, { statement: content.statement, parts: marked });
  const printed = content.parts.map(() => 0);
  const html = markdown
    .render(source)
    .replace(CLOZE_LOOKALIKE, '&#123;')
    .replace(SLOT_MARK, (_, name: string) => {
      const at = [...name].reduce((n, c) => n * 26 + c.charCodeAt(0) - 96, 0) - 1;
      printed[at] = (printed[at] ?? 0) + 1;
      return content.parts[at]!.slot;
    });
  const wrong = printed.findIndex((count) => count !== 1);
  if (wrong >= 0) {
    throw new SlotNotPrinted(
      `template lms-question.md.hbs printed the answer box of ${question.record.problem}.${content.parts[wrong]!.id} ${printed[wrong]} times; it must print each part's {{slot}} once`,
    );
  }
  return RTL_LOCALES.has(question.set.locale) ? `<div dir="rtl">\n${html}</div>\n` : html;
}
