/**
 * What every HTML page the CLI writes shares: one self-contained document (inline CSS in one style
 * block, static markup and SVG, no script, no style attribute, no network) under a strict
 * Content-Security-Policy, the base style sheet, and tables whose cells are escaped.
 */
import { createHash } from "node:crypto";
import { esc } from "./svg-timeline";

/** Type, tables, verdicts and code: the part of the style sheet every page uses. */
export const BASE_CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#1d2430;background:#fff}
h1,h3,#replay,.meta,.card small{overflow-wrap:anywhere}
h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:28px 0 8px}
.meta{color:#556;margin:0 0 12px}code,pre{font:12.5px ui-monospace,Menlo,Consolas,monospace;background:#f3f5f8;padding:2px 5px;border-radius:3px}
pre{padding:8px 10px;overflow:auto}
.wide{overflow-x:auto;max-width:100%}.wide>table{min-width:560px}
table{border-collapse:collapse;margin:4px 0}th,td{border:1px solid #d6dbe3;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f3f5f8}
.ok{color:#137333;font-weight:600}.fail{color:#b3261e;font-weight:600}.na{color:#778}
.verdict{font-size:15px;padding:8px 12px;border-radius:4px;display:inline-block}.verdict.ok{background:#e6f4ea}.verdict.fail{background:#fce8e6}
`;

/**
 * The page's Content-Security-Policy, a second wall behind the escaping: nothing may load, run,
 * be framed or submitted (`default-src 'none'`); only the page's own style sheet applies, by its
 * SHA-256, so an injected `<style>` would not. The page has no `style` attribute, and none may
 * apply (`style-src-attr 'none'`): an injected one could otherwise restyle or hide what it shows.
 */
export function reportCsp(css: string): string {
  const hash = createHash("sha256").update(css, "utf8").digest("base64");
  return `default-src 'none'; style-src 'sha256-${hash}'; style-src-attr 'none'; base-uri 'none'; form-action 'none'`;
}

/** The whole document: `body` is markup already escaped by its builder; `title` is escaped here. */
export function htmlDocument(title: string, css: string, body: readonly string[]): string {
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${reportCsp(css)}"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title><style>${css}</style></head>\n<body>\n${body.join("\n")}\n</body></html>\n`;
}

/** A table; cells are escaped except the columns named in `html` (already markup). */
export function table(head: readonly string[], rows: readonly (readonly string[])[], html: ReadonlySet<number> = new Set()): string {
  const cell = (c: string, i: number) => {
    const cls = c === "ok" || c === "yes" ? ' class="ok"' : c === "FAILED" || c === "NO" ? ' class="fail"' : "";
    return `<td${cls}>${html.has(i) ? c : esc(c)}</td>`;
  };
  return `<div class="wide"><table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join("")}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map(cell).join("")}</tr>`)
    .join("")}</tbody></table></div>`;
}
