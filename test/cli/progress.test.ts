import { describe, expect, it } from 'vitest';
import { LINE_EVERY_MS, type ProgressOutput, progressBar } from '../../src/cli/progress.js';

/** Progress written to an array, on a clock the test moves. */
function offTerminal() {
  const lines: string[] = [];
  let now = 0;
  const output: ProgressOutput = { isTTY: false, write: (text) => lines.push(text), now: () => now };
  return { lines, output, advance: (ms: number) => (now += ms) };
}

describe('progress off a terminal', () => {
  it('prints a line every few seconds with the count, the share, the rate and the time left, then the end', () => {
    const { lines, output, advance } = offTerminal();
    const progress = progressBar('variants', 100_000, output);
    advance(1000);
    progress.update(2000);
    expect(lines).toEqual([]);
    advance(LINE_EVERY_MS);
    progress.update(12_000);
    expect(lines).toEqual(['variants: 12,000/100,000 (12 %), 2,000/s, about 44 s left\n']);
    advance(1000);
    progress.update(14_000);
    expect(lines).toHaveLength(1);
    advance(LINE_EVERY_MS);
    progress.update(40_000);
    expect(lines[1]).toBe('variants: 40,000/100,000 (40 %), 3,333/s, about 18 s left\n');
    advance(8000);
    progress.stop();
    expect(lines[2]).toBe('variants: 100,000/100,000 in 20 s\n');
  });

  it('says nothing for a run shorter than that', () => {
    const { lines, output, advance } = offTerminal();
    const progress = progressBar('grading', 50, output);
    advance(LINE_EVERY_MS - 1);
    progress.update(49);
    progress.stop();
    expect(lines).toEqual([]);
  });
});
