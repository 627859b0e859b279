import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as fontkit from 'fontkit';

/** The faces a page uses; DejaVu covers σ η ∂ ∇ − × Σ ← ≈ ᵀ ŷ and superscript digits. */
export type FontRole = 'regular' | 'bold' | 'italic' | 'boldItalic' | 'mono';

const FILES: Record<FontRole, string> = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  italic: 'DejaVuSans-Oblique.ttf',
  boldItalic: 'DejaVuSans-BoldOblique.ttf',
  mono: 'DejaVuSansMono.ttf',
};

export const FONT_ROLES = Object.keys(FILES) as FontRole[];

const fontDirectory = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const parsed = new Map<FontRole, fontkit.Font>();

/**
 * A face parsed once per process and handed to every document: re-parsing
 * the 739 KB file per PDF cut throughput from 115 to 41 PDFs/s (notes).
 */
export function fontFor(role: FontRole): fontkit.Font {
  let font = parsed.get(role);
  if (!font) {
    font = fontkit.create(readFileSync(join(fontDirectory, FILES[role])));
    parsed.set(role, font);
  }
  return font;
}

// Word widths in 1/1000 em, shared by every document of the process.
const widths = new Map<string, number>();

/** Advance width of text in points, measured as pdfkit will set it (fontkit layout). */
export function textWidth(role: FontRole, text: string, size: number): number {
  const key = `${role}\u0000${text}`;
  let units = widths.get(key);
  if (units === undefined) {
    const font = fontFor(role);
    units = (font.layout(text).advanceWidth * 1000) / font.unitsPerEm;
    if (widths.size > 200_000) widths.clear();
    widths.set(key, units);
  }
  return (units * size) / 1000;
}

// Two per-document costs of pdfkit, shared across the documents of a process
// without changing a byte of output:
// - pdfkit caches the shaping of each word per font *object*, i.e. per
//   document; shaping (fontkit layout) was then the largest cost of a page.
//   One cache per face serves every document (replaced now and then to bound memory).
// - Subsetting a face (fontkit encode) and deflating it cost ~3 ms per face and
//   document. Every document first takes the same glyphs in the same order
//   (CANONICAL_TEXT), so documents of one kind end with the same glyph list,
//   and the compressed subset of a glyph list is kept: equal list, equal bytes.
//   pdfkit is handed the bytes already compressed (see embedPrecompressed).
const SHARED_LAYOUTS_MAX_USES = 400;
const MAX_SUBSETS = 200;
const CANONICAL_TEXT = `${String.fromCharCode(...Array.from({ length: 95 }, (_, i) => 32 + i))}−×·…•≈←⁰¹²³⁴⁵⁶⁷⁸⁹⁻`;

interface EmbeddedFont {
  document: PDFKit.PDFDocument;
  layoutCache?: Record<string, unknown>;
  encode(text: string): unknown;
  embed(): void;
  subset: { glyphs: number[]; encode(): Uint8Array };
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

const sharedLayouts = new Map<FontRole, { cache: Record<string, unknown>; uses: number }>();
const subsets = new Map<string, Uint8Array>();
const prepared = new WeakSet<EmbeddedFont>();

function prepare(font: EmbeddedFont, role: FontRole): void {
  let shared = sharedLayouts.get(role);
  if (!shared || shared.uses >= SHARED_LAYOUTS_MAX_USES) {
    shared = { cache: Object.create(null) as Record<string, unknown>, uses: 0 };
    sharedLayouts.set(role, shared);
  }
  shared.uses++;
  font.layoutCache = shared.cache;
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
  const font = (doc as unknown as { _font: EmbeddedFont })._font;
  if (!prepared.has(font)) prepare(font, role);
  return doc;
}

/** Characters of text that a face has no glyph for (a blank on the page otherwise). */
export function missingGlyphs(role: FontRole, text: string): string[] {
  const font = fontFor(role);
  // ASCII is always there; only the rest needs looking up.
  const rare = new Set(text.match(/[^\x00-\x7f]/gu) ?? []);
  return [...rare].filter((ch) => !/\s/.test(ch) && !font.hasGlyphForCodePoint(ch.codePointAt(0)!));
}
