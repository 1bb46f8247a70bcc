/**
 * Draws a Timeline as one static SVG: a label column, a time axis in virtual time, one row per lane.
 * Static markup (no script) so the report renders the same in any browser and in a file viewer;
 * every segment and mark carries a `<title>` for hover text and a `data-kind` for tests and styling.
 */
import { escapeControls } from "./control-characters";
import { formatClock } from "./format";
import type { Lane, Mark, Segment, Timeline } from "./timeline";

const WIDTH = 1100;
const LABEL_W = 300;
const LANE_H = 30;
const AXIS_H = 28;
const PLOT_W = WIDTH - LABEL_W - 20;

/** Nice tick steps in milliseconds, from 1 s to 1 day. */
const STEPS = [
  1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 21_600_000,
  86_400_000,
];

/** The part of the run to draw, in virtual ms. */
export interface TimeWindow {
  readonly fromMs: number;
  readonly toMs: number;
}

export function svgTimeline(t: Timeline, window: TimeWindow = { fromMs: 0, toMs: t.endMs }, label = "timeline of the run"): string {
  const { fromMs, toMs } = window;
  const span = Math.max(1, toMs - fromMs);
  const lanes = t.lanes.filter(
    (l) => l.segments.some((s) => s.toMs >= fromMs && s.fromMs <= toMs) || l.marks.some((m) => inside(m.atMs, window)),
  );
  const height = AXIS_H + lanes.length * LANE_H + 8;
  const x = (ms: number) => LABEL_W + ((Math.min(Math.max(ms, fromMs), toMs) - fromMs) / span) * PLOT_W;
  const step = STEPS.find((s) => span / s <= 10) ?? (STEPS[STEPS.length - 1] as number);
  const ticks: string[] = [];
  for (let ms = Math.ceil(fromMs / step) * step; ms <= toMs; ms += step)
    ticks.push(
      `<line class="tick" x1="${x(ms).toFixed(1)}" x2="${x(ms).toFixed(1)}" y1="${AXIS_H - 6}" y2="${height}"/>` +
        `<text class="tick-label" x="${x(ms).toFixed(1)}" y="${AXIS_H - 10}">${esc(formatTick(ms))}</text>`,
    );
  const rows = lanes.map((lane, i) => laneRow(lane, AXIS_H + i * LANE_H, x, window));
  return [
    `<svg class="timeline" xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${esc(label)}">`,
    ...ticks,
    ...rows,
    "</svg>",
  ].join("\n");
}

function inside(ms: number, w: TimeWindow): boolean {
  return ms >= w.fromMs && ms <= w.toMs;
}

/** `0`, `90s`, `2m`, `1h10m`, `2m05.5s`: short labels for the axis. */
export function formatTick(ms: number): string {
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const sec = (ms % 60_000) / 1000;
  const parts = [h ? `${h}h` : "", m ? `${m}m` : "", sec ? `${Number.isInteger(sec) ? sec : sec.toFixed(1)}s` : ""].join("");
  return parts || "0";
}

function laneRow(lane: Lane, y: number, x: (ms: number) => number, window: TimeWindow): string {
  const parts = [
    `<g class="lane" data-group="${lane.group}" data-lane="${esc(lane.id)}">`,
    `<rect class="lane-bg" x="0" y="${y}" width="${WIDTH}" height="${LANE_H}"/>`,
    `<text class="lane-label" x="6" y="${y + LANE_H / 2 + 4}"><title>${esc(lane.label)}</title>${esc(shorten(lane.label, 40))}</text>`,
  ];
  // Roles underneath, then faults/outages, then the narrow phase bars on top.
  const order: Record<Segment["kind"], number> = {
    role: 0,
    status: 1,
    fault: 1,
    outage: 1,
    notice: 1,
    detection: 2,
    promotion: 2,
    "client-outage": 3,
  };
  const visible = lane.segments.filter((s) => s.toMs >= window.fromMs && s.fromMs <= window.toMs);
  for (const s of [...visible].sort((a, b) => order[a.kind] - order[b.kind])) parts.push(segment(s, y, x));
  for (const m of lane.marks.filter((m) => inside(m.atMs, window))) parts.push(mark(m, y, x));
  parts.push("</g>");
  return parts.join("");
}

function segment(s: Segment, y: number, x: (ms: number) => number): string {
  const x0 = x(s.fromMs);
  const w = Math.max(2, x(s.toMs) - x0);
  const [top, h] =
    s.kind === "client-outage" ? [y + LANE_H - 8, 5] : s.kind === "detection" || s.kind === "promotion" ? [y + 3, 6] : [y + 9, LANE_H - 18];
  const text = `${s.label}: ${formatClock(s.fromMs)} – ${formatClock(s.toMs)}`;
  const rect = `<rect class="seg seg-${s.kind}" data-kind="${s.kind}" x="${x0.toFixed(1)}" y="${top}" width="${w.toFixed(1)}" height="${h}"><title>${esc(text)}</title></rect>`;
  // Role bars say which zone holds the writer when there is room for it.
  const room = s.kind === "role" && w > s.label.length * 6.5 + 24;
  return room ? `${rect}<text class="seg-label" x="${(x0 + 14).toFixed(1)}" y="${y + LANE_H / 2 + 4}">${esc(s.label)}</text>` : rect;
}

function mark(m: Mark, y: number, x: (ms: number) => number): string {
  const cx = x(m.atMs).toFixed(1);
  const cy = y + LANE_H / 2;
  const text = `${m.label} at ${formatClock(m.atMs)}`;
  return `<path class="mark mark-${m.kind}" data-kind="${m.kind}" d="M${cx} ${cy - 7} L${Number(cx) + 6} ${cy} L${cx} ${cy + 7} L${Number(cx) - 6} ${cy} Z"><title>${esc(text)}</title></path>`;
}

function shorten(s: string, n: number): string {
  return s.length <= n ? s : `…${s.slice(s.length - n + 1)}`;
}

/**
 * Escapes text for HTML and SVG content and attribute values; control and bidi formatting
 * characters (a right-to-left override in an identifier) become visible `\uXXXX` escapes.
 */
export function esc(s: string): string {
  return escapeControls(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
