/**
 * The `--json` documents as the CLI prints them (and the report embeds them): two-space indentation, except that an array of
 * numbers (a chart's series) stays on one line instead of one line per number.
 */
export function formatJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    /\[\n\s+(-?[\d.eE+-]+(?:,\n\s+-?[\d.eE+-]+)*)\n\s*\]/g,
    (_all, items: string) => `[${items.split(/,\s+/).join(", ")}]`,
  );
}
