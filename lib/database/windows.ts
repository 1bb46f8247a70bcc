/**
 * AWS maintenance and backup windows, in UTC: a daily window `hh24:mi-hh24:mi` (RDS
 * `preferred_backup_window`, ElastiCache `snapshot_window`) and a weekly window
 * `ddd:hh24:mi-ddd:hh24:mi` (`preferred_maintenance_window`, ElastiCache `maintenance_window`).
 * Both may wrap: a daily window past midnight (`23:30-00:30`), a weekly one past Sunday
 * (`sun:23:00-mon:01:00`). Overlap is computed on the circle of a week's minutes, so wraps need
 * no special cases.
 */

const MINUTES_PER_DAY = 1440;
const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;
const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

const TIME = "([01]\\d|2[0-3]):([0-5]\\d)";
const DAILY = new RegExp(`^${TIME}-${TIME}$`);
const WEEKLY = new RegExp(`^(mon|tue|wed|thu|fri|sat|sun):${TIME}-(mon|tue|wed|thu|fri|sat|sun):${TIME}$`, "i");

/** A window as minutes on a circle: where it starts and how long it lasts. */
export interface Window {
  /** Minute of the day (daily) or of the week from Monday 00:00 (weekly). */
  readonly start: number;
  readonly minutes: number;
  readonly period: "daily" | "weekly";
}

/** True when the text has the daily window's format (it may still be empty: `03:00-03:00`). */
export function isDailyWindowText(text: string): boolean {
  return DAILY.test(text);
}

/** True when the text has the weekly window's format (any case). */
export function isWeeklyWindowText(text: string): boolean {
  return WEEKLY.test(text);
}

/** `'03:00-03:30'` → a daily window; `undefined` when malformed or empty (start = end). */
export function parseDailyWindow(text: string): Window | undefined {
  const m = DAILY.exec(text);
  if (!m) return undefined;
  const start = Number(m[1]) * 60 + Number(m[2]);
  const end = Number(m[3]) * 60 + Number(m[4]);
  const minutes = mod(end - start, MINUTES_PER_DAY);
  return minutes === 0 ? undefined : { start, minutes, period: "daily" };
}

/** `'sun:05:00-sun:06:00'` (any case) → a weekly window; `undefined` when malformed or empty. */
export function parseWeeklyWindow(text: string): Window | undefined {
  const m = WEEKLY.exec(text);
  if (!m) return undefined;
  const at = (day: string | undefined, h: string | undefined, mi: string | undefined) =>
    DAYS.indexOf((day ?? "").toLowerCase() as (typeof DAYS)[number]) * MINUTES_PER_DAY + Number(h) * 60 + Number(mi);
  const start = at(m[1], m[2], m[3]);
  const minutes = mod(at(m[4], m[5], m[6]) - start, MINUTES_PER_WEEK);
  return minutes === 0 ? undefined : { start, minutes, period: "weekly" };
}

/**
 * Whether a daily window and a weekly window share any minute. The daily window recurs on each
 * of the seven days; two arcs of a circle overlap when either starts inside the other.
 */
export function windowsOverlap(daily: Window, weekly: Window): boolean {
  for (let day = 0; day < 7; day++) {
    const a = day * MINUTES_PER_DAY + daily.start;
    if (mod(weekly.start - a, MINUTES_PER_WEEK) < daily.minutes || mod(a - weekly.start, MINUTES_PER_WEEK) < weekly.minutes) return true;
  }
  return false;
}

/** A window as text in the spelling AWS stores (lowercase days), so plans show no perpetual diff. */
export function normalizeWindow(text: string): string {
  return text.toLowerCase();
}

function mod(n: number, m: number): number {
  return ((n % m) + m) % m;
}
