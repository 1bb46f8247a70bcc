/**
 * The `assess --report` page as a reader sees it, in headless Chromium (Debian's, at
 * /usr/bin/chromium or $CHROMIUM_PATH; skipped without one unless RESILIENCE_REQUIRE_BROWSER=1, as in
 * report-browser.test.ts). Two real assessments of the Aurora example: its zone RTO tightened to
 * 10 s, below what detection and promotion alone take (every seed breaches), and as built (met).
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Assessment, DisruptionAssessment } from "../runtime/assess/assessment";
import { renderAssessmentPage } from "../runtime/report/assessment-page";
import { assessmentWith } from "./helpers/assessment-fixture";
import { synthExample, writePlan } from "./helpers/examples";
import { type PlanDoc, runCli, variantOf } from "./helpers/run-cli";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const required = process.env.RESILIENCE_REQUIRE_BROWSER === "1";
const available = existsSync(CHROMIUM);
if (required && !available)
  throw new Error(`RESILIENCE_REQUIRE_BROWSER=1 but no browser at ${CHROMIUM}. Fix: apt-get install -y chromium, or set CHROMIUM_PATH.`);

const SEEDS = "4";
const dir = mkdtempSync(join(tmpdir(), "assess-report-"));

/** Runs `assess --json --report`, returning the JSON and the page's path. */
async function assessWithReport(plan: string, name: string): Promise<{ a: Assessment; file: string; code: number }> {
  const file = join(dir, name);
  const r = await runCli("assess", plan, "--seeds", SEEDS, "--parallel", "1", "--json", "--report", file);
  expect(r.stderr).toBe("");
  return { a: JSON.parse(r.stdout) as Assessment, file, code: r.code };
}

function zone(a: Assessment): DisruptionAssessment {
  const d = a.policies[0]?.databases[0]?.disruptions.find((x) => x.type === "az");
  if (!d) throw new Error("no az row");
  return d;
}

interface Opened {
  readonly page: Page;
  readonly problems: () => Promise<{ console: string[]; csp: string[]; requests: string[] }>;
}

describe.skipIf(!available)("the assess --report page in headless Chromium", () => {
  let browser: Browser;
  let breached: { a: Assessment; file: string; code: number };
  let met: { a: Assessment; file: string; code: number };

  beforeAll(async () => {
    const aurora = writePlan(synthExample("aurora-postgres"));
    const tight = variantOf(aurora, (doc) => {
      for (const p of Object.values(doc.resource.aws_resiliencehub_resiliency_policy) as PlanDoc[]) p.policy[0].az[0].rto = "10s";
    });
    breached = await assessWithReport(tight, "breached.html");
    met = await assessWithReport(aurora, "met.html");
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
  });

  async function open(file: string, width = 1280): Promise<Opened> {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    const console: string[] = [];
    const requests: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") console.push(m.text());
    });
    page.on("pageerror", (e) => console.push(e.message));
    page.on("request", (r) => requests.push(r.url()));
    await page.addInitScript({
      content:
        "window.cspViolations = []; document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));",
    });
    await page.goto(`file://${file}`);
    await page.waitForTimeout(200);
    return {
      page,
      problems: async () => ({
        console,
        csp: (await page.evaluate("window.cspViolations")) as string[],
        requests: requests.filter((u) => !u.startsWith("file://")),
      }),
    };
  }

  test("a breached target: the worst seed's replay command heads the breaching seeds, with no CSP violation or console error", async () => {
    expect(breached.code).toBe(1);
    const az = zone(breached.a);
    expect(az.verdict).toBe("breached");
    const { page, problems } = await open(breached.file);
    expect(await page.locator(".verdict").innerText()).toMatch(/^BREACHED/);
    const section = page.locator('section.disruption[data-type="az"]');
    expect(await section.getAttribute("data-verdict")).toBe("breached");
    const rows = section.locator(".breaching tbody tr");
    // Every seed over 10 s breached; the first row is the worst seed, its command the one the JSON names.
    expect(await rows.count()).toBe(az.measured?.filter((s) => (s.rtoMs ?? Number.POSITIVE_INFINITY) > 10_000).length);
    expect(await rows.first().getAttribute("data-seed")).toBe(String(az.worst?.seed));
    expect(await rows.first().locator("td.replay").innerText()).toBe(az.worst?.replay);
    expect(az.worst?.replay).toMatch(/^cdktf-resilience replay \S+ --scenario az-outage --seed \d+ --profile realistic --az us-east-1a$/);
    for (const advice of az.advice ?? []) expect(await section.locator("ul.advice").innerText()).toContain(advice);
    expect(await problems()).toEqual({ console: [], csp: [], requests: [] });
    await page.close();
  });

  test("the RTO histogram draws every measured seed, the target line where its scale puts 10 s, every red bar right of it", async () => {
    const az = zone(breached.a);
    const { page } = await open(breached.file);
    const chart = page.locator('section.disruption[data-type="az"] [data-measure="RTO"] svg.histogram');
    const counts = await chart.evaluate((svg) =>
      Array.from(svg.querySelectorAll("g.bin"), (b) => Number(b.getAttribute("data-within")) + Number(b.getAttribute("data-over") ?? 0)),
    );
    expect(counts.reduce((a, b) => a + b, 0)).toBe(az.runs);
    // The axis runs from 0 to (bins × bin width); 10 s sits at that fraction of the axis's drawn width.
    const binMs = Number(await chart.getAttribute("data-bin-ms"));
    const domainMs = counts.length * binMs;
    const [axis, target] = await Promise.all([chart.locator("line.axis").boundingBox(), chart.locator("g.target line").boundingBox()]);
    if (!axis || !target) throw new Error("axis or target line not drawn");
    expect(target.x + target.width / 2).toBeCloseTo(axis.x + (axis.width * 10_000) / domainMs, 0);
    const over = await chart.locator("rect.bar-over").evaluateAll((rects) => rects.length);
    expect(over).toBeGreaterThan(0);
    for (const bar of await chart.locator("rect.bar-over").all()) expect((await bar.boundingBox())?.x).toBeGreaterThanOrEqual(target.x);
    await page.close();
  });

  test("a met policy shows no breach; the types it could not assess show their reason and no picture", async () => {
    expect(met.code).toBe(0);
    const { page, problems } = await open(met.file);
    expect(await page.locator(".verdict").innerText()).not.toMatch(/BREACHED/);
    expect(await page.locator("tr[data-seed]").count()).toBe(0);
    expect(await page.locator('section.disruption[data-type="az"]').getAttribute("data-verdict")).toBe("met");
    const az = zone(met.a);
    const chart = page.locator('section.disruption[data-type="az"] [data-measure="RTO"] svg.histogram');
    expect(await chart.locator("rect.bar-over").count()).toBe(0);
    expect(await chart.locator("rect.bar-within").count()).toBeGreaterThan(0);
    expect(az.rto?.breaches).toBe(0);
    for (const d of met.a.policies[0]?.databases[0]?.disruptions.filter((x) => x.verdict === "not-assessed") ?? []) {
      const s = page.locator(`section.disruption[data-type="${d.type}"]`);
      expect(await s.locator(".not-assessed-reason").innerText()).toBe(`Not assessed: ${d.reason}`);
      expect(await s.locator("svg").count()).toBe(0);
    }
    expect(await problems()).toEqual({ console: [], csp: [], requests: [] });
    await page.close();
  });

  test("at phone width (375 px) nothing overflows sideways", async () => {
    const { page } = await open(breached.file, 375);
    expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(375);
    await page.close();
  });

  test("the page's own style sheet applies under its policy", async () => {
    const { page, problems } = await open(breached.file);
    expect(await page.evaluate(`getComputedStyle(document.querySelector(".verdict")).backgroundColor`)).toBe("rgb(252, 232, 230)");
    expect(await page.evaluate(`getComputedStyle(document.querySelector("rect.bar-over")).fill`)).toBe("rgb(217, 48, 37)");
    expect((await problems()).csp).toEqual([]);
    expect(readFileSync(breached.file, "utf8")).not.toMatch(/<script|\sstyle=|\ssrc=|<link/i);
    await page.close();
  });

  test("hostile names (a database with <script>, a right-to-left override, terminal escapes) show as text and run nothing", async () => {
    const hostile = `orders\u202elmth.exe\u001b]0;pwned\u0007<script>window.ran=1</script><img src=x onerror="window.ran=2">`;
    const file = join(dir, "hostile.html");
    writeFileSync(file, renderAssessmentPage(assessmentWith({ database: hostile, policy: hostile, plan: hostile, advice: [hostile] })));
    const { page, problems } = await open(file);
    expect(await page.evaluate("window.ran")).toBeUndefined();
    expect(await page.locator("img, script").count()).toBe(0);
    const text = await page.locator("body").innerText();
    expect(text).not.toContain("\u202e");
    expect(text).toContain("orders\\u202elmth.exe\\u001b]0;pwned\\u0007<script>window.ran=1</script><img src=x");
    expect(await problems()).toEqual({ console: [], csp: [], requests: [] });
    await page.close();
  });
});
