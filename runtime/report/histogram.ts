/**
 * A measure's distribution across seeds as a static SVG histogram, with the target drawn across it.
 * Bins are of one "nice" width from 0: the first is [0, w], each next (k·w, (k+1)·w], so a value
 * equal to a bin's upper edge is in that bin, as a value equal to the target meets it. Each bar
 * stacks the seeds within the target (bottom) and those over it (top, red), counted value by value,
 * so a bin the target cuts through is still coloured right. Outages that never ended get a bar of
 * their own, right of the axis. Every bin carries its counts in `data-*` attributes and hover text.
 */
import { chartSvg } from "./chart-frame";
import { esc, formatTick } from "./svg-timeline";

/** Bin widths, ms: 1-2-5 below a second, then widths that read as round seconds, minutes and hours. */
const WIDTHS = [
  1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000,
  3_600_000,
];
/** At most this many bins. */
export const MAX_BINS = 20;
/** A target more than this many times the largest value is drawn at the axis end, not to scale: the seeds would crowd into one bar. */
const TARGET_SPAN = 10;
/** An all-zero sample with a target of 0 still gets a 1 s axis. */
const MIN_DOMAIN_MS = 1_000;

export interface HistogramBin {
  readonly fromMs: number;
  readonly toMs: number;
  /** Seeds at or below the target. */
  readonly within: number;
  /** Seeds above the target. */
  readonly over: number;
}

export interface Histogram {
  readonly binMs: number;
  readonly bins: readonly HistogramBin[];
  /** Seeds whose outage never ended (always over the target). */
  readonly neverEnded: number;
  readonly targetMs: number;
  /** The axis runs 0 … bins × binMs. */
  readonly domainMs: number;
  /** The target lies beyond the axis: drawn at its right edge, labelled as off scale. */
  readonly targetOffScale: boolean;
}

/** `values` in ms (`null`: an outage that never ended), binned against `targetMs`. */
export function histogramOf(values: readonly (number | null)[], targetMs: number, maxBins = MAX_BINS): Histogram {
  const finite = values.filter((v): v is number => v !== null).map((v) => Math.max(0, v));
  const largest = Math.max(0, ...finite);
  const targetOffScale = largest > 0 && targetMs > TARGET_SPAN * largest;
  const hi = Math.max(MIN_DOMAIN_MS, largest, targetOffScale ? 0 : targetMs);
  const binMs = WIDTHS.find((w) => Math.ceil(hi / w) <= maxBins) ?? Math.ceil(hi / maxBins / 3_600_000) * 3_600_000;
  const count = Math.max(1, Math.ceil(hi / binMs));
  const within = new Array<number>(count).fill(0);
  const over = new Array<number>(count).fill(0);
  for (const v of finite) {
    const i = Math.min(count - 1, v === 0 ? 0 : Math.ceil(v / binMs) - 1);
    if (v > targetMs) over[i] = (over[i] ?? 0) + 1;
    else within[i] = (within[i] ?? 0) + 1;
  }
  return {
    binMs,
    bins: within.map((w, i) => ({ fromMs: i * binMs, toMs: (i + 1) * binMs, within: w, over: over[i] ?? 0 })),
    neverEnded: values.length - finite.length,
    targetMs,
    domainMs: count * binMs,
    targetOffScale,
  };
}

const W = 480;
const H = 170;
const LEFT = 40;
const RIGHT = 14;
const TOP = 22;
const BOTTOM = 24;
/** The "never ended" bar's slot, right of the axis. */
const NEVER_W = 44;
const PLOT_H = H - TOP - BOTTOM;

/** Where the axis runs, px: the target line and the bars are placed on it. */
export function histogramAxis(h: Histogram): { readonly x0: number; readonly x1: number } {
  return { x0: LEFT, x1: W - RIGHT - (h.neverEnded ? NEVER_W : 0) };
}

/** The x of `ms` on the axis (clamped to it). */
export function xOf(h: Histogram, ms: number): number {
  const { x0, x1 } = histogramAxis(h);
  return x0 + (Math.min(Math.max(ms, 0), h.domainMs) / h.domainMs) * (x1 - x0);
}

/** `label` names the chart for a screen reader; `target` is the target as the plan writes it. */
export function histogramSvg(h: Histogram, label: string, target: string): string {
  const { x0, x1 } = histogramAxis(h);
  const top = Math.max(1, h.neverEnded, ...h.bins.map((b) => b.within + b.over));
  const height = (n: number) => (n / top) * PLOT_H;
  const base = TOP + PLOT_H;
  const bar = (cls: string, x: number, w: number, below: number, n: number) =>
    n
      ? `<rect class="${cls}" x="${x.toFixed(1)}" y="${(base - height(below) - height(n)).toFixed(1)}" width="${w.toFixed(1)}" height="${height(n).toFixed(1)}"/>`
      : "";
  const bins = h.bins.map((b) => {
    const bx = xOf(h, b.fromMs) + 0.5;
    const bw = Math.max(0.5, xOf(h, b.toMs) - xOf(h, b.fromMs) - 1);
    const range = `${b.fromMs === 0 ? "[" : "("}${tick(b.fromMs)}, ${tick(b.toMs)}]`;
    const hover = `${range}: ${b.within + b.over} seed${b.within + b.over === 1 ? "" : "s"}${b.over ? `, ${b.over} over the target` : ""}`;
    return `<g class="bin" data-from-ms="${b.fromMs}" data-to-ms="${b.toMs}" data-within="${b.within}" data-over="${b.over}"><title>${esc(hover)}</title>${bar("bar-within", bx, bw, 0, b.within)}${bar("bar-over", bx, bw, b.within, b.over)}</g>`;
  });
  const never = h.neverEnded
    ? [
        `<g class="bin never" data-never-ended="${h.neverEnded}"><title>${h.neverEnded} seed${h.neverEnded === 1 ? "" : "s"}: the outage never ended</title>${bar("bar-over", x1 + 10, NEVER_W - 14, 0, h.neverEnded)}</g>`,
        `<text class="tick-label" x="${(x1 + NEVER_W / 2 + 3).toFixed(1)}" y="${H - 8}">never</text>`,
      ]
    : [];
  const every = Math.ceil(h.bins.length / 5);
  const ticks = h.bins
    .filter((_, i) => i % every === 0)
    .map((b) => b.fromMs)
    .concat(h.bins.length % every === 0 ? [h.domainMs] : [])
    .map((ms) => `<text class="tick-label" x="${xOf(h, ms).toFixed(1)}" y="${H - 8}">${esc(tick(ms))}</text>`);
  const tx = h.targetOffScale ? x1 : xOf(h, h.targetMs);
  const right = tx < x0 + (x1 - x0) * 0.7;
  const targetText = `target ${target}${h.targetOffScale ? " →" : ""}`;
  const targetMark =
    `<g class="target" data-target-ms="${h.targetMs}"${h.targetOffScale ? ' data-off-scale="true"' : ""}><title>${esc(`${targetText}${h.targetOffScale ? " (beyond the axis)" : ""}`)}</title>` +
    `<line x1="${tx.toFixed(1)}" x2="${tx.toFixed(1)}" y1="${TOP - 4}" y2="${base}"/>` +
    `<text${right ? "" : ' class="end"'} x="${(tx + (right ? 4 : -4)).toFixed(1)}" y="${TOP - 6}">${esc(targetText)}</text></g>`;
  return chartSvg(
    {
      cls: "histogram",
      width: W,
      height: H,
      label,
      data: { "bin-ms": h.binMs },
      axis: { x0, x1, y: base },
      left: LEFT,
      top: TOP,
      topCount: top,
    },
    [...bins, ...never, ...ticks, targetMark],
  );
}

/** Axis labels: `250ms` below a second, else `30s`, `2m`, `1h30m`. */
function tick(ms: number): string {
  return ms > 0 && ms < 1000 ? `${ms}ms` : formatTick(ms);
}
