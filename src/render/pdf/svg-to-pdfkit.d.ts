// svg-to-pdfkit ships no types: the call we use.
declare module 'svg-to-pdfkit' {
  interface Options {
    width?: number;
    height?: number;
    /** SVG units are points (else pixels, 72/96 pt each). */
    assumePt?: boolean;
    warningCallback?: (message: string) => void;
  }
  export default function SVGtoPDF(doc: PDFKit.PDFDocument, svg: string, x?: number, y?: number, options?: Options): void;
}
