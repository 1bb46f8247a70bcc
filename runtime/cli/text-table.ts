/**
 * A bordered text table in one pass over its cells, drawn as cli-table3 draws a compact table
 * (`style: { compact: true }`): a rule under the heading, none between rows, a cell's lines
 * stacked. cli-table3 lays a table out by comparing every cell with every other (for row and
 * column spans we never use), so `check` of a plan with thousands of findings took seconds in the
 * table alone; this is linear in the cells.
 */

/** Display width of a line: its code points (the CLI's text is sanitized to printable characters). */
function width(line: string): number {
  let n = 0;
  for (const _ of line) n++;
  return n;
}

/** The table of `head` and `rows`, lines joined by "\n" and no trailing newline. */
export function textTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const cells = [head, ...rows].map((row) => head.map((_, c) => String(row[c] ?? "").split("\n")));
  // Loops, not Math.max(...): a spread of 100,000 rows overflows the argument stack.
  const widths = head.map(() => 0);
  for (const row of cells)
    row.forEach((cell, c) => {
      for (const line of cell) widths[c] = Math.max(widths[c] ?? 0, width(line));
    });
  const rule = (left: string, mid: string, right: string) => `${left}${widths.map((w) => "─".repeat(w + 2)).join(mid)}${right}`;
  const lines = (row: readonly string[][]): string[] => {
    const height = row.reduce((h, cell) => Math.max(h, cell.length), 0);
    const out: string[] = [];
    for (let l = 0; l < height; l++)
      out.push(
        `│${row.map((cell, c) => ` ${(cell[l] ?? "").padEnd((widths[c] ?? 0) + (cell[l] ?? "").length - width(cell[l] ?? ""))} `).join("│")}│`,
      );
    return out;
  };
  const [headCells, ...body] = cells;
  return [
    rule("┌", "┬", "┐"),
    ...lines(headCells ?? []),
    ...(body.length ? [rule("├", "┼", "┤"), ...body.flatMap(lines)] : []),
    rule("└", "┴", "┘"),
  ].join("\n");
}
