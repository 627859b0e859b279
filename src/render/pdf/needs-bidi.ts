// Which text the plain left-to-right layout cannot set: right-to-left letters
// (drawn reversed and unjoined otherwise) and bidi controls (drawn as blanks).
// Looked at before the bidi layout and its tables are loaded, and for every
// paragraph of a left-to-right page: a page without any keeps its bytes.
import { BIDI_CONTROL, hasRightToLeft } from '../../text/text-direction.js';
import type { Block, Inline } from '../markdown/markdown-blocks.js';

const textNeedsBidi = (text: string) => hasRightToLeft(text) || BIDI_CONTROL.test(text);

/** A line of text, or a paragraph's inlines, that needs the bidirectional layout. */
export function needsBidi(content: string | readonly Inline[]): boolean {
  if (typeof content === 'string') return textNeedsBidi(content);
  return content.some((inline) => inline.kind === 'text' && textNeedsBidi(inline.text));
}

/** Whether any text of the blocks needs the bidirectional layout (formulas are outlines, code blocks are set as typed: not looked at). */
export function blocksNeedBidi(blocks: readonly Block[]): boolean {
  return blocks.some((block) => {
    switch (block.kind) {
      case 'heading':
      case 'paragraph':
        return needsBidi(block.inlines);
      case 'list':
        return block.items.some(blocksNeedBidi);
      case 'quote':
        return blocksNeedBidi(block.blocks);
      case 'table':
        return [block.head, ...block.rows].some((row) => row.some(needsBidi));
      default:
        return false;
    }
  });
}
