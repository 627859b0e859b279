import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** templates/ beside src/ and dist/ alike (both sit one level below the package root). */
export const BUILT_IN_TEMPLATES = fileURLToPath(new URL('../../templates/', import.meta.url));

/** The folders for a locale, first match wins: the user's, then the built-in locale, then English. */
export function templateFolders(locale: string, userFolder?: string): string[] {
  const folders = [userFolder, join(BUILT_IN_TEMPLATES, locale), join(BUILT_IN_TEMPLATES, 'en')];
  return [...new Set(folders.filter((f): f is string => !!f && existsSync(f)))];
}
