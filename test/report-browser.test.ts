/**
 * The HTML report as a reader sees it: rendered by headless Chromium (Debian's, at /usr/bin/chromium
 * or $CHROMIUM_PATH). Without a browser the test is skipped, unless RESILIENCE_REQUIRE_BROWSER=1
 * (set by .ci/run after it installs one), so CI cannot pass by silently skipping.
 */
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { cli } from "./helpers/cli";
import { synthAuroraExample, writePlan } from "./helpers/examples";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const required = process.env.RESILIENCE_REQUIRE_BROWSER === "1";
const available = existsSync(CHROMIUM);
if (required && !available)
  throw new Error(`RESILIENCE_REQUIRE_BROWSER=1 but no browser at ${CHROMIUM}. Fix: apt-get install -y chromium, or set CHROMIUM_PATH.`);

describe.skipIf(!available)("the emulate --report file in headless Chromium", () => {
  let browser: Browser;
  let reportFile: string;
  let result: { failovers: { resource: string; toAz: string }[]; seed: number };

  beforeAll(async () => {
    const plan = writePlan(synthAuroraExample());
    reportFile = join(mkdtempSync(join(tmpdir(), "report-")), "report.html");
    const r = cli("emulate", plan, "--scenario", "az-outage", "--seed", "42", "--report", reportFile, "--json");
    expect([r.code, r.stderr]).toEqual([0, ""]);
    result = JSON.parse(r.stdout);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  test("renders the verdict, the replay command and a drawn timeline with the failover on it", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const requests: string[] = [];
    page.on("request", (req) => requests.push(req.url()));
    await page.goto(`file://${reportFile}`);

    expect(await page.locator(".verdict").innerText()).toBe("Every invariant held.");
    expect(await page.locator("#replay").innerText()).toContain(`--seed ${result.seed}`);

    // whole run + one close-up per failover
    const timelines = page.locator("svg.timeline");
    expect(await timelines.count()).toBe(1 + result.failovers.length);
    const box = await timelines.first().boundingBox();
    expect(box?.width).toBeGreaterThan(600);
    expect(box?.height).toBeGreaterThan(60);

    // the failover diamond is drawn inside the plot, right of the label column
    const mark = page.locator("svg.timeline").first().locator(".mark-failover").first();
    const markBox = await mark.boundingBox();
    expect(markBox && box && markBox.x > box.x + box.width * 0.25 && markBox.x < box.x + box.width).toBe(true);
    expect(await mark.locator("title").textContent()).toContain(`→ ${result.failovers[0]?.toAz}`);

    // the client-visible outage bar has a visible width in the close-up
    const outage = page.locator("svg.timeline").nth(1).locator(".seg-client-outage").first();
    expect((await outage.boundingBox())?.width).toBeGreaterThan(20);

    // the embedded result is the --json document
    expect(JSON.parse(await page.locator("#result-json").innerText())).toEqual(result);
    expect(requests.filter((u) => !u.startsWith("file://"))).toEqual([]);
    await page.close();
  });

  test("the file on disk is the whole report (no sidecar files)", () => {
    const html = readFileSync(reportFile, "utf8");
    expect(html).toContain("</html>");
    expect(html).not.toMatch(/\ssrc=|<link/);
  });
});
