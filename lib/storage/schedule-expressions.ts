/**
 * The time formats the storage constructs accept, and the AWS schedule expressions they become.
 * Everything is UTC, as AWS Backup, Redshift snapshot schedules and Redshift scheduled actions are.
 *
 * - a time of day `'03:00'` → `cron(0 3 * * ? *)` (every day);
 * - a weekly time `'fri 18:00'` → `cron(0 18 ? * FRI *)`;
 * - a raw `cron(...)`, `rate(...)` or `at(...)` expression, passed through;
 * - an interval `'15m'`, `'1h'`, `'12h'`, `'1d'` for snapshot schedules.
 */

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const WEEKLY = /^(mon|tue|wed|thu|fri|sat|sun) ([01]\d|2[0-3]):([0-5]\d)$/i;
const RAW = /^(cron|rate|at)\(.+\)$/;
const INTERVAL = /^([1-9]\d*)(m|h|d)$/;

const MINUTES_PER_DAY = 1440;
export const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;

export function isTimeOfDay(text: string): boolean {
  return TIME.test(text);
}

export function isWeeklyTime(text: string): boolean {
  return WEEKLY.test(text);
}

export function isRawSchedule(text: string): boolean {
  return RAW.test(text);
}

/** `'03:00'` → `cron(0 3 * * ? *)`. */
export function dailyCron(time: string): string {
  const [h, m] = hourMinute(time);
  return `cron(${m} ${h} * * ? *)`;
}

/** `'sat'`, `'05:00'` → `cron(0 5 ? * SAT *)`. */
export function weeklyCron(day: Weekday, time: string): string {
  const [h, m] = hourMinute(time);
  return `cron(${m} ${h} ? * ${day.toUpperCase()} *)`;
}

/** Day of month 1–28 at a time → `cron(0 5 1 * ? *)`. */
export function monthlyCron(dayOfMonth: number, time: string): string {
  const [h, m] = hourMinute(time);
  return `cron(${m} ${h} ${dayOfMonth} * ? *)`;
}

/**
 * A time given as `'hh:mm'` (every day), `'ddd hh:mm'` (weekly) or a raw expression, as the
 * schedule expression AWS takes.
 */
export function scheduleExpression(text: string): string {
  if (isRawSchedule(text)) return text;
  const weekly = WEEKLY.exec(text);
  if (weekly) return weeklyCron((weekly[1] as string).toLowerCase() as Weekday, `${weekly[2]}:${weekly[3]}`);
  return dailyCron(text);
}

/**
 * Minutes from Monday 00:00 of each moment the time recurs within a week; `undefined` for raw
 * expressions, which are not interpreted.
 */
export function minutesOfWeek(text: string): readonly number[] | undefined {
  const weekly = WEEKLY.exec(text);
  if (weekly) {
    const day = WEEKDAYS.indexOf((weekly[1] as string).toLowerCase() as Weekday);
    return [day * MINUTES_PER_DAY + Number(weekly[2]) * 60 + Number(weekly[3])];
  }
  if (TIME.test(text)) {
    const [h, m] = hourMinute(text);
    return WEEKDAYS.map((_, d) => d * MINUTES_PER_DAY + h * 60 + m);
  }
  return undefined;
}

/**
 * The longest time, in minutes, from a `from` moment to the next `to` moment (both recurring
 * weekly): how long something stopped at `from` stays stopped. `undefined` when either is a raw
 * expression.
 */
export function longestGapMinutes(from: string, to: string): number | undefined {
  const starts = minutesOfWeek(from);
  const ends = minutesOfWeek(to);
  if (!starts || !ends) return undefined;
  let longest = 0;
  for (const s of starts) {
    const next = Math.min(...ends.map((e) => (e - s + MINUTES_PER_WEEK) % MINUTES_PER_WEEK || MINUTES_PER_WEEK));
    longest = Math.max(longest, next);
  }
  return longest;
}

/** `'15m'` → 15, `'1h'` → 60, `'1d'` → 1440; `undefined` when malformed. */
export function intervalMinutes(text: string): number | undefined {
  const m = INTERVAL.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  return m[2] === "m" ? n : m[2] === "h" ? n * 60 : n * MINUTES_PER_DAY;
}

export function isInterval(text: string): boolean {
  return INTERVAL.test(text);
}

function hourMinute(time: string): [number, number] {
  const [h = "0", m = "0"] = time.split(":");
  return [Number(h), Number(m)];
}
