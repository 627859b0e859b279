import { join } from 'node:path';
import { writeFileAtomic } from '../io/atomic-file.js';
import { DEFAULT_DOCUMENT_DATE } from '../render/render-set.js';
import { type ClassReportInput, buildClassReport } from './class-report.js';
import { classReportHtml } from './report-html.js';
import { classReportPdf } from './report-pdf.js';

/** Writes report.html and report.pdf into `folder` (each atomically); the files written and what could not be drawn. */
export async function writeClassReport(
  input: ClassReportInput,
  folder: string,
  date: Date = DEFAULT_DOCUMENT_DATE,
): Promise<{ files: string[]; warnings: string[] }> {
  const report = await buildClassReport(input);
  const html = join(folder, 'report.html');
  const pdfFile = join(folder, 'report.pdf');
  const pdf = await classReportPdf(report, date);
  writeFileAtomic(html, classReportHtml(report));
  writeFileAtomic(pdfFile, pdf.bytes);
  return { files: [html, pdfFile], warnings: pdf.warnings.map((w) => `${pdfFile}: ${w}`) };
}
