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

/** The table of `head` and `rows`, lines joined by "\n" and no trailing newline. */
export function textTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const columns = head.length;
  // Each cell as its lines; a cell without a newline (nearly all) is one line, not split.
  const cellLines = (row: readonly string[], c: number): readonly string[] => {
    const text = String(row[c] ?? "");
    return text.includes("\n") ? text.split("\n") : [text];
  };
  const cells: (readonly string[])[][] = [];
  // Loops, not Math.max(...): a spread of 100,000 rows overflows the argument stack.
  const widths: number[] = new Array(columns).fill(0);
  for (const row of [head, ...rows]) {
    const lines: (readonly string[])[] = [];
    for (let c = 0; c < columns; c++) {
      const cell = cellLines(row, c);
      for (const line of cell) widths[c] = Math.max(widths[c] as number, width(line));
      lines.push(cell);
    }
    cells.push(lines);
  }
  const rule = (left: string, mid: string, right: string) => `${left}${widths.map((w) => "─".repeat(w + 2)).join(mid)}${right}`;
  const out: string[] = [rule("┌", "┬", "┐")];
  const lines = (row: readonly (readonly string[])[]) => {
    let height = 0;
    for (const cell of row) height = Math.max(height, cell.length);
    for (let l = 0; l < height; l++) {
      let text = "│";
      for (let c = 0; c < columns; c++) {
        const line = row[c]?.[l] ?? "";
        text += ` ${line.padEnd((widths[c] as number) + line.length - width(line))} │`;
      }
      out.push(text);
    }
  };
  const [headCells, ...body] = cells;
  lines(headCells ?? []);
  if (body.length) {
    out.push(rule("├", "┼", "┤"));
    for (const row of body) lines(row);
  }
  out.push(rule("└", "┴", "┘"));
  return out.join("\n");
}
