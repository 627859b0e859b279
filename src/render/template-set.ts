// Finding and compiling the Handlebars templates of a locale. A user's
// --templates folder is searched first, file by file, so overriding one
// template does not mean copying them all.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { InputError } from '../bank/errors.js';
import { registerHelpers } from './template-helpers.js';

export { BUILT_IN_TEMPLATES, templateFolders } from './template-folders.js';

export type Template = (context: unknown, options?: Handlebars.RuntimeOptions) => string;

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
  // Markdown, not HTML: no entity escaping (TeX needs its & and <). Strict: a
  // field the context lacks (a misspelt {{studnet.id}}) is an error, not a blank.
  const compile = (path: string): Template => {
    const render = hb.compile(readFileSync(path, 'utf8'), { noEscape: true, strict: true });
    return (context, options?: Handlebars.RuntimeOptions) => {
      try {
        return render(context, options);
      } catch (error) {
        throw templateError(path, error);
      }
    };
  };
  // Partials (partials/*.md.hbs) by file stem; a user's partial shadows the built-in one.
  for (const folder of [...folders].reverse()) {
    const dir = join(folder, 'partials');
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.md.hbs')).sort()) {
      hb.registerPartial(file.slice(0, -'.md.hbs'.length), compile(join(dir, file)) as Handlebars.TemplateDelegate);
    }
  }
  const compiled = new Map<string, Template>();
  const find = (file: string, fallback?: string): Template => {
    let template = compiled.get(file);
    if (!template) {
      const folder = folders.find((f) => existsSync(join(f, file)));
      if (!folder && fallback) return find(fallback);
      if (!folder) throw new TemplateNotFound(`template ${file} not found in ${folders.join(', ')}`);
      template = compile(join(folder, file));
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

/**
 * A template that cannot render, as `file:line: what`: a Handlebars syntax
 * error, or a field its context does not have. One thrown in a partial the
 * template calls keeps the partial's file and line.
 */
function templateError(path: string, error: unknown): InputError {
  if (error instanceof InputError) return error;
  const { message, lineNumber, column } = error as Error & { lineNumber?: number; column?: number };
  const line = lineNumber ?? (Number(/ on line (\d+)/.exec(message)?.[1]) || undefined);
  // Handlebars says `"nme" not defined in [object Object] - 4:8`.
  const missing = /^"([^"]*)" not defined in /.exec(message);
  const lines = message.split('\n');
  const what = missing
    ? `no field "${missing[1]}" here${column === undefined ? '' : ` (column ${column + 1})`}: a misspelt name, or one this template's context does not have (README: Templates)`
    : lines[0]!.startsWith('Parse error')
      ? `not valid Handlebars: ${lines.at(-1)}` // its last line says what was expected and what came
      : lines[0]!.replace(/ - \d+:\d+$/, '');
  return InputError.at({ file: path, line }, what);
}
