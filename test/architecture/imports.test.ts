// Data flows one way: each top-level folder of src/ is a layer that may import
// only its own files, the layers below it and the leaf utilities. This test reads
// the import statements of every file in src/ and names each arrow against that.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** The layers, lowest first; layers in one entry are siblings and may not import each other. */
const ORDER: readonly (readonly string[])[] = [
  ['engine'],
  ['random'],
  ['tolerance'],
  ['families'],
  ['bank'],
  ['variant'],
  ['render', 'grade'],
  ['report', 'export'],
  ['cli'],
];
/** Utilities anyone may import; they import nothing of sigmax but each other. */
const LEAVES: readonly string[] = ['io', 'text', 'threads'];

interface SourceFile {
  /** Relative to the repository, with forward slashes: `src/grade/report.ts`. */
  path: string;
  text: string;
}

/** An import of one file of src/ by another, as `src/a/x.ts → src/b/y.ts`. */
interface Arrow {
  from: string;
  to: string;
  /** As written in the file. */
  specifier: string;
}

// `import … from '…'`, `import '…'`, `export … from '…'`, at the start of a line (so not in a comment).
const STATIC = /^(?:import|export)\b(?:[^;'"]*?\bfrom)?\s*['"]([^'"\n]+)['"]/gm;
// `import('…')`, also in types (`typeof import('…')`).
const DYNAMIC = /\bimport\(\s*['"]([^'"\n]+)['"]\s*\)/g;
// A worker or other file loaded by URL: `new URL('./x-worker.js', import.meta.url)`.
const BY_URL = /\bnew URL\(\s*['"]([^'"\n]+)['"]\s*,\s*import\.meta\.url\s*\)/g;
// Comment lines, so that an example in a comment is not read as an import.
const COMMENT_LINE = /^\s*(?:\/\/|\/\*|\*).*$/gm;

/** The relative imports of one file, resolved to the files they name (`.js` written for `.ts`). */
function arrowsOf(file: SourceFile, known: ReadonlySet<string>): Arrow[] {
  const code = file.text.replace(COMMENT_LINE, '');
  const specifiers = [STATIC, DYNAMIC, BY_URL].flatMap((pattern) => [...code.matchAll(pattern)].map((m) => m[1]!));
  return specifiers
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => {
      const target = posix.normalize(posix.join(posix.dirname(file.path), specifier));
      const to = target.endsWith('.js') && !known.has(target) ? target.replace(/\.js$/, '.ts') : target;
      return { from: file.path, to, specifier };
    })
    .filter((arrow) => arrow.to.startsWith('src/'));
}

/** The layer of a file of src/: its top-level folder (empty for a file directly in src/). */
const layerOf = (path: string) => {
  const parts = path.split('/');
  return parts.length > 2 ? parts[1]! : '';
};
const rankOf = (layer: string) => ORDER.findIndex((rank) => rank.includes(layer));

const placed = (layer: string) => LEAVES.includes(layer) || rankOf(layer) !== -1;

/** Why an arrow between two placed layers is against the order, or null when it is allowed. */
function violation({ from, to }: Arrow): string | null {
  const [source, target] = [layerOf(from), layerOf(to)];
  if (source === target || LEAVES.includes(target)) return null;
  if (LEAVES.includes(source)) return `${source} is a leaf utility and may import only other leaves, not ${target}`;
  const [below, above] = [rankOf(target), rankOf(source)];
  if (below === above) return `${source} and ${target} are siblings: neither may import the other`;
  return below > above ? `${target} is above ${source}` : null;
}

/**
 * Every folder of src/ in no layer (once each), then every arrow against the
 * order, as `file: source → target (specifier): why`.
 */
function importViolations(files: readonly SourceFile[]): string[] {
  const known = new Set(files.map((file) => file.path));
  const unplaced = [...new Set(files.map((file) => layerOf(file.path)))].filter((layer) => !placed(layer));
  const arrows = files
    .flatMap((file) => arrowsOf(file, known))
    .filter((arrow) => placed(layerOf(arrow.from)) && placed(layerOf(arrow.to)))
    .flatMap((arrow) => {
      const why = violation(arrow);
      return why ? [`${arrow.from}: ${layerOf(arrow.from)} → ${layerOf(arrow.to)} (${arrow.specifier}): ${why}`] : [];
    });
  return [...unplaced.map((layer) => `${layer ? `src/${layer}/` : 'src/ itself'} is in no layer: add it to ORDER or LEAVES in this test`), ...arrows];
}

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

function sourceFiles(): SourceFile[] {
  const files = readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' }).filter((name) => /\.(m?ts|m?js)$/.test(name));
  return files.map((name) => {
    const path = relative(root, join(root, 'src', name)).split('\\').join('/');
    return { path, text: readFileSync(join(root, path), 'utf8') };
  });
}

describe('the one-way flow of src/', () => {
  const files = sourceFiles();

  it('reads the imports of src/ (a checker that reads nothing would pass anything)', () => {
    const known = new Set(files.map((file) => file.path));
    const arrows = files.flatMap((file) => arrowsOf(file, known));
    expect(files.length).toBeGreaterThan(100);
    expect(arrows).toContainEqual({ from: 'src/cli/main.ts', to: 'src/cli/generate.ts', specifier: './generate.js' });
    expect(arrows).toContainEqual({ from: 'src/variant/draw-variant.ts', to: 'src/families/unambiguous.ts', specifier: '../families/unambiguous.js' });
    expect(arrows.every((arrow) => known.has(arrow.to) || arrow.to.endsWith('/'))).toBe(true);
  });

  it('has no import against engine ← random ← tolerance ← families ← bank ← variant ← (render, grade) ← (report, export) ← cli', () => {
    expect(importViolations(files)).toEqual([]);
  });
});

describe('the import checker', () => {
  const fake = (path: string, text: string): SourceFile => ({ path, text });
  const lower = [
    fake('src/engine/decimal.ts', 'export const D = 1;\n'),
    fake('src/bank/bank.ts', 'export const bank = 1;\n'),
    fake('src/bank/tolerance-value.ts', 'export const t = 1;\n'),
    fake('src/render/front-matter.ts', 'export const fm = 1;\n'),
    fake('src/grade/report.ts', 'export const r = 1;\n'),
    fake('src/io/csv-cell.ts', 'export const c = 1;\n'),
  ];

  it('names the file and the arrow of an import against the order, in every form of import', () => {
    const files = [
      ...lower,
      fake('src/families/a.ts', "import { bank } from '../bank/bank.js';\n"),
      fake('src/families/b.ts', "import type {\n  bank,\n  other,\n} from '../bank/bank.js';\n"),
      fake('src/families/c.ts', "export * from '../bank/tolerance-value.js';\n"),
      fake('src/families/d.ts', "const t = await import('../bank/bank.js');\n"),
      fake('src/families/e.ts', "type T = typeof import('../bank/bank.js');\n"),
      fake('src/families/f.ts', "import '../bank/bank.js';\n"),
      fake('src/engine/g.ts', "new Worker(new URL('../grade/report.js', import.meta.url));\n"),
    ];
    expect(importViolations(files)).toEqual([
      'src/families/a.ts: families → bank (../bank/bank.js): bank is above families',
      'src/families/b.ts: families → bank (../bank/bank.js): bank is above families',
      'src/families/c.ts: families → bank (../bank/tolerance-value.js): bank is above families',
      'src/families/d.ts: families → bank (../bank/bank.js): bank is above families',
      'src/families/e.ts: families → bank (../bank/bank.js): bank is above families',
      'src/families/f.ts: families → bank (../bank/bank.js): bank is above families',
      'src/engine/g.ts: engine → grade (../grade/report.js): grade is above engine',
    ]);
  });

  it('refuses siblings, a leaf that imports a layer and a folder in no layer', () => {
    const files = [
      ...lower,
      fake('src/grade/feedback.ts', "import { fm } from '../render/front-matter.js';\n"),
      fake('src/render/sheet.ts', "import { r } from '../grade/report.js';\n"),
      fake('src/io/file.ts', "import { D } from '../engine/decimal.js';\n"),
      fake('src/extras/x.ts', "import { D } from '../engine/decimal.js';\n"),
      fake('src/extras/y.ts', "import { x } from './x.js';\n"),
    ];
    expect(importViolations(files)).toEqual([
      'src/extras/ is in no layer: add it to ORDER or LEAVES in this test',
      'src/grade/feedback.ts: grade → render (../render/front-matter.js): grade and render are siblings: neither may import the other',
      'src/render/sheet.ts: render → grade (../grade/report.js): render and grade are siblings: neither may import the other',
      'src/io/file.ts: io → engine (../engine/decimal.js): io is a leaf utility and may import only other leaves, not engine',
    ]);
  });

  it('lets a layer import its own files, lower layers and leaves, and ignores comments and packages', () => {
    const files = [
      ...lower,
      fake(
        'src/grade/ok.ts',
        [
          "import { Decimal } from 'decimal.js';",
          "import { bank } from '../bank/bank.js';",
          "import { r } from './report.js';",
          "import { c } from '../io/csv-cell.js';",
          "export { D } from '../engine/decimal.js';",
          "// import { fm } from '../render/front-matter.js';",
          '/**',
          " * like `import('../render/front-matter.js')`",
          ' */',
          "export const label = '../render/front-matter.js';",
        ].join('\n'),
      ),
    ];
    expect(importViolations(files)).toEqual([]);
  });
});
