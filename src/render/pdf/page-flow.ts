import { PAGE } from './typography.js';

/**
 * The vertical position on the current page, and the page break: blocks ask
 * for the room they need and get a fresh page when it is not there.
 */
export class PageFlow {
  y = PAGE.marginTop;
  readonly top = PAGE.marginTop;
  readonly bottom = PAGE.height - PAGE.marginBottom;
  readonly left = PAGE.marginLeft;
  readonly width = PAGE.width - PAGE.marginLeft - PAGE.marginRight;

  constructor(readonly doc: PDFKit.PDFDocument) {
    this.newPage();
  }

  newPage(): void {
    this.doc.addPage({ size: PAGE.size, margin: 0 });
    this.y = this.top;
  }

  get atTop(): boolean {
    return this.y <= this.top + 0.01;
  }

  /** Starts a new page unless `height` more points fit (an empty page takes anything). */
  ensure(height: number): void {
    if (this.y + height > this.bottom && !this.atTop) this.newPage();
  }

  /** Vertical space that vanishes at the top of a page. */
  gap(height: number): void {
    if (!this.atTop) this.y += height;
  }
}
