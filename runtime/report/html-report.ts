/**
 * The HTML report of one emulation: a single self-contained file (inline CSS, static SVG, no
 * script, no network) a reader can attach to a ticket. It shows the run's identity and replay
 * command, the recovery figures, every invariant, the timeline, and the result's sections.
 */
import { createHash } from "node:crypto";
import type { EmulationResult } from "../scenarios/emulation-result";
import { failoverFigures, recoveryPoint } from "./figures";
import { formatClock, formatSeconds } from "./format";
import { esc, svgTimeline } from "./svg-timeline";
import { buildTimeline } from "./timeline";

export interface HtmlReportInput {
  /** The plan file the run loaded (as the user named it). */
  readonly plan: string;
  readonly result: EmulationResult;
  /** The run's trace lines (without newlines); fault windows and status changes come from here. */
  readonly traceLines: readonly string[];
  /** The command that replays this run. */
  readonly replayCommand: string;
  /** What the mock decided while building the plan's cloud. */
  readonly notes?: readonly string[];
}

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#1d2430;background:#fff}
h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:28px 0 8px}
.meta{color:#556;margin:0 0 12px}code,pre{font:12.5px ui-monospace,Menlo,Consolas,monospace;background:#f3f5f8;padding:2px 5px;border-radius:3px}
pre{padding:8px 10px;overflow:auto}
table{border-collapse:collapse;margin:4px 0}th,td{border:1px solid #d6dbe3;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f3f5f8}
.ok{color:#137333;font-weight:600}.fail{color:#b3261e;font-weight:600}.na{color:#778}
.verdict{font-size:15px;padding:8px 12px;border-radius:4px;display:inline-block}.verdict.ok{background:#e6f4ea}.verdict.fail{background:#fce8e6}
svg.timeline{display:block;max-width:100%;height:auto;border:1px solid #d6dbe3;margin-top:6px}
.seg-label{font-size:11px;fill:#1d2430}h3{font-size:14px;margin:16px 0 4px}.lane-bg{fill:#fff}.lane:nth-of-type(even) .lane-bg{fill:#f7f9fb}.lane-label{font-size:12px;fill:#1d2430}
.tick{stroke:#e3e7ee}.tick-label{font-size:11px;fill:#667;text-anchor:middle}
.seg-role{fill:#cfe3ff}.seg-fault{fill:#f4b9b2}.seg-outage{fill:#f28b82}.seg-status{fill:#fde293}.seg-notice{fill:#fdd663}
.seg-detection{fill:#ff9800}.seg-promotion{fill:#7e57c2}.seg-client-outage{fill:#b3261e}
.mark{stroke:#fff;stroke-width:1}.mark-failover{fill:#1a73e8}.mark-repair{fill:#137333}.mark-reclaim{fill:#e37400}.mark-launch{fill:#137333}.mark-restore{fill:#00897b}.mark-violation{fill:#b3261e}
.legend span{display:inline-block;margin-right:14px;font-size:12px}.legend i{display:inline-block;width:14px;height:10px;margin-right:4px;vertical-align:middle}
`;

const LEGEND: readonly [string, string][] = [
  ["#cfe3ff", "writer's zone (role)"],
  ["#f4b9b2", "fault in a zone"],
  ["#f28b82", "instance not available"],
  ["#ff9800", "detection"],
  ["#7e57c2", "promotion"],
  ["#b3261e", "client-visible outage"],
  ["#fdd663", "spot interruption notice"],
  ["#1a73e8", "◆ failover done"],
  ["#137333", "◆ re-paired / launched"],
  ["#00897b", "◆ restore point"],
];

export function renderHtmlReport(input: HtmlReportInput): string {
  const { result: r } = input;
  const timeline = buildTimeline(r, input.traceLines);
  const figures = failoverFigures(
    r,
    timeline.lanes.filter((l) => l.group === "zone"),
  );
  const failed = r.invariants.filter((i) => !i.ok);
  const rpo = recoveryPoint(r);
  const title = `${r.scenario} on ${input.plan} (seed ${r.seed})`;
  const body = [
    `<h1>${esc(title)}</h1>`,
    `<p class="meta">profile ${esc(r.profile)} · ${esc(formatClock(r.virtualDurationMs))} of virtual time · ${r.events} events · trace <code>${esc(r.traceHash ?? "off")}</code></p>`,
    `<p class="verdict ${failed.length || r.verdict === "not-judged" ? "fail" : "ok"}">${
      failed.length
        ? `${failed.length} invariant(s) violated: ${esc(failed.map((i) => i.id).join(", "))}`
        : r.verdict === "not-judged"
          ? `Not judged: ${esc(r.notJudged ?? "")}`
          : "Every invariant held."
    }</p>`,
    `<p class="meta">Modelled: ${
      r.modelled.length
        ? esc(r.modelled.map((m) => `${m.resource} (${m.component}${m.struck ? "" : ", not reached"})`).join(" · "))
        : "nothing"
    }</p>`,
    `<p>Replay: <code id="replay">${esc(input.replayCommand)}</code></p>`,
    "<h2>Recovery</h2>",
    `<p>RPO: <span class="${rpo.ok === undefined ? "na" : rpo.ok ? "ok" : "fail"}">${esc(rpo.text)}</span></p>`,
    figures.length
      ? table(
          ["resource", "from → to", "writer lost", "detection", "promotion", "RTO (new writer)", "client-visible outage", "re-paired"],
          figures.map((f) => [
            f.row.resource,
            `${esc(f.row.fromAz)} → ${esc(f.row.toAz)}<br><small>${esc(f.row.fromInstance)} → ${esc(f.row.toInstance)}</small>`,
            formatClock(f.lostAtMs),
            formatSeconds(f.detectionMs),
            formatSeconds(f.promotionMs),
            formatSeconds(f.rtoMs),
            formatSeconds(f.clientOutageMs),
            f.row.repairedWith ? `${f.row.repairedWith.az} at ${formatClock(f.row.repairedWith.atMs)}` : "—",
          ]),
          new Set([1]),
        )
      : "<p class=na>No failover happened in this run.</p>",
    "<h2>Timeline</h2>",
    `<div class="legend">${LEGEND.map(([c, l]) => `<span><i style="background:${c}"></i>${esc(l)}</span>`).join("")}</div>`,
    timeline.lanes.length ? svgTimeline(timeline) : "<p class=na>Nothing to draw: no fault, status change or result row.</p>",
    ...figures.flatMap((f) => {
      // Failovers take seconds in runs of an hour: each gets a close-up from the loss to clients back, with margins.
      const end = Math.max(f.row.completedAtMs, f.lostAtMs + f.clientOutageMs);
      const margin = Math.max(5_000, Math.round((end - f.lostAtMs) / 4));
      const window = { fromMs: Math.max(0, f.lostAtMs - margin), toMs: Math.min(timeline.endMs, end + margin) };
      return [
        `<h3>Around the failover of ${esc(f.row.resource)}</h3>`,
        svgTimeline(timeline, window, `failover of ${f.row.resource}, close-up`),
      ];
    }),
    "<h2>Invariants</h2>",
    table(
      ["invariant", "result", "checks", "first violation"],
      r.invariants.map((i) => [
        i.id,
        i.ok ? "ok" : "FAILED",
        String(i.checks),
        i.firstViolation ? `${formatClock(i.firstViolation.atMs)} (step ${i.firstViolation.step}): ${i.firstViolation.message}` : "",
      ]),
    ),
    ...section("Revocations", r.revocations.length, () =>
      table(
        ["resource", "pool", "zone", "leases", "notice", "reclaimed", "customer launched"],
        r.revocations.map((v) => [
          v.resource ?? "—",
          v.pool,
          v.az,
          String(v.leases),
          formatClock(v.noticeAtMs),
          formatClock(v.reclaimedAtMs),
          v.customerLaunchedAtMs === null ? "—" : formatClock(v.customerLaunchedAtMs),
        ]),
      ),
    ),
    ...section("Restores", r.restores.length, () =>
      table(
        ["database", "kind", "source", "target", "point", "verified"],
        r.restores.map((v) => [v.database ?? "—", v.kind, v.source, v.target, formatClock(v.pointMs), v.verified ? "yes" : "NO"]),
      ),
    ),
    ...section("Cache", r.cache ? 1 : 0, () =>
      table(
        ["measure", "value"],
        Object.entries(r.cache ?? {}).map(([k, v]) => [k, String(v)]),
      ),
    ),
    ...section("Processing groups", r.groups ? 1 : 0, () =>
      table(
        ["measure", "value"],
        Object.entries(r.groups ?? {}).map(([k, v]) => [k, String(v)]),
      ),
    ),
    ...section("Notes", input.notes?.length ?? 0, () => `<ul>${(input.notes ?? []).map((n) => `<li>${esc(n)}</li>`).join("")}</ul>`),
    "<h2>Result (emulate --json)</h2>",
    `<pre id="result-json">${esc(JSON.stringify(r, null, 2))}</pre>`,
  ];
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${reportCsp(CSS)}"><title>${esc(title)}</title><style>${CSS}</style></head>\n<body>\n${body.join("\n")}\n</body></html>\n`;
}

/**
 * The report's Content-Security-Policy, a second wall behind the escaping: nothing may load, run,
 * be framed or submitted (`default-src 'none'`); only the report's own style sheet applies (by its
 * SHA-256, so an injected `<style>` would not), plus the legend's inline `style` attributes.
 */
export function reportCsp(css: string): string {
  const hash = createHash("sha256").update(css, "utf8").digest("base64");
  return `default-src 'none'; style-src 'sha256-${hash}'; style-src-attr 'unsafe-inline'; base-uri 'none'; form-action 'none'`;
}

function section(title: string, count: number, render: () => string): string[] {
  return count ? [`<h2>${esc(title)}</h2>`, render()] : [];
}

/** A table; cells are escaped except the columns named in `html` (already markup). */
function table(head: readonly string[], rows: readonly (readonly string[])[], html: ReadonlySet<number> = new Set()): string {
  const cell = (c: string, i: number) => {
    const cls = c === "ok" || c === "yes" ? ' class="ok"' : c === "FAILED" || c === "NO" ? ' class="fail"' : "";
    return `<td${cls}>${html.has(i) ? c : esc(c)}</td>`;
  };
  return `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join("")}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map(cell).join("")}</tr>`)
    .join("")}</tbody></table>`;
}
