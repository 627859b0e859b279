import type { Locale } from '../../bank/bank.js';
import { en } from './en.js';
import { fa } from './fa.js';
import { ro } from './ro.js';
import type { ReportTexts } from './types.js';

export type { ReportTexts } from './types.js';

/** Every locale's report texts: a locale added to LOCALES without them does not type-check. */
const REPORT_TEXTS: Readonly<Record<Locale, ReportTexts>> = { en, fa, ro };

export const reportTextsFor = (locale: Locale): ReportTexts => REPORT_TEXTS[locale];
