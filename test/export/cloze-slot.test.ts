import { describe, expect, it } from 'vitest';
import { D } from '../../src/engine/decimal.js';
import { clozeFeedback, clozeSlot, slotWeights } from '../../src/export/cloze-slot.js';
import { lmsAnswer } from '../../src/export/lms-number.js';
import { extractCloze, htmlEntityDecode } from './moodle-cloze-grammar.js';

const answer = (key: string, margin: string) => lmsAnswer(new D(key), new D(margin));

/** What a student sees of a stored feedback: the HTML's text. */
const shown = (html: string) => htmlEntityDecode(html);

describe('cloze slots, read back with Moodle’s grammar', () => {
  it('parses a slot into its weight, key, margin and a 0 % wrong answer, each with its feedback', () => {
    const slot = clozeSlot(3, [
      { percent: 100, answer: answer('0.795', '0.00795'), feedback: 'correct' },
      { percent: 0, answer: answer('-0.5', '0.005'), feedback: 'update-sign: w + η·∂L/∂w' },
    ]);
    const { slots, text } = extractCloze(`<p>before</p>${slot}<p>after</p>`);
    expect(text).toBe('<p>before</p>{#1}<p>after</p>');
    expect(slots).toHaveLength(1);
    const [parsed] = slots;
    expect(parsed!.weight).toBe(3);
    expect(parsed!.numerical).toBe(true);
    expect(parsed!.alternatives.map((a) => [a.fraction, a.number, shown(a.feedback)])).toEqual([
      [1, { value: '0.795', margin: '0.00795' }, 'correct'],
      [0, { value: '-0.5', margin: '0.005' }, 'update-sign: w + η·∂L/∂w'],
    ]);
  });

  it('keeps } # ~ / " \\ and HTML characters in feedback: one slot, the text back exactly', () => {
    const nasty = 'a}b#c~d/e"f\\g \\} \\# <b>&amp; {1:NUMERICAL:=1} it\'s ~%0%';
    const slot = clozeSlot(1, [
      { percent: 100, answer: answer('1', '0.1'), feedback: nasty },
      { percent: 0, answer: answer('2', '0.1'), feedback: nasty },
    ]);
    for (const special of ['}', '~', '\\']) expect(clozeFeedback(nasty)).not.toContain(special);
    const { slots, text } = extractCloze(`x ${slot} y ${slot}`);
    expect(text).toBe('x {#1} y {#2}');
    expect(slots).toHaveLength(2);
    for (const parsed of slots) {
      expect(parsed.alternatives).toHaveLength(2);
      for (const alternative of parsed.alternatives) expect(shown(alternative.feedback)).toBe(nasty);
    }
  });

  it('escapes each special character as a reference that Moodle’s one html_entity_decode turns into HTML', () => {
    expect(clozeFeedback('}#~/"\\<&')).toBe('&amp;#125;&amp;#35;&amp;#126;&amp;#47;&amp;#34;&amp;#92;&amp;#60;&amp;#38;');
    expect(htmlEntityDecode(clozeFeedback('a < b'))).toBe('a &#60; b');
  });

  it('writes numbers Moodle’s NUMBER_REGEX reads, exponents included', () => {
    const { slots } = extractCloze(clozeSlot(1, [{ percent: 100, answer: answer('-1.2345e-9', '1.2e-11'), feedback: '' }]));
    expect(slots[0]!.alternatives[0]!.number).toEqual({ value: '-1.2345e-9', margin: '1.2e-11' });
  });

  it('refuses a weight Moodle cannot read', () => {
    expect(() => clozeSlot(1.5, [])).toThrow(/whole number/);
  });
});

describe('slot weights', () => {
  const weights = (...points: string[]) => slotWeights(points.map((p) => new D(p)));

  it('gives equal points 1 each and keeps a ratio in whole numbers', () => {
    expect(weights('0.5', '0.5', '0.5')).toEqual({ weights: [1, 1, 1], exact: true });
    expect(weights('2', '1', '0.5')).toEqual({ weights: [4, 2, 1], exact: true });
    expect(weights('0', '1')).toEqual({ weights: [0, 1], exact: true });
  });

  it('keeps thirds as whole numbers (10 points over 3 parts plus 2 named)', () => {
    const third = new D(8).div(3);
    expect(slotWeights([third, third, third, new D(2)])).toEqual({ weights: [4, 4, 4, 3], exact: true });
  });

  it('falls back to percent of the total when no small multiple is whole, and says so', () => {
    const result = slotWeights([new D(1), new D(2).sqrt()]);
    expect(result.exact).toBe(false);
    expect(result.weights).toEqual([41, 59]);
  });
});
