/**
 * The one gate between text the CLI prints and the terminal. Plans, scenario files and flags are
 * written by others: an identifier holding `ESC ] 0 ; … BEL` retitles the window, `ESC [ 31 m`
 * paints the rest of the output, a carriage return or U+202E (right-to-left override) makes a line
 * read as something else. Every such character is replaced by its `\uXXXX` escape, so it stays
 * visible, and text inside a JSON string stays valid JSON with the same value.
 *
 * Kept as they are: newline (the CLI's own line structure) and tab. Escaped: the other C0 controls
 * (ESC, BEL, CR, backspace, …), DEL, the C1 controls U+0080–U+009F (8-bit CSI and OSC), and the
 * bidirectional formatting characters U+061C, U+200E–U+200F, U+202A–U+202E, U+2066–U+2069.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** `text` with every control and bidi formatting character written as a visible `\uXXXX` escape. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${(c.codePointAt(0) as number).toString(16).padStart(4, "0")}`);
}

/** True when `text` holds nothing {@link terminalSafe} would escape. */
export function isTerminalSafe(text: string): boolean {
  UNSAFE.lastIndex = 0;
  return !UNSAFE.test(text);
}
