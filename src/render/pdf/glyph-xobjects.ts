// Each math glyph outline is written once per document, as a Form XObject,
// and every use is `q <matrix> cm /MGn Do Q`. Writing the outline at every
// use made content streams ten times larger and deflate the main cost.
import { deflateSync } from 'node:zlib';
import { parsedPath } from '../math/math-piece.js';
import { IDENTITY, pathOperators } from '../math/svg-path.js';

const namesByDocument = new WeakMap<PDFKit.PDFDocument, Map<string, { name: string; ref: PDFKit.PDFKitReference }>>();

// The outline's compressed operators and box, computed once per process
// (every document writes the same bytes; deflating each again was a cost).
const outlines = new Map<string, { compressed: Uint8Array; bbox: number[] }>();

function outlineOf(d: string): { compressed: Uint8Array; bbox: number[] } {
  let outline = outlines.get(d);
  if (!outline) {
    const path = parsedPath(d);
    const xs: number[] = [];
    const ys: number[] = [];
    for (const cmd of path) {
      if (cmd.op === 'Z') continue;
      xs.push(cmd.x);
      ys.push(cmd.y);
      if (cmd.op === 'C') xs.push(cmd.x1, cmd.x2), ys.push(cmd.y1, cmd.y2);
    }
    // Control points bound a Bézier curve, so this box holds the outline.
    const bbox = xs.length ? [Math.min(...xs) - 1, Math.min(...ys) - 1, Math.max(...xs) + 1, Math.max(...ys) + 1] : [0, 0, 0, 0];
    outline = { compressed: deflateSync(`${pathOperators(path, IDENTITY)} f`), bbox: bbox.map(Math.round) };
    outlines.set(d, outline);
  }
  return outline;
}

/** The resource name of a glyph on the current page, creating its XObject on first use in the document. */
export function glyphXObject(doc: PDFKit.PDFDocument, d: string): string {
  let names = namesByDocument.get(doc);
  if (!names) {
    names = new Map();
    namesByDocument.set(doc, names);
  }
  let entry = names.get(d);
  if (!entry) {
    const { compressed, bbox } = outlineOf(d);
    // Filter set up front: pdfkit then writes the bytes as they are.
    const ref = doc.ref({ Type: 'XObject', Subtype: 'Form', FormType: 1, BBox: bbox, Resources: {}, Filter: 'FlateDecode' });
    ref.end(Buffer.from(compressed));
    entry = { name: `MG${names.size + 1}`, ref };
    names.set(d, entry);
  }
  const page = doc.page as unknown as { xobjects: Record<string, PDFKit.PDFKitReference> };
  page.xobjects[entry.name] = entry.ref;
  return entry.name;
}
