import { type Locale, RTL_LOCALES } from '../../bank/bank.js';
import { en } from './en.js';
import { fa } from './fa.js';
import { ro } from './ro.js';
import type { GradeMessages, LocaleTexts } from './types.js';

export type { GradeMessages } from './types.js';

/** A locale's texts with its direction, which RTL_LOCALES decides for sheets and feedback alike. */
const withDirection = (locale: Locale, texts: LocaleTexts): GradeMessages => ({ ...texts, locale, rtl: RTL_LOCALES.has(locale) });

/** Every locale's texts: a locale added to LOCALES without its texts does not type-check. */
export const GRADE_MESSAGES: Readonly<Record<Locale, GradeMessages>> = {
  en: withDirection('en', en),
  ro: withDirection('ro', ro),
  fa: withDirection('fa', fa),
};

export const messagesFor = (locale: Locale): GradeMessages => GRADE_MESSAGES[locale];
