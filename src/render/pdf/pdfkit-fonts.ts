// pdfkit's fonts, made cheap per document without changing a byte of output:
// - pdfkit shapes and caches each word per font *object*, i.e. per document;
//   here every document's fonts shape through shapeText(), one cache per process.
// - Subsetting a face (fontkit encode) and deflating it cost ~3 ms per face and
//   document. Every document first takes the same glyphs in the same order
//   (CANONICAL_TEXT), so documents of one kind end with the same glyph list,
//   and the compressed subset of a glyph list is kept: equal list, equal bytes.
//   pdfkit is handed the bytes already compressed (see embedPrecompressed).
// Written against pdfkit 0.20's EmbeddedFont (layoutRun, subset, embed).
import { deflateSync } from 'node:zlib';
import { type FontRole, type ShapedRun, fontFor, glyphText, shapeText } from './fonts.js';

const MAX_SUBSETS = 200;
const CANONICAL_TEXT = `${String.fromCharCode(...Array.from({ length: 95 }, (_, i) => 32 + i))}−×·…•≈←⁰¹²³⁴⁵⁶⁷⁸⁹⁻`;

interface EmbeddedFont {
  id: string;
  document: PDFKit.PDFDocument;
  layoutCache?: Record<string, unknown>;
  layoutRun(text: string, features?: unknown): unknown;
  encode(text: string): [string[], unknown[]];
  embed(): void;
  ref(): unknown;
  widths: number[];
  unicode: number[][];
  subset: { glyphs: number[]; includeGlyph(id: number): number; encode(): Uint8Array };
}

interface StreamRef {
  compress: boolean;
  data: Record<string, unknown>;
  end(chunk?: Uint8Array): void;
}

/** Font programs we compressed ourselves: the stream that receives one must not deflate it again. */
const precompressed = new WeakSet<Uint8Array>();

/**
 * Runs pdfkit's embed() with the font file written as given: a stream whose
 * data is one of our precompressed subsets is marked FlateDecode and not deflated again.
 */
function embedPrecompressed(font: EmbeddedFont, embed: () => void): void {
  const doc = font.document as unknown as { ref(data?: Record<string, unknown>): StreamRef };
  const ref = doc.ref;
  doc.ref = (data?: Record<string, unknown>) => {
    const stream = ref.call(doc, data);
    const end = stream.end.bind(stream);
    stream.end = (chunk?: Uint8Array) => {
      if (chunk && precompressed.has(chunk)) {
        stream.compress = false;
        stream.data.Filter = 'FlateDecode';
      }
      end(chunk);
    };
    return stream;
  };
  try {
    embed();
  } finally {
    doc.ref = ref;
  }
}

const subsets = new Map<string, Uint8Array>();
const prepared = new WeakSet<EmbeddedFont>();

function prepare(font: EmbeddedFont, role: FontRole): void {
  // Shaping without features (pdfkit's default path) goes through the process-wide cache.
  const layoutRun = font.layoutRun.bind(font);
  font.layoutRun = (text, features) => (features ? layoutRun(text, features) : shapeText(role, text));
  font.encode(CANONICAL_TEXT);
  const { subset } = font;
  const encode = subset.encode.bind(subset);
  subset.encode = () => {
    const key = `${role}:${subset.glyphs.join(',')}`;
    let bytes = subsets.get(key);
    if (!bytes) {
      if (subsets.size >= MAX_SUBSETS) subsets.clear();
      bytes = deflateSync(encode());
      precompressed.add(bytes);
      subsets.set(key, bytes);
    }
    return bytes;
  };
  const embed = font.embed.bind(font);
  font.embed = () => embedPrecompressed(font, embed);
  prepared.add(font);
}

/** Selects a face and size for the next text operation (use this, not doc.font: see above). */
export function useFont(doc: PDFKit.PDFDocument, role: FontRole, size: number): PDFKit.PDFDocument {
  doc.font(role).fontSize(size);
  const font = currentFont(doc);
  if (!prepared.has(font)) prepare(font, role);
  return doc;
}

/** The current pdfkit font object, registered on the current page (as pdfkit's text() does). */
export function currentFont(doc: PDFKit.PDFDocument): EmbeddedFont {
  const font = (doc as unknown as { _font: EmbeddedFont })._font;
  const fonts = (doc.page as unknown as { fonts: Record<string, unknown> }).fonts;
  fonts[font.id] ??= font.ref();
  return font;
}

/**
 * Glyph ids (hex, for a Tj string) of text in the current font, looked up
 * one character at a time without shaping: for the invisible text layer,
 * where kerning does not matter and shaping each unique formula would.
 */
export function encodeUnshaped(doc: PDFKit.PDFDocument, role: FontRole, text: string): { hex: string; width: number } {
  const font = currentFont(doc);
  const face = fontFor(role);
  const scale = 1000 / face.unitsPerEm;
  let hex = '';
  let width = 0;
  for (const ch of text) {
    const glyph = face.glyphForCodePoint(ch.codePointAt(0)!);
    const gid = font.subset.includeGlyph(glyph.id);
    // As pdfkit's encode(): the width and the text of every glyph it uses.
    font.widths[gid] ??= glyph.advanceWidth * scale;
    font.unicode[gid] ??= glyph.codePoints;
    hex += gid.toString(16).padStart(4, '0');
    width += glyph.advanceWidth * scale;
  }
  return { hex, width };
}

/**
 * Glyph ids (hex) and positions of text shaped as one run. pdfkit's own
 * encode() shapes word by word and joins the words in logical order, which
 * reverses the words of a right-to-left run; this keeps the run whole.
 */
export function encodeShaped(doc: PDFKit.PDFDocument, role: FontRole, text: string): { glyphs: string[]; positions: ShapedRun['positions'] } {
  const font = currentFont(doc);
  const run = shapeText(role, text);
  const glyphs: string[] = [];
  const positions: ShapedRun['positions'] = [];
  run.glyphs.forEach((glyph, i) => {
    const position = run.positions[i]!;
    const text = glyphText(role, glyph);
    // A zero-width non-joiner comes back as the space glyph with no advance: left out, it
    // draws nothing either way, and copying the word does not split it at a space.
    if (position.xAdvance === 0 && text.length === 1 && text[0] === 0x20) return;
    const gid = font.subset.includeGlyph(glyph.id);
    // As pdfkit's encode(): the width and the text of every glyph it uses.
    font.widths[gid] ??= position.advanceWidth;
    font.unicode[gid] ??= text;
    glyphs.push(gid.toString(16).padStart(4, '0'));
    positions.push(position);
  });
  return { glyphs, positions };
}
