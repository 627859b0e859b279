// What the templates see: the set, the student, and per problem the record's
// givens and answers (decimal strings), the part ids with their symbols, and
// what the family's view adds for the worked solution.
import { partIdsOf, answerAt } from '../families/solution.js';
import { type Bank, type Digits, RTL_LOCALES } from '../bank/bank.js';
import { type ProblemTolerance, problemRule } from '../tolerance/tolerance.js';
import { isolatedOn } from '../text/text-direction.js';
import type { VariantRecord } from '../variant/record.js';
import { sheetIdOf } from '../variant/sheet-id.js';
import { answerFieldName } from '../variant/sheet-form.js';
import { fieldMark } from './markdown/field-marks.js';
import type { SiteFields } from '../text/front-matter.js';
import { displayNumber, plainNumber } from './display-number.js';
import { partLabel } from './part-labels.js';
import { keepAsTyped } from './prose-digits.js';
import { viewFor } from './views/index.js';

// The sheet id moved to variant/ (grade needs it too, and must not import render); kept reachable here for render's callers.
export { sheetIdOf };

/** The set as the renderer needs it (plain data: it crosses to worker threads). */
export interface SetInfo {
  id: string;
  title: string;
  locale: string;
  /** Numbers in prose with Persian digits (the bank's `digits`); Latin when absent. */
  digits?: Digits;
  /** Problem titles from the bank, by problem id. */
  problemTitles: Readonly<Record<string, string | undefined>>;
  /** The bank's front matter for a course site (`site:`), for the Markdown documents. */
  site?: SiteFields | undefined;
}

/** The set as a loaded bank describes it (after any command-line overrides of locale and digits). */
export function setInfoOf(bank: Bank): SetInfo {
  return {
    id: bank.id,
    title: bank.title,
    locale: bank.locale,
    digits: bank.digits,
    problemTitles: Object.fromEntries(bank.problems.map((p) => [p.id, p.title])),
    site: bank.site,
  };
}

export interface StudentInfo {
  id: string;
  name: string;
}

/** A given as the generic templates list it: its symbol and its kind of value. */
export interface GivenContext {
  name: string;
  symbol: string;
  kind: 'number' | 'vector' | 'matrix' | 'text';
  value: unknown;
}

/** lr → η, W1 → W_{1}, x → x; other names upright. */
function givenSymbol(name: string): string {
  if (name === 'lr') return '\\eta';
  const indexed = /^([A-Za-z])(\d+)$/.exec(name);
  if (indexed) return `${indexed[1]}_{${indexed[2]}}`;
  return /^[A-Za-z]$/.test(name) ? name : `\\mathrm{${name.replace(/_/g, '\\_')}}`;
}

function givenList(given: VariantRecord['given']): GivenContext[] {
  return Object.entries(given).map(([name, value]) => {
    const kind =
      typeof value === 'string'
        ? /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(value) ? 'number' : 'text'
        : Array.isArray(value[0]) ? 'matrix' : 'vector';
    return { name, symbol: givenSymbol(name), kind, value };
  });
}

export interface PartContext {
  id: string;
  label: string;
  value: string;
  sigfigs: number;
  /** The part's carried-rounding band, where its tolerance is carried_rounding. */
  band: string | undefined;
  /** The part's answer box on a fillable sheet (a field named as its CSV column); empty otherwise. */
  field: string;
}

/** What a document offers beyond its text: answer boxes to type into (fillable sheets). */
export interface DocumentOptions {
  fields?: boolean;
}

/** When an answer counts as correct, in the sheet's language (English for a locale without its own wording). */
function toleranceText(tolerance: ProblemTolerance, locale: string): string {
  const rule = problemRule(tolerance);
  if ('sigfigs' in rule) {
    const n = rule.sigfigs;
    if (locale === 'ro') return `aceleași ${n} cifre semnificative ca în barem`;
    if (locale === 'fa') return `همان ${n} رقم معنادارِ کلید را داشته باشد`;
    return `the same ${n} significant figures as the key`;
  }
  if ('carried_rounding' in rule) {
    const n = rule.carried_rounding;
    if (locale === 'ro') {
      return `o abatere de cel mult cât poate produce rotunjirea răspunsurilor anterioare la ${n} cifre semnificative (baremul dă abaterea admisă a fiecărei părți)`;
    }
    if (locale === 'fa') return `در محدوده‌ای باشد که گرد کردن پاسخ‌های پیشین به ${n} رقم معنادار پدید می‌آورد (کلید محدودهٔ هر بخش را می‌دهد)`;
    return `within the band that carrying earlier answers rounded to ${n} significant figures can reach (the key lists each part's band)`;
  }
  if ('prairielearn_sigfig' in rule) {
    const n = rule.prairielearn_sigfig;
    if (locale === 'ro') return `o abatere mai mică de 0,51 unități ale cifrei semnificative a ${n}-a a baremului (regula sigfig din PrairieLearn)`;
    if (locale === 'fa') return `کمتر از 0.51 واحدِ رقم معنادار شمارهٔ ${n} کلید با آن فاصله داشته باشد (قاعدهٔ sigfig در PrairieLearn)`;
    return `within 0.51 units of the key's significant figure number ${n} (PrairieLearn's sigfig rule)`;
  }
  if ('webwork_digits' in rule) {
    const n = rule.webwork_digits;
    const cut = rule.truncation;
    if (locale === 'ro') return `primele ${n} cifre semnificative ale baremului rotunjit${cut ? ' sau trunchiat' : ''} (regula digits din WeBWorK)`;
    if (locale === 'fa') return `${n} رقم معنادار نخستش با کلیدِ گردشده${cut ? ' یا بریده‌شده' : ''} یکی باشد (قاعدهٔ digits در WeBWorK)`;
    return `if its first ${n} significant figures are the key's, rounded${cut ? ' or cut off' : ''} (WeBWorK's digits rule)`;
  }
  if ('stack_numsigfigs' in rule) {
    const n = rule.stack_numsigfigs;
    if (locale === 'ro') return `exact ${n} cifre semnificative și o abatere mai mică de jumătate de unitate a ultimei față de baremul rotunjit la ele (NumSigFigs din STACK)`;
    if (locale === 'fa') return `با ${n} رقم معنادار نوشته شود و کمتر از نیم واحدِ رقم آخر با کلیدِ گردشده به همین رقم‌ها فاصله داشته باشد (NumSigFigs در STACK)`;
    return `if written to ${n} significant figures and within half a unit of the last of them from the key rounded to them (STACK's NumSigFigs)`;
  }
  const percent = `${+(rule.rel * 100).toPrecision(6)}%`;
  const abs = plainNumber(displayNumber(String(rule.abs), null));
  if (locale === 'ro') return `o abatere de cel mult ${percent} față de barem${rule.abs > 0 ? ` (sau de cel mult ${abs})` : ''}`;
  if (locale === 'fa') return `حداکثر ${percent} با مقدار کلید اختلاف داشته باشد${rule.abs > 0 ? ` (یا اختلاف مطلقِ حداکثر ${abs})` : ''}`;
  return rule.abs > 0 ? `within ${percent} of the key (or ${abs})` : `within ${percent} of the key`;
}

/**
 * What a template prints as the instructor or roster typed it (ids, names,
 * titles): isolated when it runs against the page (a Persian name on an
 * English sheet), and marked so Persian digits leave it alone.
 */
export function asTypedIn(set: SetInfo): (text: string) => string {
  const page = RTL_LOCALES.has(set.locale) ? 'rtl' : 'ltr';
  const keep = set.digits === 'persian' ? keepAsTyped : (text: string) => text;
  return (text) => keep(isolatedOn(page, text));
}

export function problemContext(record: VariantRecord, number: number, set: SetInfo, options: DocumentOptions = {}) {
  const asTyped = asTypedIn(set);
  const view = viewFor(record.family);
  const sampleOf = view.sampleOf?.(record);
  const parts: PartContext[] = partIdsOf(record.answers).map((id) => ({
    id,
    label: partLabel(id, sampleOf),
    value: answerAt(record.answers, id)!,
    sigfigs: record.sigfigs,
    band: record.bands?.[id],
    field: options.fields ? fieldMark(answerFieldName(record.problem, id)) : '',
  }));
  const context = {
    number,
    id: asTyped(record.problem),
    title: asTyped(set.problemTitles[record.problem] ?? record.problem),
    family: record.family,
    points: record.points,
    sigfigs: record.sigfigs,
    tolerance: toleranceText(record.tolerance, set.locale),
    /** Whether the key lists a carried-rounding band beside each answer. */
    hasBands: record.bands !== undefined,
    given: record.given,
    givens: givenList(record.given),
    answers: record.answers,
    /** The family view's values (see views/); computed only if a template reads them. */
    work: {} as Record<string, unknown>,
    parts,
    /** Set by the caller: the family's problem or solution template, rendered. */
    body: '',
  };
  let work: Record<string, unknown> | null = null;
  Object.defineProperty(context, 'work', { enumerable: true, get: () => (work ??= view.work(record)) });
  return context;
}

export type ProblemContext = ReturnType<typeof problemContext>;

export function documentContext(set: SetInfo, student: StudentInfo, records: readonly VariantRecord[], options: DocumentOptions = {}) {
  const problems = records.map((record, i) => problemContext(record, i + 1, set, options));
  const asTyped = asTypedIn(set);
  // Name and id each as typed: an isolated name keeps "(id)" after it.
  const id = asTyped(student.id);
  const name = asTyped(student.name);
  return {
    set: { id: asTyped(set.id), title: asTyped(set.title) },
    student: { id, name, display: name ? `${name} (${id})` : id },
    sheetId: asTyped(sheetIdOf(records)),
    problems,
    totalPoints: problems.reduce((sum, p) => sum + p.points, 0),
    partCount: problems.reduce((sum, p) => sum + p.parts.length, 0),
    /** Whether the parts' answer boxes are form fields (the instructions say where to type). */
    fillable: options.fields === true,
  };
}

export type DocumentContext = ReturnType<typeof documentContext>;
