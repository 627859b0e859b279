import { DEFAULT_LAYOUT, type SiteFields, siteFieldFault } from '../text/front-matter.js';
import type { Report } from './params.js';
import type { FieldPath, Plain } from './yaml-source.js';

/**
 * The bank's `site:`, the front matter every Markdown file gets for a course
 * site (sheets, keys, feedback, report): `layout` (default `single`),
 * `permalink` and the site's own keys, copied as written (a number as its text).
 */
export function readSite(value: Plain | undefined, path: FieldPath, report: Report): SiteFields | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    return void report(path, `expected a mapping of front matter keys (layout: ${DEFAULT_LAYOUT}, permalink: …), got ${JSON.stringify(value)}`);
  }
  const site: Record<string, Plain> = {};
  for (const [key, field] of Object.entries(value)) {
    const fault = siteFieldFault(key, field);
    if (fault) report([...path, key], fault);
    else site[key] = field;
  }
  return site;
}
