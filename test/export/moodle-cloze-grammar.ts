// Moodle's reading of a cloze question, transcribed from
// question/type/multianswer/questiontype.php (qtype_multianswer_extract_question
// and the ANSWER_REGEX family of patterns), to parse what export writes the
// way Moodle's importer will. PCRE and JavaScript read these patterns alike.

const FRACTION = String.raw`=|%(-?[0-9]+(?:[.,][0-9]*)?)%`;
const ANSWER = String.raw`.+?(?<!\\|&|&amp;)(?=[~#}]|$)`;
const FEEDBACK = String.raw`.*?(?<!\\)(?=[~}]|$)`;
const ALTERNATIVE = `(${FRACTION})?(${ANSWER})(#(${FEEDBACK}))?`;
const NUMBER = String.raw`-?(([0-9]+[.,]?[0-9]*|[.,][0-9]+)([eE][-+]?[0-9]+)?)`;
const NUMERICAL_ALTERNATIVE = `^(${NUMBER})(:${NUMBER})?$`;
const TYPES =
  '(NUMERICAL|NM)|(MULTICHOICE|MC)|(MULTICHOICE_V|MCV)|(MULTICHOICE_H|MCH)|' +
  '(SHORTANSWER|SA|MW)|(SHORTANSWER_C|SAC|MWC)|' +
  '(MULTICHOICE_S|MCS)|(MULTICHOICE_VS|MCVS)|(MULTICHOICE_HS|MCHS)|' +
  '(MULTIRESPONSE|MR)|(MULTIRESPONSE_H|MRH)|(MULTIRESPONSE_S|MRS)|(MULTIRESPONSE_HS|MRHS)';
const START = String.raw`\{([0-9]*):(${TYPES}):`;
export const ANSWER_REGEX = `${START}(${ALTERNATIVE}(~${ALTERNATIVE})*)\\}`;
const [NORM, TYPE_NUMERICAL, ALTERNATIVES] = [1, 3, 16];
const [ALT_FRACTION, ALT_PERCENT, ALT_ANSWER, ALT_FEEDBACK] = [1, 2, 3, 5];
const [NUMERICAL_CORRECT_ANSWER, NUMERICAL_ABS_ERROR_MARGIN] = [1, 6];

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** PHP's html_entity_decode for the references export may write; any other named entity fails the test. */
export function htmlEntityDecode(text: string): string {
  return text.replace(/&(#[0-9]+|#x[0-9a-f]+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    const known = NAMED[name];
    if (known === undefined) throw new Error(`unexpected entity ${whole}`);
    return known;
  });
}

export interface ParsedAlternative {
  /** 1 for =, the percentage / 100 for %n%, 0 otherwise. */
  fraction: number;
  answer: string;
  /** As Moodle's NUMBER_REGEX split it, or null when the answer is not a number. */
  number: { value: string; margin: string } | null;
  /** The feedback HTML Moodle stores. */
  feedback: string;
}

export interface ParsedSlot {
  weight: number;
  numerical: boolean;
  alternatives: ParsedAlternative[];
}

/** Every answer box of a cloze question text, in order, and the text with them replaced by {#1}, {#2}, …, as Moodle does. */
export function extractCloze(questionText: string): { slots: ParsedSlot[]; text: string } {
  const slots: ParsedSlot[] = [];
  let text = questionText;
  for (let position = 1; ; position++) {
    const found = new RegExp(ANSWER_REGEX, 's').exec(text);
    if (!found) break;
    const numerical = !!found[TYPE_NUMERICAL];
    const alternatives: ParsedAlternative[] = [];
    let remaining = found[ALTERNATIVES]!;
    for (;;) {
      const alt = new RegExp(`~?${ALTERNATIVE}`, 's').exec(remaining);
      if (!alt) break;
      const fraction = alt[ALT_FRACTION] === '=' ? 1 : alt[ALT_PERCENT] ? Number(alt[ALT_PERCENT].replace(',', '.')) / 100 : 0;
      const feedback =
        alt[ALT_FEEDBACK] === undefined ? '' : htmlEntityDecode(alt[ALT_FEEDBACK]).replaceAll('\\}', '}').replaceAll('\\#', '#');
      const answer = alt[ALT_ANSWER]!;
      const numeric = numerical ? new RegExp(NUMERICAL_ALTERNATIVE, 's').exec(answer) : null;
      alternatives.push({
        fraction,
        answer,
        number: numeric ? { value: numeric[NUMERICAL_CORRECT_ANSWER]!, margin: numeric[NUMERICAL_ABS_ERROR_MARGIN] ?? '0' } : null,
        feedback,
      });
      remaining = remaining.split(alt[0]).slice(1).join(alt[0]);
    }
    slots.push({ weight: found[NORM] === '' ? 1 : Number(found[NORM]), numerical, alternatives });
    text = text.replace(found[0], `{#${position}}`);
  }
  return { slots, text };
}
