/**
 * The HTML page of `assess --report`: one self-contained file like the emulate report (one hashed
 * style block, static SVG, no script). Per policy, governed database and disruption type: the RTO
 * and RPO distributions across seeds as histograms with the target drawn on them, p50 / p99 / max
 * against the target, the share of seeds that breached, the breaching seeds with their replay
 * commands, the advice; a type that was not assessed shows its reason and no picture, never a pass.
 */
import type { Assessment, DisruptionAssessment, MeasureSummary, PolicyAssessment, SeedMeasure } from "../assess/assessment";
import { formatSeconds } from "./format";
import { histogramOf, histogramSvg } from "./histogram";
import { BASE_CSS, htmlDocument, table } from "./html-page";
import { esc } from "./svg-timeline";

/** Breaching seeds listed with their whole replay command; the rest by seed number (their command differs only in it). */
export const LISTED_BREACHES = 50;

const CSS = `${BASE_CSS}.verdict.na{background:#fef7e0;color:#7a4f01}
h3{font-size:15px;margin:20px 0 4px}h4{font-size:14px;margin:16px 0 6px}
.disruption{border:1px solid #d6dbe3;border-radius:6px;padding:4px 14px 10px;margin:10px 0}
.disruption.breached{border-color:#f28b82}.disruption.not-assessed{border-style:dashed}
.charts{display:flex;flex-wrap:wrap;gap:6px 18px}.chart-box{flex:1 1 320px;max-width:480px;min-width:0}
svg.histogram{display:block;width:100%;height:auto;margin:2px 0 6px}
.axis{stroke:#9aa4b2}.axis-label{font-size:11px;fill:#667;text-anchor:end}.tick-label{font-size:11px;fill:#667;text-anchor:middle}
.bar-within{fill:#5b8def}.bar-over{fill:#d93025}
.target line{stroke:#1d2430;stroke-width:1.5;stroke-dasharray:4 3}.target text{font-size:11px;fill:#1d2430;paint-order:stroke;stroke:#fff;stroke-width:3px}.target text.end{text-anchor:end}
.legend span{display:inline-block;margin-right:14px;font-size:12px}.legend i{display:inline-block;width:14px;height:10px;margin-right:4px;vertical-align:middle}
.legend i.within{background:#5b8def}.legend i.over{background:#d93025}
.breaching td{white-space:nowrap}.breaching td.replay{white-space:normal;min-width:240px}.replay code{overflow-wrap:anywhere}ul.advice li{margin:3px 0}
@media (max-width:600px){body{margin:12px}h1{font-size:17px}}
`;

export function renderAssessmentPage(a: Assessment): string {
  const title = `Recovery objectives of ${a.plan}`;
  const unassessed = a.policies.flatMap((p) => p.databases.flatMap((d) => d.disruptions)).filter((d) => d.verdict === "not-assessed");
  const body = [
    `<h1>${esc(title)}</h1>`,
    `<p class="meta">${a.runs} runs: ${a.seeds} seed${a.seeds === 1 ? "" : "s"} per scenario from seed ${a.firstSeed}, profile ${esc(a.profile)}, ${esc(a.mode)}</p>`,
    verdictLine(a, unassessed.length),
    '<div class="legend"><span><i class="within"></i>seeds within the target</span><span><i class="over"></i>seeds over the target</span><span>dashed line: the target</span></div>',
    ...failuresSection(a),
    ...a.policies.flatMap(policySection),
    ...(a.ungoverned.length
      ? [
          "<h2>Not judged</h2>",
          `<ul>${a.ungoverned.map((u) => `<li class="na">${esc(u)}: no resiliency policy governs it (no resilience:policy tag)</li>`).join("")}</ul>`,
        ]
      : []),
  ];
  return htmlDocument(title, CSS, body);
}

function verdictLine(a: Assessment, unassessed: number): string {
  const [cls, text] =
    a.verdict === "met"
      ? ["ok", "Every target met in every seed."]
      : a.verdict === "breached"
        ? ["fail", "BREACHED: a target was missed (see the breaching seeds below)."]
        : a.verdict === "invariant-failed"
          ? ["fail", "FAILED: an invariant failed; no figure counts until it holds."]
          : a.verdict === "met-where-assessed"
            ? ["na", `Met where assessed; ${unassessed} target${unassessed === 1 ? " was" : "s were"} NOT assessed.`]
            : ["fail", "NOTHING ASSESSED: no target could be measured."];
  return `<p class="verdict ${cls}" data-verdict="${a.verdict}">${esc(text)}</p>`;
}

function failuresSection(a: Assessment): string[] {
  if (!a.failures.length) return [];
  return [
    "<h2>Invariants failed</h2>",
    `<ul>${a.failures
      .slice(0, LISTED_BREACHES)
      .map(
        (f) => `<li><span class="fail">${esc(f.message)}</span><br><span class="replay">replay: <code>${esc(f.replay)}</code></span></li>`,
      )
      .join("")}</ul>`,
    ...(a.failures.length > LISTED_BREACHES
      ? [`<p class="meta">and ${a.failures.length - LISTED_BREACHES} more (assess --json lists them all)</p>`]
      : []),
  ];
}

function policySection(p: PolicyAssessment): string[] {
  return [
    `<h2>Policy ${esc(p.policy)} (${esc(p.tier)})</h2>`,
    `<p class="meta">${esc(p.address)}</p>`,
    ...(p.databases.length
      ? p.databases.flatMap((db) => [
          `<h3>${esc(db.database)} <span class="meta">(${esc(db.engine)})</span></h3>`,
          ...db.disruptions.map((d) => disruptionSection(db.database, d)),
        ])
      : ['<p class="na">Governs no database (no database\'s resilience:policy tag names it).</p>']),
  ];
}

const VERDICT_TEXT = { met: "met", breached: "BREACHED", "not-assessed": "not assessed" } as const;
const VERDICT_CLASS = { met: "ok", breached: "fail", "not-assessed": "na" } as const;

function disruptionSection(database: string, d: DisruptionAssessment): string {
  const head = `<h4>${esc(d.type)}: <span class="${VERDICT_CLASS[d.verdict]}">${VERDICT_TEXT[d.verdict]}</span>${
    d.scenarios.length ? ` <span class="meta">(${esc(d.scenarios.join(", "))})</span>` : ""
  }</h4>`;
  const open = `<section class="disruption ${d.verdict}" data-database="${esc(database)}" data-type="${esc(d.type)}" data-verdict="${d.verdict}">`;
  if (d.verdict === "not-assessed" || !d.rto || !d.rpo)
    return `${open}${head}<p class="na not-assessed-reason">Not assessed: ${esc(d.reason ?? "nothing was measured")}</p></section>`;
  const seeds = d.measured ?? [];
  const breaching = seeds.filter((s) => s.breached?.length);
  const share = d.breachFraction ?? (seeds.length ? breaching.length / seeds.length : 0);
  const parts = [
    open,
    head,
    `<p class="breach-share">${breaching.length} of ${d.runs} measured seed${d.runs === 1 ? "" : "s"} breached (${(share * 100).toFixed(1)}%)${
      d.unreached ? `; ${d.unreached} more reached the database but not its clients and are left out` : ""
    }${d.invariantFailures ? `; an invariant failed in ${d.invariantFailures}` : ""}</p>`,
    table(
      ["measure", "target", "p50", "p99", "max", "seeds over the target"],
      [figuresRow("RTO (client-visible outage)", d.rto), figuresRow("RPO (span of acknowledged writes lost)", d.rpo)],
    ),
    '<div class="charts">',
    chartBox(
      "RTO",
      `RTO of ${database} across seeds, ${d.type} disruption`,
      d.rto,
      seeds.map((s) => s.rtoMs),
    ),
    chartBox(
      "RPO",
      `RPO of ${database} across seeds, ${d.type} disruption`,
      d.rpo,
      seeds.map((s) => s.rpoMs),
    ),
    "</div>",
    ...breachingSeeds(breaching, d.scenarios.length > 1),
    ...(d.advice?.length
      ? ["<p>What to change:</p>", `<ul class="advice">${d.advice.map((x) => `<li>${esc(x)}</li>`).join("")}</ul>`]
      : []),
    "</section>",
  ];
  return parts.join("\n");
}

const ms = (x: number | null) => (x === null ? "never ended" : formatSeconds(x));

function figuresRow(label: string, m: MeasureSummary): string[] {
  return [label, m.target, ms(m.p50Ms), ms(m.p99Ms), ms(m.maxMs), String(m.breaches)];
}

function chartBox(measure: "RTO" | "RPO", label: string, m: MeasureSummary, values: readonly (number | null)[]): string {
  const body = values.length
    ? histogramSvg(histogramOf(values, m.targetMs), label, m.target)
    : '<p class="na">No per-seed figures in this assessment.</p>';
  return `<div class="chart-box" data-measure="${measure}"><p class="meta">${measure} across ${values.length} seed${values.length === 1 ? "" : "s"}</p>${body}</div>`;
}

/** Worst first (longest outage, then largest loss), as the worst seed is chosen. */
function breachingSeeds(breaching: readonly SeedMeasure[], severalScenarios: boolean): string[] {
  if (!breaching.length) return [];
  const rto = (s: SeedMeasure) => s.rtoMs ?? Number.POSITIVE_INFINITY;
  const sorted = [...breaching].sort((a, b) => rto(b) - rto(a) || b.rpoMs - a.rpoMs || a.seed - b.seed);
  const listed = sorted.slice(0, LISTED_BREACHES);
  const rest = sorted.slice(LISTED_BREACHES);
  return [
    `<p>Breaching seeds, worst first${rest.length ? ` (the first ${LISTED_BREACHES})` : ""}:</p>`,
    `<div class="wide breaching"><table><thead><tr><th>seed</th><th>missed</th><th>RTO</th><th>RPO</th><th>writes lost</th><th>replay</th></tr></thead><tbody>${listed
      .map(
        (s) =>
          `<tr data-seed="${s.seed}"><td>${s.seed}</td><td class="fail">${esc((s.breached ?? []).map((b) => b.toUpperCase()).join(", "))}</td><td>${esc(ms(s.rtoMs))}</td><td>${esc(ms(s.rpoMs))}</td><td>${s.acknowledgedWritesLost}</td><td class="replay"><code>${esc(s.replay ?? "")}</code></td></tr>`,
      )
      .join("")}</tbody></table></div>`,
    ...(rest.length
      ? [
          `<p class="meta">${rest.length} more breaching seed${rest.length === 1 ? "" : "s"} (replay each with a command above of the same scenario and its --seed): ${esc(
            rest.map((s) => (severalScenarios ? `${s.seed} (${s.scenario})` : String(s.seed))).join(", "),
          )}</p>`,
        ]
      : []),
  ];
}
