/**
 * A bordered text table in one pass over its cells, drawn as cli-table3 draws a compact table
 * (`style: { compact: true }`): a rule under the heading, none between rows, a cell's lines
 * stacked. cli-table3 lays a table out by comparing every cell with every other (for row and
 * column spans we never use), so `check` of a plan with thousands of findings took seconds in the
 * table alone; this is linear in the cells.
 */

/** Display width of a line: its code points (the CLI's text is sanitized to printable characters). */
function width(line: string): number {
  // Only a surrogate pair is two UTF-16 units for one code point: count them when there are any.
  if (!SURROGATE.test(line)) return line.length;
  let n = 0;
  for (const _ of line) n++;
  return n;
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** `n` spaces; the short runs every cell pads with are made once. */
function spaces(n: number): string {
  if (n >= PADDING.length) return " ".repeat(n);
  let s = PADDING[n];
  if (s === undefined) {
    s = " ".repeat(n);
    PADDING[n] = s;
  }
  return s;
}

const PADDING: (string | undefined)[] = new Array(256);

/**
 * The table of `head` and `rows`, lines joined by "\n" and no trailing newline, each line after
 * `indent`. Each cell's width is measured once, and a row whose cells hold no newline (nearly
 * all) is drawn without splitting.
 */
export function textTable(head: readonly string[], rows: readonly (readonly string[])[], indent = ""): string {
  const columns = head.length;
  // Cells and their widths row after row in two flat lists (not two small arrays per row: `check` draws tens of thousands of rows).
  const texts: string[] = [];
  const sizes: number[] = [];
  // Loops, not Math.max(...): a spread of 100,000 rows overflows the argument stack.
  const widths: number[] = new Array(columns).fill(0);
  const measure = (row: readonly string[]) => {
    for (let c = 0; c < columns; c++) {
      const cell = String(row[c] ?? "");
      let w = 0;
      if (cell.includes("\n")) for (const line of cell.split("\n")) w = Math.max(w, width(line));
      else w = width(cell);
      texts.push(cell);
      sizes.push(w);
      if (w > (widths[c] as number)) widths[c] = w;
    }
  };
  measure(head);
  for (const row of rows) measure(row);
  const bars = widths.map((w) => "─".repeat(w + 2));
  const rule = (left: string, mid: string, right: string) => `${indent}${left}${bars.join(mid)}${right}`;
  const out: string[] = [rule("┌", "┬", "┐")];
  const draw = (r: number) => {
    // A row of no cells is no line high.
    if (columns === 0) return;
    const first = r * columns;
    let multiline = false;
    for (let c = 0; c < columns; c++) if ((texts[first + c] as string).includes("\n")) multiline = true;
    if (!multiline) {
      let line = `${indent}│`;
      for (let c = 0; c < columns; c++) line += ` ${texts[first + c]}${spaces((widths[c] as number) - (sizes[first + c] as number))} │`;
      out.push(line);
      return;
    }
    // A cell's lines stacked; the row is as tall as its tallest cell.
    const cells = texts.slice(first, first + columns).map((cell) => cell.split("\n"));
    let height = 0;
    for (const cell of cells) height = Math.max(height, cell.length);
    for (let l = 0; l < height; l++) {
      let line = `${indent}│`;
      for (let c = 0; c < columns; c++) {
        const part = cells[c]?.[l] ?? "";
        line += ` ${part}${spaces((widths[c] as number) - width(part))} │`;
      }
      out.push(line);
    }
  };
  draw(0);
  if (rows.length) {
    out.push(rule("├", "┼", "┤"));
    for (let r = 1; r <= rows.length; r++) draw(r);
  }
  out.push(rule("└", "┴", "┘"));
  return out.join("\n");
}
