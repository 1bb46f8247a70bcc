/**
 * Client requests over time as a static SVG bar chart: one bar per bucket of a RequestSeries,
 * requests that succeeded at the bottom (green) and those that failed stacked on top (red), with
 * the failover's moments as dashed lines. Every bucket carries its counts in `data-*` attributes
 * and hover text, so a test can read back exactly what the JSON result says.
 */
import type { RequestSeries } from "../contract/emulation-result";
import { chartSvg } from "./chart-frame";
import { formatClock } from "./format";
import { esc, formatTick } from "./svg-timeline";

const W = 480;
const H = 150;
const LEFT = 40;
const RIGHT = 10;
const TOP = 14;
const BOTTOM = 22;
const PLOT_W = W - LEFT - RIGHT;
const PLOT_H = H - TOP - BOTTOM;
/** Axis steps, ms: the first giving at most 6 ticks. */
const TICK_STEPS = [1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000];

/** A moment drawn across the chart (e.g. the new writer taking over). */
export interface ChartMark {
  readonly atMs: number;
  readonly label: string;
}

export function clientChart(s: RequestSeries, label: string, marks: readonly ChartMark[] = []): string {
  const n = s.succeeded.length;
  const toMs = s.fromMs + n * s.bucketMs;
  const x = (ms: number) => LEFT + ((ms - s.fromMs) / (toMs - s.fromMs)) * PLOT_W;
  const top = Math.max(1, ...s.succeeded.map((ok, i) => ok + (s.failed[i] ?? 0)));
  const h = (count: number) => (count / top) * PLOT_H;
  const barW = PLOT_W / n;
  const bars = s.succeeded.map((ok, i) => {
    const failed = s.failed[i] ?? 0;
    const from = s.fromMs + i * s.bucketMs;
    const bx = (LEFT + i * barW + (barW > 4 ? 0.5 : 0)).toFixed(1);
    const bw = Math.max(0.5, barW - (barW > 4 ? 1 : 0)).toFixed(1);
    const base = TOP + PLOT_H;
    const okRect = ok ? `<rect class="bar-ok" x="${bx}" y="${(base - h(ok)).toFixed(1)}" width="${bw}" height="${h(ok).toFixed(1)}"/>` : "";
    const failRect = failed
      ? `<rect class="bar-failed" x="${bx}" y="${(base - h(ok) - h(failed)).toFixed(1)}" width="${bw}" height="${h(failed).toFixed(1)}"/>`
      : "";
    const hover = `${formatClock(from)} – ${formatClock(from + s.bucketMs)}: ${ok} succeeded, ${failed} failed`;
    return `<g class="bucket" data-from-ms="${from}" data-succeeded="${ok}" data-failed="${failed}"><title>${esc(hover)}</title>${okRect}${failRect}</g>`;
  });
  const step = TICK_STEPS.find((t) => (toMs - s.fromMs) / t <= 6) ?? (TICK_STEPS[TICK_STEPS.length - 1] as number);
  const ticks: string[] = [];
  for (let ms = Math.ceil(s.fromMs / step) * step; ms <= toMs; ms += step)
    ticks.push(`<text class="tick-label" x="${x(ms).toFixed(1)}" y="${H - 6}">${esc(formatTick(ms))}</text>`);
  // Labels stagger down a row each, so marks seconds apart stay legible; an empty label draws the line only.
  const lines = marks
    .filter((m) => m.atMs >= s.fromMs && m.atMs <= toMs)
    .map((m, i) => {
      const mx = x(m.atMs);
      const right = mx < LEFT + PLOT_W * 0.75;
      const label = m.label
        ? `<text${right ? "" : ' class="end"'} x="${(mx + (right ? 3 : -3)).toFixed(1)}" y="${TOP + 8 + 13 * i}">${esc(m.label)}</text>`
        : "";
      return (
        `<g class="chart-mark" data-at-ms="${m.atMs}"><title>${esc(`${m.label || "new writer"} at ${formatClock(m.atMs)}`)}</title>` +
        `<line x1="${mx.toFixed(1)}" x2="${mx.toFixed(1)}" y1="${TOP - 4}" y2="${TOP + PLOT_H}"/>${label}</g>`
      );
    });
  return chartSvg(
    {
      cls: "chart",
      width: W,
      height: H,
      label,
      data: { "bucket-ms": s.bucketMs },
      axis: { x0: LEFT, x1: W - RIGHT, y: TOP + PLOT_H },
      left: LEFT,
      top: TOP,
      topCount: top,
    },
    [...bars, ...ticks, ...lines],
  );
}
