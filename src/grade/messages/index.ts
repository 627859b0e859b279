import type { Locale } from '../../bank/bank.js';
import { en } from './en.js';
import { fa } from './fa.js';
import { ro } from './ro.js';
import type { GradeMessages } from './types.js';

export type { GradeMessages } from './types.js';

/** Every locale's texts: a locale added to LOCALES without its texts does not type-check. */
export const GRADE_MESSAGES: Readonly<Record<Locale, GradeMessages>> = { en, ro, fa };

export const messagesFor = (locale: Locale): GradeMessages => GRADE_MESSAGES[locale];
