// Breaking a display formula that is wider than the measure. First at
// relations (=, ≈, ←), continuation lines aligned under the first relation
// as `aligned` would; a part still too wide is broken before + or − (never
// before ·, which binds tighter); and what still does not fit is scaled down,
// that line alone. An operator always stays with what follows it.
import { EM } from './math-piece.js';

/** What breaking needs to know of an atom's box. */
export interface BreakBox {
  cls: 'ord' | 'bin' | 'rel' | 'punct' | 'open' | 'close';
  tex: string;
  width: number;
  /** Space TeX puts before this atom when it does not start a line. */
  before: number;
}

export interface BrokenLine<B extends BreakBox> {
  boxes: B[];
  indent: number;
  /** ≤ 1: this line alone shrinks to fit. */
  scale: number;
}

const MU = EM / 18;
const ADDITIVE = new Set(['+', '-', '\\pm', '\\mp']);
/** Continuation indent when aligning under the first relation would leave too little room. */
const FALLBACK_INDENT = 2 * EM;

const widthOf = (boxes: readonly BreakBox[]) => boxes.reduce((sum, b, k) => sum + (k === 0 ? 0 : b.before) + b.width, 0);

/** Cuts boxes into runs, a new run starting at every box where `startsRun` holds. */
function runs<B extends BreakBox>(boxes: readonly B[], startsRun: (box: B, previous: B | undefined) => boolean): B[][] {
  const out: B[][] = [];
  boxes.forEach((box, k) => {
    if (k === 0 || startsRun(box, boxes[k - 1])) out.push([box]);
    else out[out.length - 1]!.push(box);
  });
  return out;
}

export function breakDisplay<B extends BreakBox>(boxes: readonly B[], maxWidth: number): BrokenLine<B>[] {
  if (widthOf(boxes) <= maxWidth) return [{ boxes: [...boxes], indent: 0, scale: 1 }];

  // Where continuation lines align: the first relation, or a fixed indent.
  let relX = -1;
  let relWidth = 0;
  let x = 0;
  for (const [k, box] of boxes.entries()) {
    x += k === 0 ? 0 : box.before;
    if (box.cls === 'rel') {
      relX = x;
      relWidth = box.width;
      break;
    }
    x += box.width;
  }
  const relIndent = relX > 0 && relX < maxWidth / 3 ? relX : FALLBACK_INDENT;
  const indentOf = (first: B, afterComma: boolean) =>
    afterComma ? 0 : first.cls === 'rel' ? relIndent : relIndent + relWidth + 5 * MU;

  const lines: BrokenLine<B>[] = [];
  let current: B[] = [];
  let indent = 0;
  const place = (run: B[], afterComma: boolean) => {
    const fits = (line: B[], lineIndent: number) => lineIndent + widthOf(line) <= maxWidth;
    if (current.length > 0 && fits([...current, ...run], indent)) {
      current.push(...run);
      return;
    }
    if (current.length > 0) lines.push(finish(current, indent, maxWidth));
    current = [...run];
    indent = lines.length === 0 ? 0 : indentOf(run[0]!, afterComma);
  };
  const primary = runs(boxes, (box, previous) => box.cls === 'rel' || previous?.cls === 'punct');
  primary.forEach((run, i) => {
    const afterComma = i > 0 && primary[i - 1]!.at(-1)!.cls === 'punct';
    const runIndent = i === 0 ? 0 : indentOf(run[0]!, afterComma);
    if (runIndent + widthOf(run) <= maxWidth) place(run, afterComma);
    else {
      // Too wide even on a line of its own: break it before + and −.
      const secondary = runs(run, (box) => box.cls === 'bin' && ADDITIVE.has(box.tex));
      secondary.forEach((part, k) => place(part, k === 0 ? afterComma : false));
    }
  });
  if (current.length > 0) lines.push(finish(current, indent, maxWidth));
  return lines;
}

/** A line that still does not fit first gives up its indent, then shrinks. */
function finish<B extends BreakBox>(boxes: B[], indent: number, maxWidth: number): BrokenLine<B> {
  const width = widthOf(boxes);
  if (indent + width <= maxWidth) return { boxes, indent, scale: 1 };
  if (width <= maxWidth) return { boxes, indent: maxWidth - width, scale: 1 };
  return { boxes, indent: 0, scale: maxWidth / width };
}
