// markdown-it rules for TeX math as instructors write it on course sites:
// `$…$` inline and `$$…$$` display (on one line or spanning several).
import type { MarkdownIt, StateBlock, StateInline } from 'markdown-it';

const DOLLAR = 0x24;

/** Pandoc's rule: `$` opens when followed by non-space and closes after non-space, not before a digit ($5 and $6 stay text). */
function inlineMath(state: StateInline, silent: boolean): boolean {
  const { src } = state;
  const start = state.pos;
  if (src.charCodeAt(start) !== DOLLAR || src.charCodeAt(start + 1) === DOLLAR) return false;
  if (/\s/.test(src[start + 1] ?? ' ')) return false;
  let end = start + 1;
  for (;;) {
    end = src.indexOf('$', end);
    if (end < 0 || end >= state.posMax) return false;
    if (src[end - 1] !== '\\' && !/\s/.test(src[end - 1]!) && !/\d/.test(src[end + 1] ?? '')) break;
    end++;
  }
  if (!silent) state.push('math_inline', 'math', 0).content = src.slice(start + 1, end);
  state.pos = end + 1;
  return true;
}

function displayMath(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  const lineText = (line: number) => state.src.slice(state.bMarks[line]! + state.tShift[line]!, state.eMarks[line]!);
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  const first = lineText(startLine).trimEnd();
  if (!first.startsWith('$$')) return false;
  if (silent) return true;
  const body: string[] = [];
  let line = startLine;
  let rest = first.slice(2);
  for (;;) {
    if (rest.endsWith('$$') && (line > startLine || rest.length >= 2)) {
      body.push(rest.slice(0, -2));
      break;
    }
    body.push(rest);
    line++;
    if (line >= endLine) break; // unclosed: take the rest of the block
    rest = lineText(line).trimEnd();
  }
  state.line = Math.min(line + 1, endLine);
  const token = state.push('math_block', 'math', 0);
  token.block = true;
  token.content = body.join('\n').trim();
  token.map = [startLine, state.line];
  return true;
}

export function mathSyntax(md: MarkdownIt): void {
  md.inline.ruler.after('escape', 'math_inline', inlineMath);
  md.block.ruler.before('fence', 'math_block', displayMath, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
}
