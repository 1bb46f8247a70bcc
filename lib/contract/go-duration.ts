/**
 * Go duration strings (`time.ParseDuration`), the form the AWS provider's
 * `aws_resiliencehub_resiliency_policy` takes its RTO and RPO in: a sequence of decimal numbers,
 * each with a unit (`ns`, `us`/`µs`, `ms`, `s`, `m`, `h`), e.g. `30s`, `1h0m0s`, `1.5h`, `2h45m`;
 * `0` alone is zero; a leading `+` is allowed, as Go allows it. Go also takes a leading `-`, but a
 * negative objective means nothing to Resilience Hub, so it is refused here.
 */

const UNIT_MS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
};

const PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;

/** Milliseconds of a Go duration, or undefined when `text` is not one (or is negative). */
export function parseGoDuration(written: string): number | undefined {
  const text = written.startsWith("+") ? written.slice(1) : written;
  if (text === "0") return 0;
  if (text.length === 0 || text.length > 64) return undefined;
  let ms = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < text.length) {
    const start = PART.lastIndex;
    const m = PART.exec(text);
    if (!m || m.index !== start) return undefined;
    ms += Number(m[1]) * (UNIT_MS[m[2] as string] as number);
  }
  return Number.isFinite(ms) ? Math.round(ms * 1_000) / 1_000 : undefined;
}

/** Milliseconds as a short Go duration (`90000` → `1m30s`, `0` → `0s`), as Terraform shows it. */
export function formatGoDuration(ms: number): string {
  if (ms === 0) return "0s";
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1_000;
  return `${h ? `${h}h` : ""}${m ? `${m}m` : ""}${s ? `${Number(s.toFixed(3))}s` : ""}`;
}
