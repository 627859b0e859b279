// A cell a person reads (details.csv, rejected.csv, feedback) stays readable
// however long the text it shows: a million-digit answer is graded (invalid:
// longer than any number) but not copied whole into every file that names it.

/** Texts up to this many characters are shown whole (a number longer than 80 characters is already invalid). */
export const LONGEST_SHOWN = 80;
/** Characters kept of a longer text, before the marker. */
const KEPT = 40;

/**
 * A text too long to show whole: its first `kept` characters and its length in
 * characters (code points, so a cut never splits one); null when it is shown whole.
 */
export function cutOf(text: string, kept = KEPT): { head: string; length: number } | null {
  const longest = Math.max(LONGEST_SHOWN, kept);
  if (text.length <= longest) return null;
  let count = 0;
  let end = 0;
  for (const char of text) {
    if (count === kept) break;
    end += char.length;
    count++;
  }
  let length = count;
  for (let at = end; at < text.length; at++) {
    const code = text.charCodeAt(at);
    // The second half of a surrogate pair belongs to the character counted with its first.
    if (code < 0xdc00 || code > 0xdfff) length++;
  }
  return length <= longest ? null : { head: text.slice(0, end), length };
}

/** `n characters`, grouped by thousands: `1,000,000 characters`. */
export const characters = (length: number): string => `${length.toLocaleString('en-US')} characters`;

/** The text as it is, or cut with a marker of its length: `12345…… (1,000,000 characters)`. */
export function cutText(text: string, kept = KEPT): string {
  const cut = cutOf(text, kept);
  return cut ? `${cut.head}… (${characters(cut.length)})` : text;
}
