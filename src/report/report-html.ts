// report.html: one self-contained file. The charts are inline SVG, the
// Persian font (right-to-left reports) is embedded, and a content security
// policy forbids the page any network access. Printing gives A4 pages with
// no chart or table row cut in two.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import MarkdownIt from 'markdown-it';
import type { ClassReport } from './class-report.js';

const markdown = new MarkdownIt('default', { html: false, linkify: false, typographer: false });

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export function classReportHtml(report: ClassReport): string {
  const body = report.pieces
    .map((piece) =>
      piece.kind === 'markdown'
        ? markdown.render(piece.text)
        : // The chart's geometry is left to right whatever the page's direction (its own axes are mirrored instead).
          `<figure class="chart" role="img" aria-label="${escapeHtml(piece.chart.name)}"><div dir="ltr">${withoutXmlDeclaration(piece.chart.svg)}</div></figure>\n`,
    )
    .join('');
  const lang = report.locale;
  return `<!doctype html>
<html lang="${lang}" dir="${report.rtl ? 'rtl' : 'ltr'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="sigmax">
<title>${escapeHtml(report.title)}</title>
<style>
${report.rtl ? persianFontFaces() : ''}${STYLE}
body { font-family: ${report.rtl ? 'Vazirmatn, "DejaVu Sans", sans-serif' : '"DejaVu Sans", Verdana, sans-serif'}; }
</style>
</head>
<body>
<main>
${body}</main>
</body>
</html>
`;
}

const withoutXmlDeclaration = (svg: string) => svg.replace(/^<\?xml[^>]*>\s*/, '');

const STYLE = `
:root { color: #111; background: #fff; }
body { margin: 0; font-size: 15px; line-height: 1.5; }
main { max-width: 52rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
h1 { font-size: 1.6rem; margin: 0 0 0.8rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 0.5rem; border-bottom: 1px solid #ccc; padding-bottom: 0.2rem; }
h3 { font-size: 1.05rem; margin: 1.4rem 0 0.4rem; }
code { font-size: 0.9em; background: #f2f2f2; padding: 0 0.2em; border-radius: 3px; }
figure.chart { margin: 0.8rem 0 1.2rem; }
figure.chart svg { display: block; max-width: 100%; height: auto; margin: 0 auto; }
table { border-collapse: collapse; font-size: 0.85rem; margin: 0.6rem 0 1rem; }
th, td { border: 1px solid #9a9a9a; padding: 0.15rem 0.45rem; }
th { background: #ececec; }
td { font-variant-numeric: tabular-nums; }
@page { size: A4; margin: 16mm 14mm; }
@media print {
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  h2, h3 { break-after: avoid; }
  figure.chart, tr { break-inside: avoid; }
  thead { display: table-header-group; }
}
`;

const packageFolder = (name: string) => dirname(createRequire(import.meta.url).resolve(`${name}/package.json`));

/** Vazirmatn (WOFF2, ~50 KB a weight) as data: the page needs no installed Persian font and no network. */
function persianFontFaces(): string {
  const face = (file: string, weight: number) => {
    const data = readFileSync(join(packageFolder('vazirmatn'), 'fonts', 'webfonts', file)).toString('base64');
    return `@font-face { font-family: Vazirmatn; font-weight: ${weight}; src: url(data:font/woff2;base64,${data}) format("woff2"); }\n`;
  };
  return face('Vazirmatn-Regular.woff2', 400) + face('Vazirmatn-Bold.woff2', 700);
}
