// Sizes and spacing of a printed page, in PDF points (1/72 in). One place, so
// a sheet and its key look alike and a change of look is one edit.

export const PAGE = {
  size: 'A4' as const,
  width: 595.28,
  height: 841.89,
  marginLeft: 56,
  marginRight: 56,
  /** Body text starts here; the running header sits above it. */
  marginTop: 72,
  marginBottom: 64,
  headerBaseline: 40,
  headerRule: 48,
  footerBaseline: 841.89 - 34,
};

export const TEXT = {
  size: 10.5,
  /** DejaVu Sans's x-height is larger than Computer Modern's: math this much larger matches it (notes). */
  mathScale: 1.15,
  ascent: 0.8,
  descent: 0.22,
  /** Extra space between lines, in ems of the text. */
  lineGap: 0.36,
  paragraphGap: 0.6,
  color: '#111111',
  muted: '#5a5a5a',
  frameSize: 8.5,
};

/** Right-to-left lines: Vazirmatn's Persian letters reach further below the baseline than DejaVu's. */
export const RTL_TEXT = {
  ascent: 0.8,
  descent: 0.34,
};

export const HEADING_SIZES: readonly number[] = [15, 12.5, 11, 10.5, 10.5, 10.5];

export const LIST = { indent: 18, markerGap: 6 };

export const TABLE = {
  size: 9.5,
  minSize: 7,
  padX: 4,
  padY: 2.5,
  border: '#9a9a9a',
  headFill: '#ececec',
  lineWidth: 0.5,
};

export const DISPLAY_MATH = { spaceAbove: 4, spaceBelow: 6 };
