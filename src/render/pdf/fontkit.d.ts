// The little of fontkit we use (it ships no types); pdfkit accepts the parsed font as it is.
declare module 'fontkit' {
  export interface Font {
    readonly unitsPerEm: number;
    readonly ascent: number;
    readonly descent: number;
    hasGlyphForCodePoint(codePoint: number): boolean;
    layout(text: string): { advanceWidth: number };
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
