import type { Block } from '../render/markdown/markdown-blocks.js';
import { parseMarkdown } from '../render/markdown/markdown-blocks.js';
import { renderPdf } from '../render/pdf/render-pdf.js';
import type { ClassReport } from './class-report.js';

/** report.pdf: the report's Markdown laid out by the sheets' pdfkit pipeline, the charts drawn as vector figures. */
export async function classReportPdf(report: ClassReport, date: Date): Promise<{ bytes: Uint8Array; pages: number; warnings: string[] }> {
  const blocks: Block[] = report.pieces.flatMap((piece): Block[] =>
    piece.kind === 'markdown' ? parseMarkdown(piece.text) : [{ kind: 'figure', svg: piece.chart.svg }],
  );
  const { texts } = report;
  const pdf = await renderPdf(
    blocks,
    {
      title: report.title,
      name: '',
      id: texts.documentName,
      footer: report.set,
      ...(texts.pageLabel ? { pageLabel: texts.pageLabel } : {}),
      ...(report.digits === 'persian' ? { digits: report.digits } : {}),
    },
    { title: report.title, author: 'sigmax', subject: texts.documentName, date },
    // The report has no formulas: MathJax is not loaded.
    'plain',
    report.rtl ? 'rtl' : 'ltr',
  );
  return { bytes: pdf.bytes, pages: pdf.pages, warnings: [...pdf.mathErrors, ...pdf.warnings] };
}
