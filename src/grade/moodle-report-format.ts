// The layout of Moodle's quiz "Responses" report as it downloads (CSV), in
// Moodle's English strings. From Moodle's source:
// - mod/quiz/report/responses/report.php: the user columns, the attempt's
//   state, (when downloading) its times, its grade, then per question slot
//   `Question N` (question text shown), `Response N`, `Right answer N`
//   (lang: question 'questionx', quiz_responses 'responsex', 'rightanswerx');
// - mod/quiz/classes/local/reports/attempts_report.php: `Last name`
//   (`Surname` before Moodle 4), `First name`, the identity fields the site
//   shows (`ID number`, `Email address`, `Username`, …), `State` (`Status` in
//   newer versions: quiz 'attemptstate'), `Started on`, `Completed`, `Time
//   taken`, `Grade/10.00`;
// - last_responses_table.php: a cell with nothing is `-` (no attempt, or a
//   question the attempt never saved);
// - first_or_all_responses_table.php ("All tries"): one row per try, the
//   attempt's state only on its last row (the others empty), a try with no
//   answer to a question `-`;
// - question/type/multianswer/question.php summarise_response: a cloze
//   response is `part 1: …; part 2: …` (qtype_multianswer 'subqresponse'
//   'part {$a->i}: {$a->response}', joined by '; '), each part as the student
//   typed it (qtype_numerical summarise_response), nothing for a blank part.
import type { LmsIdentityField } from '../bank/roster.js';

const RESPONSE = /^Response (\d+)$/;
const QUESTION = /^Question (\d+)$/;
const RIGHT_ANSWER = /^Right answer (\d+)$/;
const IDENTITY: Readonly<Record<string, LmsIdentityField>> = { 'ID number': 'idnumber', 'Email address': 'email', Username: 'username' };
const NAMES = ['First name', 'Last name', 'Surname'];
const STATE = ['State', 'Status'];
/** Columns of the report that grading has no use for (its own timing and marks). */
const UNUSED = [/^Started on$/, /^Started$/, /^Completed$/, /^Time taken$/, /^Duration$/, /^Grade\/.*$/, /^Feedback$/, RIGHT_ANSWER];

/** The attempt's state as the report writes a finished one (quiz 'statefinished'). */
export const FINISHED = 'Finished';
/** What the report writes where there is no data: a user without an attempt, a question never answered. */
export const NO_DATA = '-';

export interface MoodleColumns {
  /** Per question slot, in slot order: its question text column (if shown) and its response column. */
  questions: { number: number; question: number | undefined; response: number }[];
  identity: { field: LmsIdentityField; column: number; header: string }[];
  /** First name, last name: to say who a row is when no student matches it. */
  names: number[];
  state: number | undefined;
  /** Headers the report has that grading neither reads nor expects. */
  ignored: string[];
}

/** Whether a header's (trimmed) names are those of a Moodle responses report: it has a `Response N` column. */
export function isMoodleResponsesHeader(names: readonly string[]): boolean {
  return names.some((name) => RESPONSE.test(name));
}

export function moodleColumns(names: readonly string[]): MoodleColumns {
  const columns: MoodleColumns = { questions: [], identity: [], names: [], state: undefined, ignored: [] };
  const questionAt = new Map<number, number>();
  names.forEach((name, column) => {
    const response = RESPONSE.exec(name);
    const question = QUESTION.exec(name);
    if (response) columns.questions.push({ number: Number(response[1]), question: undefined, response: column });
    else if (question) questionAt.set(Number(question[1]), column);
    else if (IDENTITY[name]) columns.identity.push({ field: IDENTITY[name], column, header: name });
    else if (NAMES.includes(name)) columns.names.push(column);
    else if (STATE.includes(name)) columns.state = column;
    else if (!UNUSED.some((unused) => unused.test(name))) columns.ignored.push(name);
  });
  for (const slot of columns.questions) slot.question = questionAt.get(slot.number);
  columns.questions.sort((a, b) => a.number - b.number);
  return columns;
}

/** A response cell read as a cloze question's parts. */
export type ClozeResponse =
  /** `-` or empty: the attempt saved nothing for this question. */
  | { kind: 'none' }
  /** Each part's text as typed ('' for a blank part), in part order. */
  | { kind: 'parts'; answers: string[] }
  /** Not a cloze summary (another question type, or a summary cut short). */
  | { kind: 'other' };

/**
 * The parts of a cloze response summary, `part 1: 0.79; part 2: ; part 3: -1,5`.
 * The label is taken from the first part (`part` in English, `parte`, `partie`
 * in other languages), and each next part is looked for as `; <label> <k>:` in
 * turn, so an answer may hold anything but that.
 */
export function clozeResponse(cell: string): ClozeResponse {
  const text = cell.trim();
  if (text === '' || text === NO_DATA) return { kind: 'none' };
  const first = /^(\S+) 1 ?:/u.exec(text);
  if (!first) return { kind: 'other' };
  const label = first[1]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const answers: string[] = [];
  let from = first[0].length;
  for (let k = 2; ; k++) {
    const next = new RegExp(`; ${label} ${k} ?:`, 'u').exec(text.slice(from));
    if (!next) {
      answers.push(text.slice(from).trim());
      return { kind: 'parts', answers };
    }
    answers.push(text.slice(from, from + next.index).trim());
    from += next.index + next[0].length;
  }
}
