import { describe, expect, test } from "vitest";
import { renderHtmlReport, reportCsp } from "./html-report";
import { failoverRow, resultWith, TRACE } from "./report-fixture";
import { esc, formatTick, svgTimeline } from "./svg-timeline";
import { buildTimeline } from "./timeline";

const REPLAY = "cdktf-resilience emulate plan.json --scenario az-outage --seed 42 --profile realistic";
const render = (over: Parameters<typeof resultWith>[0] = {}, plan = "cdktf.out/stacks/aurora/cdk.tf.json") =>
  renderHtmlReport({ plan, result: resultWith(over), traceLines: TRACE, replayCommand: REPLAY, notes: ["zone ids: use1-az1…"] });

const unescapeHtml = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");

describe("renderHtmlReport", () => {
  test("is one self-contained document: no script, no external reference", () => {
    const html = render();
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).not.toMatch(/<script|<link|<img|\ssrc=|href=|url\(/i);
    expect(html).toContain("<style>");
  });

  test("carries the run's identity and the replay command", () => {
    const html = render();
    expect(html).toContain("<title>az-outage on cdktf.out/stacks/aurora/cdk.tf.json (seed 42)</title>");
    expect(html).toContain(`<code id="replay">${REPLAY}</code>`);
    expect(html).toContain(resultWith().traceHash as string);
  });

  test("the embedded result is the emulate --json document, unchanged", () => {
    const html = render();
    const json = /<pre id="result-json">([\s\S]*?)<\/pre>/.exec(html)?.[1] ?? "";
    expect(JSON.parse(unescapeHtml(json))).toEqual(resultWith());
  });

  test("verdict: every invariant held, or the violated ids", () => {
    expect(render()).toContain('<p class="verdict ok">Every invariant held.</p>');
    const failed = render({
      invariants: [
        { id: "single-writer", ok: false, checks: 9, firstViolation: { atMs: 130_000, step: 7, message: "two writers at once" } },
      ],
    });
    expect(failed).toContain('<p class="verdict fail">1 invariant(s) violated: single-writer</p>');
    expect(failed).toContain("2m10.000s (step 7): two writers at once");
    expect(failed).toContain('class="mark mark-violation"');
  });

  test("the recovery table splits RTO and shows re-pairing; each failover gets a close-up", () => {
    const html = render();
    expect(html).toMatch(
      /<td>2m00\.000s<\/td><td>4\.3 s<\/td><td>15\.4 s<\/td><td>19\.7 s<\/td><td>24\.7 s<\/td><td>us-east-1a at 36m31\.734s<\/td>/,
    );
    expect(html.match(/<svg class="timeline"/g)).toHaveLength(2);
    expect(html).toContain("<h3>Around the failover of aws_rds_cluster.Orders</h3>");
    const two = render({
      failovers: [failoverRow(), failoverRow({ resource: "aws_redshift_cluster.Warehouse", repairedWith: undefined })],
    });
    expect(two.match(/<svg class="timeline"/g)).toHaveLength(3);
    expect(two).toMatch(/aws_<wbr>redshift_<wbr>cluster\.<wbr>Warehouse<\/td>.*?<td>—<\/td>/);
  });

  test("RPO shows what the invariants measured, and says so when nothing did", () => {
    expect(render()).toContain('RPO: <span class="ok">0: no acknowledged write lost');
    expect(render({ invariants: [] })).toContain('RPO: <span class="na">not measured in this run');
  });

  test("sections without content are left out; those with content appear", () => {
    const plain = render();
    expect(plain).not.toContain("<h2>Revocations</h2>");
    expect(plain).not.toContain("<h2>Cache</h2>");
    expect(plain).toContain("<h2>Notes</h2>");
    const full = render({
      failovers: [],
      revocations: [{ pool: "spot", az: "us-east-1b", leases: 2, noticeAtMs: 0, reclaimedAtMs: 120_000, customerLaunchedAtMs: 150_000 }],
      restores: [{ kind: "clone", source: "a", target: "b", pointMs: 1000, verified: true }],
      cache: {
        entriesBefore: 10,
        kept: 8,
        invalidated: 2,
        hitRatioBefore: 0.9,
        hitRatioAfterFirst10k: 0.88,
        backendReadsDuringRecovery: 0,
        timeToAvailableMs: 3,
      },
    });
    for (const h of ["Revocations", "Restores", "Cache"]) expect(full).toContain(`<h2>${h}</h2>`);
    expect(full).toContain("<p class=na>No failover happened in this run.</p>");
  });

  test("the headline per database: RTO from the slowest failover's client outage, RPO from the clients' acknowledged writes", () => {
    const clients = (database: string, lost: number) => ({
      database,
      sent: 100,
      succeeded: 90,
      failed: 10,
      acknowledgedWritesLost: lost,
      run: { fromMs: 0, bucketMs: 60_000, succeeded: [90], failed: [10] },
      incidents: [],
    });
    const html = render({
      failovers: [failoverRow({ clientOutageMs: 12_300 }), failoverRow({ clientOutageMs: 31_400 })],
      clients: [clients("aws_rds_cluster.Orders", 0), clients("aws_rds_cluster.Billing", 2)],
    });
    const card = (db: string) =>
      new RegExp(`<div class="card" data-database="${db.replace(".", "\\.")}">(.*?)</div></div>`).exec(html)?.[1] ?? "";
    const figure = (db: string, key: string) => new RegExp(`data-figure="${key}">([^<]*)<`).exec(card(db))?.[1];
    expect([figure("aws_rds_cluster.Orders", "rto"), figure("aws_rds_cluster.Orders", "rpo")]).toEqual(["31.4 s", "0 writes"]);
    expect([figure("aws_rds_cluster.Billing", "rto"), figure("aws_rds_cluster.Billing", "rpo")]).toEqual(["no failover", "2 writes"]);
    expect(figure("aws_rds_cluster.Orders", "failed")).toBe("10 of 100");
    // without a client model, RPO is not claimed
    expect(render({ clients: [] })).toMatch(/data-figure="rpo">not measured</);
  });

  test("nothing is styled outside the one style block (a strict CSP can allow it by hash)", () => {
    const html = render();
    expect(html.match(/<style>/g)).toHaveLength(1);
    expect(html).not.toMatch(/\sstyle=/);
  });

  test("names what the run modelled, and says so when the run judged nothing", () => {
    expect(render()).toContain('<p class="meta">Modelled: aws_rds_cluster.Orders (database)</p>');
    const restored = render({
      restores: [{ database: "aws_rds_cluster.Orders", kind: "pitr", source: "a", target: "b", pointMs: 0, verified: true }],
    });
    expect(restored).toContain("<td>aws_rds_cluster.Orders</td><td>pitr</td>");
    const unjudged = render({ failovers: [], verdict: "not-judged", notJudged: "nothing to emulate: writer-crash struck nothing" });
    expect(unjudged).toContain('<p class="verdict fail">Not judged: nothing to emulate: writer-crash struck nothing</p>');
    expect(unjudged).not.toContain("Every invariant held.");
  });

  test("text from the plan and the run is escaped everywhere", () => {
    const evil = `<script>alert("x")</script>`;
    const html = renderHtmlReport({
      plan: evil,
      result: resultWith({ failovers: [failoverRow({ resource: evil, toInstance: evil })] }),
      traceLines: [`1 1 rds ${evil} status=failed`],
      replayCommand: evil,
      notes: [evil],
    });
    expect(html).not.toContain("<script");
    expect(html).toContain(esc(evil));
  });
});

describe("renderHtmlReport: safe to open", () => {
  test("the head carries a Content-Security-Policy that allows nothing but the report's own style sheet", () => {
    const html = render();
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
    expect(meta?.[1]).toBe(reportCsp(/<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? ""));
    expect(meta?.[1]).toMatch(
      /^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]{43}='; style-src-attr 'none'; base-uri 'none'; form-action 'none'$/,
    );
    // the policy comes before anything it governs
    expect(html.indexOf("Content-Security-Policy")).toBeLessThan(html.indexOf("<style>"));
  });

  test("the style hash is the SHA-256 of the style sheet as written (a changed sheet needs a changed hash)", () => {
    expect(reportCsp("body{}")).not.toBe(reportCsp("body{ }"));
    // base64 SHA-256 of "body{}" computed independently: printf 'body{}' | openssl dgst -sha256 -binary | base64
    expect(reportCsp("body{}")).toContain("'sha256-fJgEClQWV1hGkK4qHMO0KotTsVnMYMXTq7/suurGyUo='");
  });

  test.each([
    ["right-to-left override", "\u202e"],
    ["left-to-right embedding", "\u202a"],
    ["pop directional formatting", "\u202c"],
    ["right-to-left isolate", "\u2067"],
    ["pop directional isolate", "\u2069"],
    ["left-to-right mark", "\u200e"],
    ["right-to-left mark", "\u200f"],
    ["Arabic letter mark", "\u061c"],
    ["escape (OSC title)", "\u001b]0;x\u0007"],
    ["C1 control-sequence introducer", "\u009b31m"],
  ])("a %s in plan text is shown as a visible escape, never passed through", (_, ch) => {
    const html = render({ failovers: [failoverRow({ resource: `orders${ch}gpj.exe` })] }, `plan${ch}.json`);
    expect(html).not.toContain(ch);
    expect(html).toContain(`orders\\u${(ch.codePointAt(0) as number).toString(16).padStart(4, "0")}`);
  });
});

describe("svgTimeline", () => {
  const t = buildTimeline(resultWith(), TRACE);

  test("a window draws only the lanes with something inside it, clipped to the window", () => {
    const all = svgTimeline(t);
    const late = svgTimeline(t, { fromMs: 3_000_000, toMs: 4_000_000 });
    const lanes = (svg: string) => [...svg.matchAll(/data-lane="([^"]+)"/g)].map((m) => m[1]);
    expect(lanes(all)).toEqual(["us-east-1a", "aws_rds_cluster.Orders", "orders-writer"]);
    // only the resource's role and the never-ending insufficient-capacity fault reach that late
    expect(lanes(late)).toEqual(["us-east-1a", "aws_rds_cluster.Orders"]);
    for (const m of late.matchAll(/<rect class="seg[^"]*"[^>]* x="([\d.]+)"[^>]* width="([\d.]+)"/g))
      expect(Number(m[1]) + Number(m[2])).toBeLessThanOrEqual(1100);
  });

  test("axis ticks are round steps, at most about ten", () => {
    const ticks = [...svgTimeline(t).matchAll(/class="tick-label"[^>]*>([^<]+)</g)].map((m) => m[1]);
    expect(ticks[0]).toBe("0");
    expect(ticks.length).toBeGreaterThan(3);
    expect(ticks.length).toBeLessThanOrEqual(11);
  });

  test("formatTick", () => {
    expect([0, 90_000, 120_000, 4_200_000, 125_500].map(formatTick)).toEqual(["0", "1m30s", "2m", "1h10m", "2m5.5s"]);
  });
});
