// A returned sheet, read with pdf-lib: the text of its form fields, the
// sheet's identity (read-only fields, else the document information), and
// when it was last saved. What cannot be read is said in a student's terms:
// not a PDF, encrypted, damaged.
import {
  EncryptedPDFError,
  PDFAcroText,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFString,
  ParseSpeeds,
} from '@cantoo/pdf-lib';
import { IDENTITY_FIELD, IDENTITY_INFO_KEY, SHEET_IDENTITY_KEYS, type SheetIdentity } from '../../variant/sheet-form.js';

export interface FilledSheet {
  /** What the sheet says it is; a key is missing where neither field nor information has it. */
  identity: Partial<SheetIdentity>;
  /** Every text field's full name and text (empty where nothing was typed), in the form's order. */
  fields: Map<string, string>;
  /** The document's ModDate (else CreationDate), as readers set it on saving. */
  saved: Date | undefined;
}

export type SheetRead = { ok: true; sheet: FilledSheet } | { ok: false; reason: string };

/** A PDF's header may come after some bytes of junk, within its first kilobyte (as readers allow). */
const HEADER_WINDOW = 1024;

export async function readFilledSheet(bytes: Uint8Array): Promise<SheetRead> {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, HEADER_WINDOW)).toString('latin1');
  if (!head.includes('%PDF-')) return { ok: false, reason: `not a PDF (${whatItLooksLike(head)}); expected the filled sheet` };
  const options = { updateMetadata: false, throwOnInvalidObject: true, parseSpeed: ParseSpeeds.Fastest };
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, options);
  } catch (error) {
    if (!(error instanceof EncryptedPDFError) && !(await isEncrypted(bytes))) {
      return { ok: false, reason: `damaged PDF, not readable (${firstLine(error)}): cut short in the upload?` };
    }
    try {
      // Encrypted with no password to open it (editing restricted only): it reads as any other.
      doc = await PDFDocument.load(bytes, { ...options, password: '' });
    } catch {
      return { ok: false, reason: 'encrypted PDF (it needs a password to open): hand in the sheet as saved, without a password' };
    }
  }
  try {
    const fields = textFields(doc);
    const info = infoDict(doc);
    const identity: Partial<SheetIdentity> = {};
    for (const key of SHEET_IDENTITY_KEYS) {
      const value = fields.get(IDENTITY_FIELD[key]) || textOf(info?.lookup(PDFName.of(IDENTITY_INFO_KEY[key])));
      if (value) identity[key] = value.trim();
    }
    return { ok: true, sheet: { identity, fields, saved: savedDate(doc) } };
  } catch (error) {
    return { ok: false, reason: `damaged PDF (${firstLine(error)})` };
  }
}

/** Whether a PDF that would not parse is encrypted (its object streams then read as nonsense), asked leniently and quietly. */
async function isEncrypted(bytes: Uint8Array): Promise<boolean> {
  try {
    const options = { ignoreEncryption: true, throwOnInvalidObject: false, warnOnInvalidObjects: false, updateMetadata: false };
    return (await PDFDocument.load(bytes, options)).isEncrypted;
  } catch {
    return false;
  }
}

/** The full name and text of every text field (pdf-lib's low-level form: no XFA handling, no warnings printed). */
function textFields(doc: PDFDocument): Map<string, string> {
  const fields = new Map<string, string>();
  const form = doc.catalog.getAcroForm();
  if (!form) return fields;
  for (const [field] of form.getAllFields()) {
    if (!(field instanceof PDFAcroText)) continue;
    const name = field.getFullyQualifiedName();
    if (name !== undefined && !fields.has(name)) fields.set(name, textOf(field.getValue()) ?? '');
  }
  return fields;
}

/** The document information dictionary, if the trailer has one. */
function infoDict(doc: PDFDocument): PDFDict | undefined {
  const info = doc.context.trailerInfo.Info;
  const dict = info ? doc.context.lookup(info) : undefined;
  return dict instanceof PDFDict ? dict : undefined;
}

function textOf(value: unknown): string | undefined {
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;
}

function savedDate(doc: PDFDocument): Date | undefined {
  for (const read of [() => doc.getModificationDate(), () => doc.getCreationDate()]) {
    try {
      const date = read();
      if (date && !Number.isNaN(date.getTime())) return date;
    } catch {
      // A date in a form no reader writes: the other one, or none.
    }
  }
  return undefined;
}

const firstLine = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 160);

/** A word on what a file that is not a PDF seems to be, from its first bytes. */
function whatItLooksLike(head: string): string {
  if (head.startsWith('PK\u0003\u0004')) return 'a zip, or a Word or other Office document';
  if (head.startsWith('\u0089PNG') || head.startsWith('\u00ff\u00d8\u00ff')) return 'a picture';
  if (/^\s*<(!doctype html|html|p|div)\b/i.test(head)) return 'a web page, such as an online text';
  if (head.length === 0) return 'an empty file';
  return 'some other file';
}
