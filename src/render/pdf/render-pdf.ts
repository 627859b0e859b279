import PDFDocument from 'pdfkit';
import type { TextDirection } from '../../text/text-direction.js';
import type { Block } from '../markdown/markdown-blocks.js';
import { layoutBlocks } from './block-layout.js';
import { FONT_ROLES, PERSIAN_ROLES, fontFor } from './fonts.js';
import { type InlineSetter, ltrInlineSetter } from './inline-setter.js';
import { type MathSetter, plainMathSetter } from './math-box.js';
import { blocksNeedBidi, needsBidi } from './needs-bidi.js';
import { type FrameText, type PageFrame, plainFrameText, stampFrames } from './page-frame.js';
import { PageFlow } from './page-flow.js';
import { SheetForm } from './form-fields.js';
import { IDENTITY_INFO_KEY, SHEET_IDENTITY_KEYS, type SheetIdentity } from '../../variant/sheet-form.js';

export type MathMode = 'typeset' | 'plain';

export interface PdfMeta {
  title: string;
  author: string;
  subject: string;
  /** Written as CreationDate and ModDate; also seeds the file ID, so equal input gives equal bytes. */
  date: Date;
  /** A problem sheet's identity: with it, the sheet's answer boxes become form fields. */
  sheet?: SheetIdentity;
}

let typesetter: MathSetter | null = null;

/** The math setter for a mode; MathJax is loaded on first use only. */
export async function mathSetterFor(mode: MathMode): Promise<MathSetter> {
  if (mode === 'plain') return plainMathSetter;
  if (!typesetter) typesetter = (await import('./typeset-math.js')).createMathSetter();
  return typesetter;
}

/**
 * The layout of a document's text. The bidirectional layout (it brings the
 * bidi tables) is loaded by the first page that holds right-to-left text:
 * a Persian page, or a Persian name or title on any other.
 */
async function textLayout(blocks: readonly Block[], frame: PageFrame, direction: TextDirection): Promise<{ text: InlineSetter; frame: FrameText; bidi: boolean }> {
  const frameTexts = [frame.title, frame.name, frame.id, frame.footer, frame.pageLabel ?? ''];
  if (direction === 'ltr' && !blocksNeedBidi(blocks) && !frameTexts.some(needsBidi)) return { text: ltrInlineSetter, frame: plainFrameText, bidi: false };
  const { rtlInlineSetter, mixedLtrInlineSetter, bidiFrameText } = await import('./bidi-inline-layout.js');
  return { text: direction === 'rtl' ? rtlInlineSetter : mixedLtrInlineSetter, frame: bidiFrameText(direction), bidi: true };
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
  const layout = await textLayout(blocks, frame, direction);
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
  for (const role of layout.bidi ? [...FONT_ROLES, ...PERSIAN_ROLES] : FONT_ROLES) doc.registerFont(role, fontFor(role) as unknown as PDFKit.Mixins.PDFFontSource);

  const warnings: string[] = [];
  const form = meta.sheet ? new SheetForm(doc, meta.sheet, direction === 'rtl' ? 'persian' : 'regular') : null;
  layoutBlocks(blocks, {
    doc,
    flow: new PageFlow(doc),
    math,
    text: layout.text,
    warnings,
    ...(frame.digits ? { digits: frame.digits } : {}),
    ...(form ? { form } : {}),
  });
  stampFrames(doc, frame, layout.frame, direction);
  if (form && form.count > 0) {
    form.finish();
    for (const key of SHEET_IDENTITY_KEYS) (doc.info as Record<string, unknown>)[IDENTITY_INFO_KEY[key]] = meta.sheet![key];
  }
  const pages = doc.bufferedPageRange().count;
  doc.end();
  await ended;
  return { bytes: Buffer.concat(chunks), pages, mathErrors: math.errors.slice(errorsBefore), warnings };
}
