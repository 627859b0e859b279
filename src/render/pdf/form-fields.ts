// The form of a fillable sheet: a text field over each answer box, named as
// its CSV column, and the sheet's identity in read-only fields of no size.
// A dotted name (q2.steps[1].dw[2]) is a field hierarchy, as the PDF
// standard wants (a partial name holds no period): parent fields q2 and
// steps[1] with the terminal field dw[2], whose full name a reader reports
// as q2.steps[1].dw[2].
import type { FontRole } from './fonts.js';
import { encodeUnshaped, useFont } from './pdfkit-fonts.js';
import { IDENTITY_FIELD, SHEET_IDENTITY_KEYS, type SheetIdentity } from '../../variant/sheet-form.js';

/**
 * What a reader needs to draw a typed number in the page's own face: the
 * digits (Latin, Persian, Arabic-Indic), separators and signs. The face is
 * embedded as a subset; these glyphs go into it, with their Unicode, so a
 * reader that draws the field's text itself (poppler: Evince, Okular) finds
 * them. Helvetica, the usual choice, has no Persian digits.
 */
const FIELD_CHARACTERS = '0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩.,٫٬+-−eE×^ ';

/** Where the box sits inside its table cell, and how it looks before anything is typed. */
const INSET = { x: 2, y: 1.5 };
const BOX_STYLE = { backgroundColor: '#eaf0fa', align: 'right', noSpell: true } as const;

type PdfDocument = PDFKit.PDFDocument & { _font: unknown; _fontSize: number };

export class SheetForm {
  private readonly parents = new Map<string, PDFKit.PDFKitReference>();
  private started = false;
  private boxes = 0;

  /** `font`: the page's regular face (DejaVu Sans, or Vazirmatn on a Persian page). */
  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly identity: SheetIdentity,
    private readonly font: FontRole,
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
   * pdfkit names the current font in the form's default appearance: the field face
   * while the form is made, then the font and size the layout had set, as before.
   */
  private withFieldFont(make: () => void): void {
    const doc = this.doc as PdfDocument;
    const [font, size] = [doc._font, doc._fontSize];
    useFont(doc, this.font, size);
    if (!this.started) {
      encodeUnshaped(doc, this.font, FIELD_CHARACTERS);
      doc.initForm();
      this.started = true;
    }
    make();
    [doc._font, doc._fontSize] = [font, size];
  }
}
