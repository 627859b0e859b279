/** Left-to-right isolate and its end (U+2066, U+2069): what they enclose keeps its order inside right-to-left text. */
export const LRI = '\u2066';
export const PDI = '\u2069';

/** Text that must read left to right inside a right-to-left line (`-0.25`, a formula, `3 / 4`). */
export const isolatedLtr = (text: string): string => `${LRI}${text}${PDI}`;
