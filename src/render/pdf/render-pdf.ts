import PDFDocument from 'pdfkit';
import type { Block } from '../markdown/markdown-blocks.js';
import { layoutBlocks } from './block-layout.js';
import { FONT_ROLES, PERSIAN_ROLES, fontFor } from './fonts.js';
import { type InlineSetter, ltrInlineSetter } from './inline-setter.js';
import { type MathSetter, plainMathSetter } from './math-box.js';
import { type FrameText, type PageFrame, stampFrames } from './page-frame.js';
import { PageFlow } from './page-flow.js';
import { TEXT } from './typography.js';

export type MathMode = 'typeset' | 'plain';
export type TextDirection = 'ltr' | 'rtl';

export interface PdfMeta {
  title: string;
  author: string;
  subject: string;
  /** Written as CreationDate and ModDate; also seeds the file ID, so equal input gives equal bytes. */
  date: Date;
}

let typesetter: MathSetter | null = null;

/** The math setter for a mode; MathJax is loaded on first use only. */
export async function mathSetterFor(mode: MathMode): Promise<MathSetter> {
  if (mode === 'plain') return plainMathSetter;
  if (!typesetter) typesetter = (await import('./typeset-math.js')).createMathSetter();
  return typesetter;
}

/** The right-to-left layout, loaded by the first Persian page only (it brings the bidi tables). */
async function rtlLayout(): Promise<{ text: InlineSetter; frame: FrameText }> {
  const { rtlInlineSetter, rtlTextLine, drawRtlLine } = await import('./rtl-inline-layout.js');
  const style = (size: number) => ({ size, color: TEXT.muted });
  return {
    text: rtlInlineSetter,
    frame: {
      width: (text, size) => rtlTextLine(text, style(size)).width,
      draw: (doc, text, x, baseline, size) => drawRtlLine(doc, rtlTextLine(text, style(size)), x, baseline, style(size)),
    },
  };
}

/**
 * Lays Markdown blocks out as a PDF. The bytes depend only on the input:
 * dates and the file ID come from `meta`, never from the clock.
 */
export async function renderPdf(
  blocks: readonly Block[],
  frame: PageFrame,
  meta: PdfMeta,
  mode: MathMode = 'typeset',
  direction: TextDirection = 'ltr',
): Promise<{ bytes: Uint8Array; pages: number; mathErrors: string[]; warnings: string[] }> {
  const math = await mathSetterFor(mode);
  const rtl = direction === 'rtl' ? await rtlLayout() : null;
  const errorsBefore = math.errors.length;
  const doc = new PDFDocument({
    autoFirstPage: false,
    bufferPages: true,
    margin: 0,
    displayTitle: true,
    // No default font: pdfkit would parse Helvetica's AFM metrics for every document.
    font: null as unknown as string,
    info: {
      Title: meta.title,
      Author: meta.author,
      Subject: meta.subject,
      Creator: 'sigmax',
      Producer: 'sigmax (pdfkit)',
      CreationDate: meta.date,
      ModDate: meta.date,
    },
  });
  const chunks: Uint8Array[] = [];
  doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  // pdfkit accepts a parsed fontkit font: parsed once per process, not per document.
  for (const role of rtl ? [...FONT_ROLES, ...PERSIAN_ROLES] : FONT_ROLES) doc.registerFont(role, fontFor(role) as unknown as PDFKit.Mixins.PDFFontSource);

  const warnings: string[] = [];
  layoutBlocks(blocks, { doc, flow: new PageFlow(doc), math, text: rtl?.text ?? ltrInlineSetter, warnings, ...(frame.digits ? { digits: frame.digits } : {}) });
  stampFrames(doc, frame, rtl?.frame ?? null);
  const pages = doc.bufferedPageRange().count;
  doc.end();
  await ended;
  return { bytes: Buffer.concat(chunks), pages, mathErrors: math.errors.slice(errorsBefore), warnings };
}
