/**
 * Characters that change how text displays rather than what it says, and the one function that
 * makes them visible. Text from plans, scenario files and flags is written by others: `ESC ] 0 ; …
 * BEL` retitles a terminal, `ESC [ 31 m` paints it, a carriage return overwrites a line, and U+202E
 * (right-to-left override) makes `gnp.exe` read as `exe.png` in a terminal or a browser alike. The
 * CLI's terminal sanitizer and the HTML report's escaping both go through {@link escapeControls}.
 *
 * Kept: newline and tab. Escaped as `\uXXXX`: the other C0 controls (ESC, BEL, CR, backspace, …),
 * DEL, the C1 controls U+0080–U+009F (8-bit CSI and OSC), and the bidirectional formatting
 * characters U+061C, U+200E–U+200F, U+202A–U+202E, U+2066–U+2069. Inside a JSON string the escape
 * is valid JSON for the same character, so `--json` output keeps its value.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** {@link CONTROLS} without the global flag: a test that keeps no position between calls. */
const HAS_CONTROL = new RegExp(CONTROLS.source);

/** `text` with every control and bidi formatting character written as a visible `\uXXXX` escape. */
export function escapeControls(text: string): string {
  // Nearly all text has none: a scan that copies nothing (the CLI's output of a large plan is megabytes).
  if (!HAS_CONTROL.test(text)) return text;
  return text.replace(CONTROLS, (c) => `\\u${(c.codePointAt(0) as number).toString(16).padStart(4, "0")}`);
}

/** True when `text` holds nothing {@link escapeControls} would escape. */
export function isFreeOfControls(text: string): boolean {
  return escapeControls(text) === text;
}
