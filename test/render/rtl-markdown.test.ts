import { describe, expect, it } from 'vitest';
import { isolateCodeSpans } from '../../src/render/rtl-markdown.js';

const [LRI, PDI] = ['\u2066', '\u2069'];

describe('isolateCodeSpans (Persian Markdown in a browser)', () => {
  it('wraps each inline code span in a left-to-right isolate, once', () => {
    const text = 'به شکل `3.49e-32` یا `3.49×10^-32` بنویسید.';
    const once = isolateCodeSpans(text);
    expect(once).toBe(`به شکل ${LRI}\`3.49e-32\`${PDI} یا ${LRI}\`3.49×10^-32\`${PDI} بنویسید.`);
    expect(isolateCodeSpans(once)).toBe(once);
  });

  it('leaves formulas alone, even with a backtick inside, and text without code', () => {
    const text = 'ورودی $z = w^\\top x + b$ و $$a`b$$ را';
    expect(isolateCodeSpans(text)).toBe(text);
    expect(isolateCodeSpans('| z | `yhat` |')).toBe(`| z | ${LRI}\`yhat\`${PDI} |`);
  });
});
