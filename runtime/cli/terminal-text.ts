/**
 * The one gate between text the CLI prints and the terminal: `run` passes every line it writes,
 * errors included, through {@link terminalSafe}. The character set and the escape form are
 * `escapeControls`' (shared with the HTML report's escaping).
 */
import { escapeControls, isFreeOfControls } from "../report/control-characters";

/** `text` with every control and bidi formatting character written as a visible `\uXXXX` escape. */
export const terminalSafe: (text: string) => string = escapeControls;

/** True when `text` holds nothing {@link terminalSafe} would escape. */
export const isTerminalSafe: (text: string) => boolean = isFreeOfControls;
