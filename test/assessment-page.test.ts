import { createHash } from "node:crypto";
import { describe, expect, test } from "vitest";
import { LISTED_BREACHES, renderAssessmentPage } from "../runtime/report/assessment-page";
import { assessmentWith, OUTAGES, PLAN, replayOf, SOFTWARE_REASON, TARGET_MS } from "./helpers/assessment-fixture";

/** The markup of the section of one disruption type. */
function section(html: string, type: string): string {
  const m = new RegExp(`<section class="disruption [^"]*" data-database="[^"]*" data-type="${type}"[\\s\\S]*?</section>`).exec(html);
  if (!m) throw new Error(`no ${type} section`);
  return m[0];
}

/** Per bin of the first histogram in `markup`: [within, over]. */
function bins(markup: string, measure: "RTO" | "RPO"): number[][] {
  const box = new RegExp(`<div class="chart-box" data-measure="${measure}">[\\s\\S]*?</svg>`).exec(markup)?.[0] ?? "";
  return [...box.matchAll(/<g class="bin" [^>]*data-within="(\d+)" data-over="(\d+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

describe("the assess --report page", () => {
  test("lists the breaching seeds worst first, each with its replay command, and the advice", () => {
    const html = renderAssessmentPage(assessmentWith());
    const az = section(html, "az");
    // Seeds over 30 s in the fixture: 6 (45 s) and 3 (31 s); 10 (exactly 30 s) meets the target.
    const breaching = OUTAGES.filter(([, ms]) => ms > TARGET_MS).sort((a, b) => b[1] - a[1]);
    expect([...az.matchAll(/<tr data-seed="(\d+)">/g)].map((m) => Number(m[1]))).toEqual(breaching.map(([s]) => s));
    for (const [seed] of breaching) expect(az).toContain(`<code>${replayOf(seed)}</code>`);
    expect(az).toContain("2 of 10 measured seeds breached (20.0%)");
    expect(az).toContain("Raise policy.az.rto (30s) to at least 45s");
    expect(html).toContain('data-verdict="breached"');
  });

  test("the RTO histogram holds every seed once, split at the target as the seeds' own outages are", () => {
    const az = section(renderAssessmentPage(assessmentWith()), "az");
    const drawn = bins(az, "RTO");
    const over = OUTAGES.filter(([, ms]) => ms > TARGET_MS).length;
    expect(drawn.reduce((n, [w]) => n + (w ?? 0), 0)).toBe(OUTAGES.length - over);
    expect(drawn.reduce((n, [, o]) => n + (o ?? 0), 0)).toBe(over);
    // The target is drawn on it, with the plan's own spelling.
    expect(az).toMatch(/<g class="target" data-target-ms="30000">[\s\S]*?target 30s<\/text>/);
    // RPO: ten seeds, all at 0, all within a 0 s target.
    expect(bins(az, "RPO")[0]).toEqual([OUTAGES.length, 0]);
  });

  test("a type that was not assessed shows its reason and no picture: never a pass", () => {
    const software = section(renderAssessmentPage(assessmentWith()), "software");
    expect(software).toContain(`Not assessed: ${SOFTWARE_REASON}`);
    expect(software).toContain('data-verdict="not-assessed"');
    expect(software).not.toMatch(/<svg|class="ok"|\bmet\b/);
  });

  test("a run that meets its policy lists no breaching seed and says no target was breached", () => {
    const html = renderAssessmentPage(assessmentWith({ targetMs: 60_000 }));
    expect(html).not.toMatch(/BREACHED|<tr data-seed=|class="wide breaching"/);
    expect(section(html, "az")).toContain("0 of 10 measured seeds breached (0.0%)");
    // The software target was not assessed, so the page does not say "every target met".
    expect(html).toMatch(/<p class="verdict na" data-verdict="met-where-assessed">Met where assessed; 1 target was NOT assessed\.<\/p>/);
  });

  test(`past ${LISTED_BREACHES} breaching seeds, the rest are named by seed number`, () => {
    const outages = Array.from({ length: LISTED_BREACHES + 10 }, (_, i) => [i + 1, 40_000 + i] as [number, number]);
    const az = section(renderAssessmentPage(assessmentWith({ outages })), "az");
    expect(az.match(/<tr data-seed=/g)?.length).toBe(LISTED_BREACHES);
    // Worst first: the largest outages are the last seeds; the ten least bad are seeds 10 … 1.
    expect(az).toContain(
      `10 more breaching seeds (replay each with a command above of the same scenario and its --seed): 10, 9, 8, 7, 6, 5, 4, 3, 2, 1`,
    );
  });

  test("hostile names are escaped: markup shows as text, control and bidi characters as visible escapes", () => {
    const hostile = 'orders\u202e<script>alert("x")</script>\u001b[31m';
    const html = renderAssessmentPage(assessmentWith({ database: hostile, policy: hostile, plan: `plans/${hostile}`, advice: [hostile] }));
    expect(html).not.toContain("<script");
    expect(html).not.toContain("\u202e");
    expect(html).not.toContain("\u001b");
    expect(html).toContain("orders\\u202e&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;\\u001b[31m");
  });

  test("one self-contained document under a Content-Security-Policy that allows its own style block by hash", () => {
    const html = renderAssessmentPage(assessmentWith());
    expect(html).not.toMatch(/<script|<link|<img|\ssrc=|href=|url\(|\sstyle=/i);
    const css = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? "";
    expect(html.match(/<style>/g)?.length).toBe(1);
    const hash = createHash("sha256").update(css).digest("base64");
    expect(html).toContain(`style-src 'sha256-${hash}'; style-src-attr 'none'`);
    expect(html).toContain(`<title>Recovery objectives of ${PLAN}</title>`);
  });
});
