// The Unicode bidirectional algorithm (UAX #9) on plain strings: which spans
// of a right-to-left paragraph stay left to right, the level of every
// character in a paragraph of either direction, and the visual order of a
// line's runs. No fonts, no PDF.
import bidiModule, { type Bidi } from 'bidi-js';
import type { TextDirection } from '../../text/text-direction.js';
import { LRI, PDI } from '../../text/bidi-isolates.js';

// bidi-js is CommonJS and its module.exports is the factory; its types declare an ES default export instead.
const bidi = (bidiModule as unknown as () => Bidi)();

/** Stand-in for an inline formula in the paragraph's text (U+FFFC OBJECT REPLACEMENT CHARACTER, a neutral). */
export const OBJECT = '\uFFFC';
/** Left-to-right override … pop directional formatting: every character inside is strong left to right. */
const LRO = '\u202D';
const PDF = '\u202C';

/** Letters written right to left. Arabic-Indic digits (AN) are not among them: a number stays one left-to-right span. */
const RTL_TYPES = new Set(['R', 'AL']);
const OPENERS: Record<string, string> = { '(': ')', '[': ']', '{': '}', '⟨': '⟩' };
const CLOSERS = new Set(Object.values(OPENERS));
/** A space-delimited token of these alone separates two spans ("26B5-44DF · 3"). */
const SEPARATOR_TOKEN = /^[·•|–—]+$/u;
/** A token ending in these ends a span ("1, 2" is a list, read right to left). */
const SEPARATOR_END = /[,،;؛:]$/u;
/** The Persian comma and semicolon end a span even after Latin words: "(q1، ۴ رقم" lists q1 then ۴, right to left. */
const PERSIAN_SEPARATOR_END = /[،؛]$/u;
/** Isolates already in the text (prose-digits' numbers, a template's id): a span never crosses their boundaries. */
const ISOLATE_CONTROL = /[\u2066-\u2069]/u;
const LATIN_LETTER = /\p{L}/u;
const SIGN_BEFORE_DIGIT = /^[-−+]\p{Nd}/u;

const isRtl = (ch: string) => RTL_TYPES.has(bidi.getBidiCharTypeName(ch));
/** Where a run of possible left-to-right text stops: a right-to-left letter, a line break, an isolate of the text. */
const endsRun = (ch: string) => isRtl(ch) || ch === '\n' || ISOLATE_CONTROL.test(ch);
const isStrongLtrOrDigit = (ch: string) => {
  const type = bidi.getBidiCharTypeName(ch);
  return type === 'L' || type === 'EN' || type === 'AN';
};

/**
 * Spans of a right-to-left paragraph that must keep their left-to-right
 * order: numbers with their signs ("-1.2", "1 × 10⁻⁶"), Latin words and
 * identifiers ("Demo Student (demo)", "q1.z"). Without an isolate the
 * algorithm's weak-type rules move a leading minus behind its number
 * ("1.2-"). Returned as [start, end) ranges of `text`, in order.
 * `forcedLtr[i]` marks characters that are left to right whatever they hold (code).
 */
export function ltrSpans(text: string, forcedLtr: readonly boolean[] = []): [number, number][] {
  const spans: [number, number][] = [];
  let i = 0;
  while (i < text.length) {
    if (forcedLtr[i]) {
      const start = i;
      while (i < text.length && forcedLtr[i]) i++;
      spans.push([start, i]);
      continue;
    }
    if (endsRun(text[i]!)) {
      i++;
      continue;
    }
    // A run with no right-to-left character (and no code), cut into spans at separators.
    const start = i;
    while (i < text.length && !forcedLtr[i] && !endsRun(text[i]!)) i++;
    for (const [a, b] of splitRun(text, start, i)) {
      const [s, e] = trim(text, a, b);
      if (s < e && [...text.slice(s, e)].some(isStrongLtrOrDigit)) spans.push([s, e]);
    }
  }
  return spans;
}

/**
 * Cuts [start, end) at separator tokens, and after a token ending in a comma
 * or colon unless Latin words precede it in the piece: "1, 2" is a list read
 * right to left, "Week 1: a neuron" one left-to-right title (as rule W7
 * would have it).
 */
function splitRun(text: string, start: number, end: number): [number, number][] {
  const cuts: [number, number][] = [];
  let from = start;
  let latinSinceCut = false;
  const cut = (at: number, resume: number) => {
    if (at > from) cuts.push([from, at]);
    from = resume;
    latinSinceCut = false;
  };
  const tokenPattern = /\S+/gu;
  const run = text.slice(start, end);
  for (let m = tokenPattern.exec(run); m; m = tokenPattern.exec(run)) {
    const tokenStart = start + m.index;
    const tokenEnd = tokenStart + m[0].length;
    if (SEPARATOR_TOKEN.test(m[0])) {
      cut(tokenStart, tokenEnd);
      continue;
    }
    latinSinceCut ||= LATIN_LETTER.test(m[0]);
    if (PERSIAN_SEPARATOR_END.test(m[0]) || (SEPARATOR_END.test(m[0]) && !latinSinceCut)) cut(tokenEnd - 1, tokenEnd);
  }
  cut(end, end);
  // Brackets whose partner lies outside the piece belong to the surrounding right-to-left text.
  return cuts.flatMap(([a, b]) => splitAtLoneBrackets(text, a, b));
}

function splitAtLoneBrackets(text: string, start: number, end: number): [number, number][] {
  const stack: number[] = [];
  const lone = new Set<number>();
  for (let i = start; i < end; i++) {
    const ch = text[i]!;
    if (OPENERS[ch]) stack.push(i);
    else if (CLOSERS.has(ch)) {
      const open = stack.length > 0 ? stack[stack.length - 1]! : -1;
      if (open >= 0 && OPENERS[text[open]!] === ch) stack.pop();
      else lone.add(i);
    }
  }
  for (const open of stack) lone.add(open);
  const pieces: [number, number][] = [];
  let from = start;
  for (const at of [...lone].sort((a, b) => a - b)) {
    if (at > from) pieces.push([from, at]);
    from = at + 1;
  }
  if (end > from) pieces.push([from, end]);
  return pieces;
}

/** Drops spaces and punctuation at the ends, keeping a sign before a digit, brackets and per cent after a number. */
function trim(text: string, start: number, end: number): [number, number] {
  let s = start;
  let e = end;
  const keepAtStart = (i: number) => isStrongLtrOrDigit(text[i]!) || text[i] === OBJECT || OPENERS[text[i]!] !== undefined || SIGN_BEFORE_DIGIT.test(text.slice(i, i + 2));
  const keepAtEnd = (i: number) => isStrongLtrOrDigit(text[i]!) || text[i] === OBJECT || CLOSERS.has(text[i]!) || /[%‰°′″'⁻]/u.test(text[i]!);
  while (s < e && !keepAtStart(s)) s++;
  while (e > s && !keepAtEnd(e - 1)) e--;
  return [s, e];
}

/**
 * The text with every left-to-right span wrapped in LRI … PDI, and for each
 * output character the index it came from (-1 for a control). A forced span
 * (code) is also overridden (LRO … PDF): its characters all take one level,
 * so "۰٫۳۴" (the separator is an Arabic number, a level higher than the
 * digits) or "3.49×10^-32" is one run, drawn as typed. In a left-to-right
 * paragraph only the forced spans are marked: the rest already reads left to right.
 */
export function isolateLtrSpans(text: string, forcedLtr: readonly boolean[] = [], direction: TextDirection = 'rtl'): { text: string; source: number[] } {
  const spans = direction === 'rtl' ? ltrSpans(text, forcedLtr) : forcedSpans(forcedLtr);
  let out = '';
  const source: number[] = [];
  let at = 0;
  const copy = (to: number) => {
    for (; at < to; at++) {
      out += text[at];
      source.push(at);
    }
  };
  const control = (mark: string) => {
    out += mark;
    source.push(-1);
  };
  for (const [s, e] of spans) {
    const forced = forcedLtr[s] === true;
    copy(s);
    control(LRI);
    if (forced) control(LRO);
    copy(e);
    if (forced) control(PDF);
    control(PDI);
  }
  copy(text.length);
  return { text: out, source };
}

/** The runs of `true` in `forced`, as [start, end) ranges. */
function forcedSpans(forced: readonly boolean[]): [number, number][] {
  const spans: [number, number][] = [];
  for (let i = 0; i < forced.length; i++) {
    if (!forced[i]) continue;
    const start = i;
    while (i < forced.length && forced[i]) i++;
    spans.push([start, i]);
  }
  return spans;
}

/** Resolved embedding level of every UTF-16 unit of a paragraph of the given base direction (level 1 right to left, 0 left to right). */
export function paragraphLevels(text: string, direction: TextDirection): Uint8Array {
  return bidi.getEmbeddingLevels(text, direction).levels;
}

/** The character drawn for `ch` at an odd (right-to-left) level: "(" becomes ")", and so on. */
export function mirrored(ch: string): string {
  return bidi.getMirroredCharacter(ch) ?? ch;
}

/** The embedding level of a paragraph's base direction. */
export const paragraphLevel = (direction: TextDirection): number => (direction === 'rtl' ? 1 : 0);

/**
 * Visual order (left to right) of a line's runs, given in logical order
 * with their levels: UAX #9 rule L1 (whitespace at the end of the line takes
 * the paragraph's level) then L2 (from the highest level down to the lowest
 * odd one, reverse every stretch at that level or above).
 */
export function visualOrder(runs: readonly { level: number; whitespace: boolean }[], baseLevel: number): number[] {
  const levels = runs.map((r) => r.level);
  for (let i = runs.length - 1; i >= 0 && runs[i]!.whitespace; i--) levels[i] = baseLevel;
  const order = runs.map((_, i) => i);
  if (runs.length === 0) return order;
  const highest = Math.max(...levels);
  const lowestOdd = Math.min(...levels.map((l) => l | 1));
  for (let level = highest; level >= lowestOdd; level--) {
    for (let i = 0; i < order.length; i++) {
      if (levels[order[i]!]! < level) continue;
      let j = i;
      while (j + 1 < order.length && levels[order[j + 1]!]! >= level) j++;
      reverse(order, i, j);
      i = j;
    }
  }
  return order;
}

function reverse(values: number[], from: number, to: number): void {
  for (let a = from, b = to; a < b; a++, b--) [values[a], values[b]] = [values[b]!, values[a]!];
}
