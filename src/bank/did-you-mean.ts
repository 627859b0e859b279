// "Did you mean …" for a misspelt name in an input file: the known name
// nearest by edit distance, when it is near enough to be a likely typo.

/** ` (did you mean "softmax-ce-step"?)`, or '' when no known name is close. */
export function didYouMean(word: string, known: Iterable<string>): string {
  const near = nearestName(word, known);
  return near === undefined ? '' : ` (did you mean "${near}"?)`;
}

/**
 * The known name closest to `word` (case aside), if within a third of its
 * length in edits (1 to 3; none for one letter), or if one contains the other
 * (`softmax` for `softmax-ce-step`); ties go to the first known.
 */
export function nearestName(word: string, known: Iterable<string>): string | undefined {
  const typed = word.toLowerCase();
  // One letter is no clue: only its other case counts.
  const budget = typed.length < 2 ? 0 : Math.min(3, Math.max(1, Math.floor(typed.length / 3)));
  let best: { name: string; score: number } | undefined;
  for (const name of known) {
    const lower = name.toLowerCase();
    const contains = typed.length >= 3 && (lower.includes(typed) || typed.includes(lower));
    const distance = editDistance(typed, lower);
    if (distance > budget && !contains) continue;
    if (!best || distance < best.score) best = { name, score: distance };
  }
  return best?.name;
}

/** Edits (insert, delete, replace, swap two neighbours) that turn a into b: optimal string alignment. */
export function editDistance(a: string, b: string): number {
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      let best = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, before[j - 2]! + 1);
      row.push(best);
    }
    [before, previous] = [previous, row];
  }
  return previous[b.length]!;
}
