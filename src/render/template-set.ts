// Finding and compiling the Handlebars templates of a locale. A user's
// --templates folder is searched first, file by file, so overriding one
// template does not mean copying them all.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { registerHelpers } from './template-helpers.js';

export { BUILT_IN_TEMPLATES, templateFolders } from './template-folders.js';

export type Template = (context: unknown) => string;

export const DOCUMENT_TEMPLATES = ['sheet', 'key', 'class-key', 'solution', 'lms-question'] as const;
export type DocumentTemplate = (typeof DOCUMENT_TEMPLATES)[number];

/** Used for a family that has no templates of its own: its givens, and its answers without the working. */
export const GENERIC_FAMILY = 'generic';

export interface TemplateSet {
  document(name: DocumentTemplate): Template;
  /** A family's problem statement or worked solution (the generic one when the family has none). */
  family(family: string, part: 'problem' | 'solution'): Template;
  /** Folders searched, first match wins. */
  readonly folders: readonly string[];
}

/** A template file is missing everywhere it was looked for. */
export class TemplateNotFound extends Error {}

export function loadTemplates(folders: readonly string[]): TemplateSet {
  const hb = Handlebars.create();
  registerHelpers(hb);
  // Partials (partials/*.md.hbs) by file stem; a user's partial shadows the built-in one.
  for (const folder of [...folders].reverse()) {
    const dir = join(folder, 'partials');
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.md.hbs')).sort()) {
      hb.registerPartial(file.slice(0, -'.md.hbs'.length), readFileSync(join(dir, file), 'utf8'));
    }
  }
  const compiled = new Map<string, Template>();
  const find = (file: string, fallback?: string): Template => {
    let template = compiled.get(file);
    if (!template) {
      const folder = folders.find((f) => existsSync(join(f, file)));
      if (!folder && fallback) return find(fallback);
      if (!folder) throw new TemplateNotFound(`template ${file} not found in ${folders.join(', ')}`);
      const path = join(folder, file);
      // Markdown, not HTML: no entity escaping (TeX needs its & and <).
      const render = hb.compile(readFileSync(path, 'utf8'), { noEscape: true });
      template = (context) => {
        try {
          return render(context);
        } catch (error) {
          throw new Error(`${path}: ${(error as Error).message}`);
        }
      };
      compiled.set(file, template);
    }
    return template;
  };
  return {
    folders,
    document: (name) => find(`${name}.md.hbs`),
    family: (family, part) => find(`${family}.${part}.md.hbs`, `${GENERIC_FAMILY}.${part}.md.hbs`),
  };
}
