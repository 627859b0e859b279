/** A front matter value: text, true/false, null, or lists and mappings of them (what YAML and JSON share). */
export type FrontMatterValue = string | boolean | null | readonly FrontMatterValue[] | { readonly [key: string]: FrontMatterValue };

/**
 * What a bank's `site:` sets in the front matter of every Markdown file for a
 * course site: `layout` (default `single`), `permalink` and any key of the site's
 * own (`classes`, `sidebar: { nav: … }`, …).
 */
export type SiteFields = Readonly<Record<string, FrontMatterValue>>;

/** Keys sigmax writes itself, per file or per language: a bank's `site` may not set them. */
export const OWN_FRONT_MATTER_KEYS: readonly string[] = ['title', 'set', 'lang', 'dir', 'student', 'name', 'sheet'];

/** The layout a file gets when the bank's `site` sets none. */
export const DEFAULT_LAYOUT = 'single';

/** A front matter key as Jekyll sites write them: `layout`, `author_profile`, `header`. */
const FRONT_MATTER_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;
/** Keys whose value Jekyll takes as text. */
const TEXT_KEYS: readonly string[] = ['layout', 'permalink'];

/** What is wrong with one key of a site's front matter and its value, or null: the one rule for banks and variants files. */
export function siteFieldFault(key: string, value: unknown): string | null {
  if (!FRONT_MATTER_KEY.test(key)) return 'expected a front matter key: a letter or _, then letters, digits, _ or -';
  if (OWN_FRONT_MATTER_KEYS.includes(key)) {
    return `sigmax writes ${key} itself for each file; the site may set layout, permalink and keys other than ${OWN_FRONT_MATTER_KEYS.join(', ')}`;
  }
  if (TEXT_KEYS.includes(key) && (typeof value !== 'string' || value.trim() === '')) return `expected text, got ${JSON.stringify(value)}`;
  return null;
}

/**
 * A file's own front matter fields with the bank's site settings: the site's
 * layout in place of the default (in the same place), its other keys after.
 */
export function withSiteFields(
  fields: Readonly<Record<string, FrontMatterValue>>,
  site: SiteFields | undefined,
): Record<string, FrontMatterValue> {
  if (!site) return { ...fields };
  const { layout, ...extra } = site;
  return { ...fields, ...(layout !== undefined && { layout }), ...extra };
}

/**
 * Jekyll front matter for a Markdown file on a course site. Each value is
 * written as JSON, which YAML reads as it is (a mapping as `{"nav": "toolkit"}`).
 */
export function withFrontMatter(markdown: string, fields: Readonly<Record<string, FrontMatterValue>>): string {
  const lines = Object.entries(fields).map(([key, value]) => `${key}: ${JSON.stringify(value)}`);
  return `---\n${lines.join('\n')}\n---\n\n${markdown}`;
}
