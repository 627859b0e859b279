import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as fontkit from 'fontkit';

/** The faces a page uses; DejaVu covers σ η ∂ ∇ − × Σ ← ≈ ᵀ ŷ and superscript digits. */
export type LatinRole = 'regular' | 'bold' | 'italic' | 'boldItalic' | 'mono';
/** Vazirmatn for Persian (right-to-left pages only); it has no σ η ∇ Σ ᵀ, DejaVu sets those. */
export type PersianRole = 'persian' | 'persianBold';
export type FontRole = LatinRole | PersianRole;

const packageFolder = (name: string) => dirname(createRequire(import.meta.url).resolve(`${name}/package.json`));
const dejavu = (file: string) => join(packageFolder('dejavu-fonts-ttf'), 'ttf', file);
// The TTF files: Vazirmatn's WOFF2 files crash pdfkit's subsetting (notes).
const vazirmatn = (file: string) => join(packageFolder('vazirmatn'), 'fonts', 'ttf', file);

const FILES: Record<FontRole, () => string> = {
  regular: () => dejavu('DejaVuSans.ttf'),
  bold: () => dejavu('DejaVuSans-Bold.ttf'),
  italic: () => dejavu('DejaVuSans-Oblique.ttf'),
  boldItalic: () => dejavu('DejaVuSans-BoldOblique.ttf'),
  mono: () => dejavu('DejaVuSansMono.ttf'),
  persian: () => vazirmatn('Vazirmatn-Regular.ttf'),
  persianBold: () => vazirmatn('Vazirmatn-Bold.ttf'),
};

/** The faces every document registers (left-to-right pages use no other). */
export const FONT_ROLES: LatinRole[] = ['regular', 'bold', 'italic', 'boldItalic', 'mono'];
export const PERSIAN_ROLES: PersianRole[] = ['persian', 'persianBold'];
export const isPersianRole = (role: FontRole): role is PersianRole => role === 'persian' || role === 'persianBold';
const parsed = new Map<FontRole, fontkit.Font>();

/**
 * A face parsed once per process and handed to every document: re-parsing
 * the 739 KB file per PDF cut throughput from 115 to 41 PDFs/s (notes).
 */
export function fontFor(role: FontRole): fontkit.Font {
  let font = parsed.get(role);
  if (!font) {
    font = fontkit.create(readFileSync(FILES[role]()));
    parsed.set(role, font);
  }
  return font;
}

/** Shaped text in pdfkit's form: positions in 1/1000 em, each with its glyph's own advance. */
export interface ShapedRun {
  glyphs: fontkit.Glyph[];
  positions: (fontkit.GlyphPosition & { advanceWidth: number })[];
  advanceWidth: number;
}

/**
 * Numbers and the signs printed with them: no ligature, no kerning among
 * them in DejaVu (a test checks every pair), so their glyphs are looked up
 * directly. Full OpenType shaping of every student's unique numbers was the
 * dearest part of setting text.
 */
const PLAIN_SHAPING = /^[0-9.,+\-−×·⁰¹²³⁴⁵⁶⁷⁸⁹⁻ ]*$/;
const MAX_SHAPED = 200_000;
const shaped = new Map<string, ShapedRun>();

/** Text shaped in a face, cached for the process (pdfkit and our measuring both read it). */
export function shapeText(role: FontRole, text: string): ShapedRun {
  const key = `${role}\u0000${text}`;
  let run = shaped.get(key);
  if (!run) {
    const font = fontFor(role);
    const scale = 1000 / font.unitsPerEm;
    // Vazirmatn only ever sets right-to-left runs: shaped as such, its glyphs come back in visual order.
    // A DejaVu face sets left to right: fontkit would shape Persian digits (Arabic script) right to left, reversing "۳۴" in code.
    const shape = isPersianRole(role)
      ? font.layout(text, undefined, 'arab', undefined, 'rtl')
      : PLAIN_SHAPING.test(text)
        ? plainShape(font, text)
        : font.layout(text, undefined, undefined, undefined, 'ltr');
    const positions = shape.glyphs.map((glyph, i) => {
      const p = shape.positions[i]!;
      return { xAdvance: p.xAdvance * scale, yAdvance: p.yAdvance * scale, xOffset: p.xOffset * scale, yOffset: p.yOffset * scale, advanceWidth: glyph.advanceWidth * scale };
    });
    run = { glyphs: shape.glyphs, positions, advanceWidth: positions.reduce((sum, p) => sum + p.xAdvance, 0) };
    if (shaped.size >= MAX_SHAPED) shaped.clear();
    shaped.set(key, run);
  }
  return run;
}

export function plainShape(font: fontkit.Font, text: string) {
  const glyphs = [...text].map((ch) => font.glyphForCodePoint(ch.codePointAt(0)!));
  return { glyphs, positions: glyphs.map((g) => ({ xAdvance: g.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0 })) };
}

const cmapTexts = new Map<FontRole, Map<number, number[]>>();

/**
 * The text a glyph stands for in the PDF's ToUnicode map, the same in every
 * process: fontkit keeps one glyph object per id with the code points of the
 * text it was first shaped from (the space glyph may carry U+200C), so that
 * would depend on which document a thread set first. A glyph of the
 * character map stands for its lowest code point; a contextual form or
 * ligature for the code points it was shaped from.
 */
export function glyphText(role: FontRole, glyph: fontkit.Glyph): number[] {
  let texts = cmapTexts.get(role);
  if (!texts) {
    texts = new Map();
    // A parse of its own: glyphForCodePoint creates fontkit's glyph objects with the code point asked for,
    // and in the shared face that would give the "fi" ligature the text "ﬁ" in every later document that pdfkit sets.
    const font = fontkit.create(readFileSync(FILES[role]()));
    for (const codePoint of [...font.characterSet].sort((a, b) => a - b)) {
      const id = font.glyphForCodePoint(codePoint).id;
      if (!texts.has(id)) texts.set(id, [...readableText(codePoint)].map((ch) => ch.codePointAt(0)!));
    }
    cmapTexts.set(role, texts);
  }
  return texts.get(glyph.id) ?? glyph.codePoints;
}

/** An Arabic presentation form (a joined letter, a ligature) reads as the letters it draws: U+FEEA → U+0647. */
function readableText(codePoint: number): string {
  const ch = String.fromCodePoint(codePoint);
  const presentationForm = (codePoint >= 0xfb50 && codePoint <= 0xfdff) || (codePoint >= 0xfe70 && codePoint <= 0xfeff);
  return presentationForm ? ch.normalize('NFKC') : ch;
}

/** Advance width of text in points, as pdfkit will set it. */
export function textWidth(role: FontRole, text: string, size: number): number {
  return (shapeText(role, text).advanceWidth * size) / 1000;
}

/** Characters of text that a face has no glyph for (a blank on the page otherwise). */
export function missingGlyphs(role: FontRole, text: string): string[] {
  const font = fontFor(role);
  // ASCII is always there; only the rest needs looking up.
  const rare = new Set(text.match(/[^\x00-\x7f]/gu) ?? []);
  return [...rare].filter((ch) => !/\s/.test(ch) && !font.hasGlyphForCodePoint(ch.codePointAt(0)!));
}
