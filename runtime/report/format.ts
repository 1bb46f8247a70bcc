/** How virtual times and durations read in the CLI summary and the HTML report. */

/** `1h17m00.000s`-style virtual time. */
export function formatClock(ms: number): string {
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = ((ms % 60_000) / 1000).toFixed(3).padStart(6, "0");
  return `${h ? `${h}h` : ""}${h || m ? `${String(m).padStart(h ? 2 : 1, "0")}m` : ""}${s}s`;
}

/** `32.6 s` */
export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
