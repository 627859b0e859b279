// The form of a fillable sheet: a text field over each answer box, named as
// its CSV column, and the sheet's identity in read-only fields of no size.
// A dotted name (q2.steps[1].dw[2]) is a field hierarchy, as the PDF
// standard wants (a partial name holds no period): parent fields q2 and
// steps[1] with the terminal field dw[2], whose full name a reader reports
// as q2.steps[1].dw[2].
import { IDENTITY_FIELD, SHEET_IDENTITY_KEYS, type SheetIdentity } from '../../variant/sheet-form.js';

/**
 * Helvetica, a standard font every reader has, draws what is typed: an
 * embedded subset has no character map for new text. Persian digits are not
 * in it: readers draw them with a font of their own, and grading reads the
 * field's value, never its look.
 */
const FIELD_FONT = 'Helvetica';

/** Where the box sits inside its table cell, and how it looks before anything is typed. */
const INSET = { x: 2, y: 1.5 };
const BOX_STYLE = { backgroundColor: '#eaf0fa', align: 'right', noSpell: true } as const;

type PdfDocument = PDFKit.PDFDocument & { _font: unknown };

export class SheetForm {
  private readonly parents = new Map<string, PDFKit.PDFKitReference>();
  private started = false;
  private boxes = 0;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly identity: SheetIdentity,
  ) {}

  /** How many answer boxes the sheet has so far. */
  get count(): number {
    return this.boxes;
  }

  /**
   * A text field over a cell of the current page (pdfkit's coordinates, y
   * down), right-aligned for numbers. Fields are made in part order, which
   * is the order readers tab through them.
   */
  answerBox(name: string, x: number, y: number, width: number, height: number): void {
    const path = name.split('.');
    const leaf = path.pop()!;
    this.withFieldFont(() => {
      const parent = this.parentOf(path);
      const w = Math.max(0, width - 2 * INSET.x);
      const h = Math.max(0, height - 2 * INSET.y);
      this.doc.formText(leaf, x + INSET.x, y + INSET.y, w, h, { ...BOX_STYLE, ...(parent ? { parent } : {}) });
    });
    this.boxes++;
  }

  /** Writes the identity fields (on the first page); a sheet without answer boxes gets no form at all. */
  finish(): void {
    if (this.boxes === 0) return;
    this.doc.switchToPage(0);
    this.withFieldFont(() => {
      for (const key of SHEET_IDENTITY_KEYS) {
        this.doc.formText(IDENTITY_FIELD[key], 0, 0, 0, 0, { value: this.identity[key], readOnly: true });
      }
    });
  }

  /** The parent field of a dotted prefix (made on first use), or null at the top. */
  private parentOf(path: readonly string[]): PDFKit.PDFKitReference | null {
    let parent: PDFKit.PDFKitReference | null = null;
    for (let depth = 1; depth <= path.length; depth++) {
      const key = path.slice(0, depth).join('.');
      let node = this.parents.get(key);
      if (!node) {
        node = this.doc.formField(path[depth - 1]!, parent ? { parent } : {});
        this.parents.set(key, node);
      }
      parent = node;
    }
    return parent;
  }

  /**
   * pdfkit writes the current font into a field's appearance: Helvetica while the form
   * is made, then the font the layout had set, so the next line of text is as before.
   */
  private withFieldFont(make: () => void): void {
    const doc = this.doc as PdfDocument;
    const before = doc._font;
    doc.font(FIELD_FONT);
    if (!this.started) {
      doc.initForm();
      this.started = true;
    }
    make();
    doc._font = before;
  }
}
