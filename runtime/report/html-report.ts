/**
 * The HTML report of one emulation: a single self-contained file (inline CSS in one style block,
 * static SVG, no script, no style attribute, no network) a reader can attach to a ticket or open on
 * a phone. It shows the run's identity and replay command, the headline RTO and RPO per database,
 * the topology as a picture, the recovery figures, what the clients saw, the timeline, every
 * invariant, and the result's sections.
 */
import type { ClientRequestsRow, EmulationResult } from "../contract/emulation-result";
import type { Topology } from "../plan/topology";
import { type ChartMark, clientChart } from "./client-chart";
import { failoverFigures, recoveryPoint } from "./figures";
import { formatClock, formatSeconds } from "./format";
import { type DatabaseHeadline, headlines } from "./headline";
import { BASE_CSS, htmlDocument, table } from "./html-page";
import { formatJson } from "./json";
import { modelledByResource } from "./modelled";
import { esc, svgTimeline } from "./svg-timeline";
import { buildTimeline } from "./timeline";
import { topologyPicture } from "./topology-picture";

export { reportCsp } from "./html-page";

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
  /** The plan's topology, drawn as a picture; without it the report has no topology section. */
  readonly topology?: Topology;
}

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

/** The one style block: a strict Content-Security-Policy can allow it by hash; nothing else styles the page. */
const CSS = `${BASE_CSS}.headline{display:flex;flex-wrap:wrap;gap:10px;margin:8px 0}
.card{border:1px solid #d6dbe3;border-radius:6px;padding:8px 12px;min-width:0;flex:1 1 260px;max-width:420px}
.card h3{margin:0 0 6px;font-size:13px;color:#556;font-weight:600}
.figures{display:flex;flex-wrap:wrap;gap:4px 18px}.figure .value{display:block;font-size:22px;font-weight:650}.figure .label{font-size:12px;color:#556}
.card small{display:block;color:#556;margin-top:4px}
svg.timeline{display:block;max-width:none;min-width:720px;width:100%;height:auto;border:1px solid #d6dbe3;margin-top:6px}
svg.topology{display:block;width:100%;max-width:520px;height:auto;margin-top:6px}
svg.chart{display:block;width:100%;max-width:640px;height:auto;margin:4px 0 10px}
.seg-label{font-size:11px;fill:#1d2430}h3{font-size:14px;margin:16px 0 4px}.lane-bg{fill:#fff}.lane:nth-of-type(even) .lane-bg{fill:#f7f9fb}.lane-label{font-size:12px;fill:#1d2430}
.tick{stroke:#e3e7ee}.tick-label{font-size:11px;fill:#667;text-anchor:middle}
.seg-role{fill:#cfe3ff}.seg-fault{fill:#f4b9b2}.seg-outage{fill:#f28b82}.seg-status{fill:#fde293}.seg-notice{fill:#fdd663}
.seg-detection{fill:#ff9800}.seg-promotion{fill:#7e57c2}.seg-client-outage{fill:#b3261e}
.mark{stroke:#fff;stroke-width:1}.mark-failover{fill:#1a73e8}.mark-repair{fill:#137333}.mark-reclaim{fill:#e37400}.mark-launch{fill:#137333}.mark-restore{fill:#00897b}.mark-violation{fill:#b3261e}
.legend span{display:inline-block;margin-right:14px;font-size:12px}.legend i{display:inline-block;width:14px;height:10px;margin-right:4px;vertical-align:middle}
${LEGEND.map(([color], i) => `.legend i.c${i}{background:${color}}`).join("")}
.legend i.ok{background:#34a853}.legend i.failed{background:#d93025}
.region-frame{fill:#fbfcfe;stroke:#9aa4b2}.region-title{font-size:12px;font-weight:600;fill:#1d2430}
.zone-col{fill:#f1f4f8;stroke:#d6dbe3}.zone-title{font-size:11px;fill:#556}
.band-bg{fill:none;stroke:#c4cad4;stroke-dasharray:3 2}.band-title{font-size:11px;font-weight:600;fill:#1d2430}.band-line{font-size:11px;fill:#556}
.node rect{stroke-width:1.5}.node-title{font-size:11px;font-weight:600;fill:#1d2430}.node-detail{font-size:11px;fill:#334}
.node-writer rect{fill:#cfe3ff;stroke:#1a73e8}.node-failover rect{fill:#fff3e0;stroke:#e37400}.node-read rect{fill:#f3f5f8;stroke:#9aa4b2}
.node-pool rect{fill:#e6f4ea;stroke:#137333;stroke-dasharray:4 2}.node-reserved rect{fill:#e8f0fe;stroke:#5f6368}
.bar-ok{fill:#34a853}.bar-failed{fill:#d93025}.axis{stroke:#9aa4b2}.axis-label{font-size:11px;fill:#667;text-anchor:end}
.chart-mark line{stroke:#1a73e8;stroke-dasharray:3 2}.chart-mark text{font-size:11px;fill:#1a73e8;paint-order:stroke;stroke:#fff;stroke-width:3px}.chart-mark text.end{text-anchor:end}
@media (max-width:600px){body{margin:12px}h1{font-size:17px}.figure .value{font-size:19px}}
`;

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
        ? esc(
            modelledByResource(r)
              .map((m) => `${m.resource} (${m.components.join(", ")}${m.struck ? "" : "; not reached by the scenario"})`)
              .join(" · "),
          )
        : "nothing"
    }</p>`,
    ...r.notRun.map((n) => `<p class="meta">Not run: ${esc(`${n.component}: ${n.why}`)}</p>`),
    ...r.experiment.skipped.map((x) => `<p class="meta">Skipped: ${esc(`${x.action} (target ${x.target}: ${x.why})`)}</p>`),
    `<p>Replay: <code id="replay">${esc(input.replayCommand)}</code></p>`,
    ...headlineSection(headlines(r, input.topology)),
    ...topologySection(input.topology),
    "<h2>Recovery</h2>",
    `<p>RPO: <span class="${rpo.ok === undefined ? "na" : rpo.ok ? "ok" : "fail"}">${esc(rpo.text)}</span></p>`,
    figures.length
      ? table(
          ["resource", "from → to", "writer lost", "detection", "promotion", "RTO (new writer)", "client-visible outage", "re-paired"],
          figures.map((f) => [
            breakable(f.row.resource),
            `${esc(f.row.fromAz)} → ${esc(f.row.toAz)}<br><small>${breakable(f.row.fromInstance)} → ${breakable(f.row.toInstance)}</small>`,
            formatClock(f.lostAtMs),
            formatSeconds(f.detectionMs),
            formatSeconds(f.promotionMs),
            formatSeconds(f.rtoMs),
            formatSeconds(f.clientOutageMs),
            f.row.repairedWith ? `${f.row.repairedWith.az} at ${formatClock(f.row.repairedWith.atMs)}` : "—",
          ]),
          new Set([0, 1]),
        )
      : "<p class=na>No failover happened in this run.</p>",
    "<h2>Timeline</h2>",
    `<div class="legend">${LEGEND.map(([, l], i) => `<span><i class="c${i}"></i>${esc(l)}</span>`).join("")}</div>`,
    timeline.lanes.length
      ? `<div class="wide">${svgTimeline(timeline)}</div>`
      : "<p class=na>Nothing to draw: no fault, status change or result row.</p>",
    ...figures.flatMap((f) => {
      // Failovers take seconds in runs of an hour: each gets a close-up from the loss to clients back, with margins.
      const end = Math.max(f.row.completedAtMs, f.lostAtMs + f.clientOutageMs);
      const margin = Math.max(5_000, Math.round((end - f.lostAtMs) / 4));
      const window = { fromMs: Math.max(0, f.lostAtMs - margin), toMs: Math.min(timeline.endMs, end + margin) };
      return [
        `<h3>Around the failover of ${esc(f.row.resource)}</h3>`,
        `<div class="wide">${svgTimeline(timeline, window, `failover of ${f.row.resource}, close-up`)}</div>`,
      ];
    }),
    ...clientsSection(r),
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
    `<pre id="result-json">${esc(formatJson(r))}</pre>`,
  ];
  return htmlDocument(title, CSS, body);
}

/** RTO and RPO per database, first thing on the page. */
function headlineSection(rows: readonly DatabaseHeadline[]): string[] {
  if (!rows.length) return [];
  const cards = rows.map((h) => {
    const f = h.slowest;
    const rto = f
      ? figure(
          "RTO (clients)",
          "rto",
          formatSeconds(f.clientOutageMs),
          f.rto
            ? `new writer after detection ${formatSeconds(f.rto.detectionMs)} + promotion ${formatSeconds(f.rto.promotionMs)} + switch ${formatSeconds(f.rto.switchMs)}`
            : "",
        )
      : figure("RTO (clients)", "rto", "no failover", "");
    const rpo = figure(
      "RPO",
      "rpo",
      h.lostWrites === undefined ? "not measured" : `${h.lostWrites} write${h.lostWrites === 1 ? "" : "s"}`,
      "",
    );
    const requests = h.requests ? figure("client requests failed", "failed", `${h.requests.failed} of ${h.requests.sent}`, "") : "";
    const what = f
      ? `${h.failovers} failover${h.failovers === 1 ? "" : "s"}; the slowest ${esc(f.fromAz)} → ${esc(f.toAz)}: clients without an answer for ${formatSeconds(f.clientOutageMs)}`
      : h.requests
        ? "no failover in this run"
        : "not emulated by this run's models";
    const rpoNote =
      h.lostWrites === undefined ? "" : h.lostWrites === 0 ? "; no acknowledged write lost" : "; acknowledged writes lost (RPO violated)";
    return `<div class="card" data-database="${esc(h.database)}"><h3>${esc(h.database)}</h3><div class="figures">${rto}${rpo}${requests}</div><small>${what}${rpoNote}</small></div>`;
  });
  return ["<h2>At a glance</h2>", `<div class="headline">${cards.join("")}</div>`];
}

function figure(label: string, key: string, value: string, note: string): string {
  return `<div class="figure"><span class="label">${esc(label)}</span><span class="value" data-figure="${key}">${esc(value)}</span>${note ? `<span class="label">${esc(note)}</span>` : ""}</div>`;
}

function topologySection(topology: Topology | undefined): string[] {
  const svg = topology ? topologyPicture(topology) : null;
  if (!svg) return [];
  const legend = [
    ["writer", "node-writer"],
    ["failover standby", "node-failover"],
    ["reader", "node-read"],
  ];
  return [
    "<h2>Topology</h2>",
    `<p class="meta">${legend.map(([l]) => esc(l as string)).join(" · ")}; hover a box for its instance. Zones are those the emulator runs (the plan's, and the region's first three).</p>`,
    svg,
  ];
}

/** Per database: requests over the whole run, then each stretch in which requests failed, finer. */
function clientsSection(r: EmulationResult): string[] {
  if (!r.clients.length) return [];
  const out = [
    "<h2>Client requests</h2>",
    '<div class="legend"><span><i class="ok"></i>succeeded</span><span><i class="failed"></i>failed (timeout, no route, not the writer)</span></div>',
  ];
  for (const c of r.clients) out.push(...clientCharts(r, c));
  return out;
}

function clientCharts(r: EmulationResult, c: ClientRequestsRow): string[] {
  const marks: ChartMark[] = r.failovers
    .filter((f) => f.resource === c.database)
    .flatMap((f) => [
      { atMs: f.detectedAtMs, label: "detected" },
      { atMs: f.completedAtMs, label: "new writer" },
    ]);
  const out = [
    `<h3 data-clients="${esc(c.database)}">${esc(c.database)}: ${c.succeeded} of ${c.sent} requests succeeded, ${c.failed} failed</h3>`,
    clientChart(
      c.run,
      `client requests of ${c.database} over the run`,
      // The run is an hour; seconds-apart labels would collide: the line alone, its hover text says what it is.
      marks.filter((m) => m.label === "new writer").map((m) => ({ ...m, label: "" })),
    ),
  ];
  for (const s of c.incidents) {
    const failed = s.failed.reduce((a, b) => a + b, 0);
    out.push(
      `<p class="meta">${formatClock(s.fromMs)} – ${formatClock(s.fromMs + s.succeeded.length * s.bucketMs)}, ${formatSeconds(s.bucketMs)} buckets: ${failed} failed</p>`,
      clientChart(s, `client requests of ${c.database} around failures from ${formatClock(s.fromMs)}`, marks),
    );
  }
  return out;
}

/** Escaped, with a line-break opportunity after each `.` and `_` of a Terraform address, so narrow columns wrap it. */
function breakable(s: string): string {
  return esc(s).replace(/([._])/g, "$1<wbr>");
}

function section(title: string, count: number, render: () => string): string[] {
  return count ? [`<h2>${esc(title)}</h2>`, render()] : [];
}
