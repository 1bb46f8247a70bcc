/**
 * ISO-8601 durations as FIS writes them (`PT30M`, `PT2M30S`, `PT1H`, `P1DT2H`): days, hours,
 * minutes and seconds; seconds may have up to three decimals. Years, months and weeks are refused
 * (their length in milliseconds is not fixed).
 */
const ISO = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,3})?)S)?)?$/;

/** Milliseconds of `text`, or an error sentence naming the expected form. */
export function parseIsoDuration(text: string): number | { readonly error: string } {
  const m = ISO.exec(text);
  if (!m || text === "P" || text.endsWith("T"))
    return { error: `"${text}" is not an ISO-8601 duration; write it like PT30M, PT2M30S, PT1H or P1DT2H` };
  const [, d = "0", h = "0", min = "0", s = "0"] = m;
  return Number(d) * 86_400_000 + Number(h) * 3_600_000 + Number(min) * 60_000 + Math.round(Number(s) * 1000);
}

/** The shortest ISO-8601 form of a whole number of milliseconds (`1800000` → `PT30M`). */
export function formatIsoDuration(ms: number): string {
  if (!Number.isSafeInteger(ms) || ms < 0) throw new RangeError(`duration must be an integer ≥ 0 ms, got ${ms}`);
  if (ms === 0) return "PT0S";
  const d = Math.floor(ms / 86_400_000);
  let rest = ms - d * 86_400_000;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = rest / 1000;
  const time = `${h ? `${h}H` : ""}${m ? `${m}M` : ""}${s ? `${s}S` : ""}`;
  return `P${d ? `${d}D` : ""}${time ? `T${time}` : ""}`;
}
