// Splits a formula's TeX at its top level into the atoms TeX itself spaces:
// groups (typeset by MathJax), binary operators, relations, punctuation and
// explicit spaces. Laying these out ourselves gives the same spacing as
// TeX, lets a long display equation break before a relation or operator,
// and lets the piece cache reuse `(-0.4)` across formulas and students.

export type AtomClass = 'ord' | 'bin' | 'rel' | 'punct' | 'open' | 'close' | 'space';

export interface Atom {
  cls: AtomClass;
  /** TeX of the atom (for a space: its width in em). */
  tex: string;
  /** Width in em, for spaces only. */
  em?: number;
}

const RELATIONS = new Set([
  '=', '<', '>', '\\approx', '\\leftarrow', '\\gets', '\\to', '\\rightarrow', '\\Rightarrow', '\\Leftarrow',
  '\\Leftrightarrow', '\\iff', '\\le', '\\leq', '\\ge', '\\geq', '\\ne', '\\neq', '\\equiv', '\\sim', '\\simeq',
  '\\propto', '\\mapsto', '\\in', '\\notin', '\\subset', '\\subseteq',
]);
const BINARIES = new Set(['+', '-', '\\cdot', '\\times', '\\pm', '\\mp', '\\odot', '\\otimes', '\\oplus', '\\div', '\\circ', '\\ast']);
const PUNCTUATION = new Set([',', ';']);
const SPACES: Record<string, number> = {
  '\\quad': 1,
  '\\qquad': 2,
  '\\,': 3 / 18,
  '\\thinspace': 3 / 18,
  '\\:': 4 / 18,
  '\\>': 4 / 18,
  '\\medspace': 4 / 18,
  '\\;': 5 / 18,
  '\\thickspace': 5 / 18,
  '\\!': -3 / 18,
};
const OPENERS = new Set(['(', '[', '\\{', '\\langle', '\\lbrace', '\\lvert', '\\lVert']);
const CLOSERS = new Set([')', ']', '\\}', '\\rangle', '\\rbrace', '\\rvert', '\\rVert']);
/** \big( … \Bigg]: fixed-size delimiters, atoms of their own (their contents can then break and be cached). */
const SIZED = /^\\[Bb]igg?[lr]?$/;

/** TeX tokens: control words, control symbols, single characters; whitespace kept apart. */
function tokenize(tex: string): string[] {
  return tex.match(/\\[A-Za-z]+|\\[^A-Za-z]|\s+|[^\\\s]/g) ?? [];
}

/**
 * The top-level atoms of a formula, or one ord atom holding everything when
 * the TeX is not balanced at the top level (then MathJax alone lays it out).
 */
export function splitAtoms(tex: string): Atom[] {
  const tokens = tokenize(tex);
  const atoms: Atom[] = [];
  let group = '';
  let depth = 0;
  const flush = () => {
    if (group.trim() !== '') atoms.push({ cls: 'ord', tex: group.trim() });
    group = '';
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token === '&' || token === '\\\\' || token === '\\over' || token === '\\choose') {
      if (depth === 0) return [{ cls: 'ord', tex: tex.trim() }];
    }
    if (token === '\\left' || token === '\\right' || token === '\\middle') {
      // The delimiter after \left/\right is part of the construct, not a bracket of its own.
      let j = i + 1;
      while (j < tokens.length && /^\s+$/.test(tokens[j]!)) j++;
      group += token + tokens.slice(i + 1, j + 1).join('');
      if (token === '\\left') depth++;
      if (token === '\\right') depth--;
      i = j;
      if (depth < 0) return [{ cls: 'ord', tex: tex.trim() }];
      continue;
    }
    if (SIZED.test(token)) {
      let j = i + 1;
      while (j < tokens.length && /^\s+$/.test(tokens[j]!)) j++;
      const delimiter = tokens[j] ?? '';
      const cls = OPENERS.has(delimiter) ? 'open' : CLOSERS.has(delimiter) ? 'close' : null;
      const followedByScript = /^[\^_]$/.test(tokens.slice(j + 1).find((t) => !/^\s+$/.test(t)) ?? '');
      i = j;
      if (depth === 0 && cls && !followedByScript) {
        flush();
        atoms.push({ cls, tex: `${token}${delimiter}` });
      } else group += `${token}${delimiter}`;
      continue;
    }
    if (token === '{' || token === '\\begin' || OPENERS.has(token)) depth++;
    else if (token === '}' || CLOSERS.has(token)) depth--;
    else if (token === '\\end') {
      // \end{name}: the closing brace of the name must not unbalance the count below.
      depth--;
    }
    if (depth < 0) return [{ cls: 'ord', tex: tex.trim() }];
    if (depth === 0 && !/^\s+$/.test(token) && !isArgumentOf(tokens, i)) {
      const cls = RELATIONS.has(token) ? 'rel' : BINARIES.has(token) ? 'bin' : PUNCTUATION.has(token) ? 'punct' : null;
      if (cls) {
        flush();
        atoms.push({ cls, tex: token });
        continue;
      }
      const space = SPACES[token];
      if (space !== undefined) {
        flush();
        atoms.push({ cls: 'space', tex: token, em: space });
        continue;
      }
    }
    group += token;
  }
  if (depth !== 0) return [{ cls: 'ord', tex: tex.trim() }];
  flush();
  return atoms;
}

/** True when the token is the argument of ^ or _ (x^- or x_+ are scripts, not operators). */
function isArgumentOf(tokens: readonly string[], i: number): boolean {
  let j = i - 1;
  while (j >= 0 && /^\s+$/.test(tokens[j]!)) j--;
  return j >= 0 && (tokens[j] === '^' || tokens[j] === '_');
}
