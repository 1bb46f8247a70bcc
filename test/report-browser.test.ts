/**
 * The HTML report as a reader sees it: rendered by headless Chromium (Debian's, at /usr/bin/chromium
 * or $CHROMIUM_PATH). Without a browser the test is skipped, unless RESILIENCE_REQUIRE_BROWSER=1
 * (set by .ci/run after it installs one), so CI cannot pass by silently skipping.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { EmulationResult } from "../runtime/contract/emulation-result";
import type { Topology } from "../runtime/plan/topology";
import { cli } from "./helpers/cli";
import { synthAuroraExample, writePlan } from "./helpers/examples";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const required = process.env.RESILIENCE_REQUIRE_BROWSER === "1";
const available = existsSync(CHROMIUM);
if (required && !available)
  throw new Error(`RESILIENCE_REQUIRE_BROWSER=1 but no browser at ${CHROMIUM}. Fix: apt-get install -y chromium, or set CHROMIUM_PATH.`);

/** The page's window as the evaluated functions use it (the test's tsconfig has no DOM lib). */
type PageWindow = {
  getComputedStyle(e: unknown): { fontSize: string; backgroundColor: string; fill: string };
  document: { documentElement: { scrollWidth: number } };
};

describe.skipIf(!available)("the emulate --report file in headless Chromium", () => {
  let browser: Browser;
  let reportFile: string;
  let result: EmulationResult;
  let topology: Topology;

  beforeAll(async () => {
    const plan = writePlan(synthAuroraExample());
    reportFile = join(mkdtempSync(join(tmpdir(), "report-")), "report.html");
    const r = cli("emulate", plan, "--scenario", "az-outage", "--seed", "42", "--report", reportFile, "--json");
    expect([r.code, r.stderr]).toEqual([0, ""]);
    result = JSON.parse(r.stdout);
    // The topology as inspect prints it: the picture is checked against this, not against itself.
    topology = JSON.parse(cli("inspect", plan, "--json").stdout);
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

  test("the headline shows each database's RTO and RPO as the JSON result has them", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`file://${reportFile}`);
    expect(result.clients.length).toBeGreaterThan(0);
    for (const c of result.clients) {
      const card = page.locator(`.card[data-database="${c.database}"]`);
      const slowest = Math.max(...result.failovers.filter((f) => f.resource === c.database).map((f) => f.clientOutageMs));
      expect(await card.locator('[data-figure="rto"]').innerText()).toBe(`${(slowest / 1000).toFixed(1)} s`);
      expect(await card.locator('[data-figure="rpo"]').innerText()).toBe(`${c.acknowledgedWritesLost} writes`);
      expect(await card.locator('[data-figure="failed"]').innerText()).toBe(`${c.failed} of ${c.sent}`);
    }
    // first on the page, before the topology and the tables
    const [glance, picture] = await Promise.all([page.locator(".headline").boundingBox(), page.locator("svg.topology").boundingBox()]);
    expect(glance && picture && glance.y < picture.y).toBe(true);
    await page.close();
  });

  test("the client charts draw exactly the JSON result's series, the failures visibly red", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`file://${reportFile}`);
    const charts = page.locator("svg.chart");
    const expected = result.clients.flatMap((c) => [c.run, ...c.incidents]);
    expect(await charts.count()).toBe(expected.length);
    for (const [i, series] of expected.entries()) {
      const drawn = await charts
        .nth(i)
        .evaluate((svg) =>
          Array.from(svg.querySelectorAll(".bucket"), (b) => [
            Number(b.getAttribute("data-succeeded")),
            Number(b.getAttribute("data-failed")),
          ]),
        );
      expect(drawn).toEqual(series.succeeded.map((ok, j) => [ok, series.failed[j]]));
    }
    // the incident's worst bucket: its red bar is drawn, taller than a pixel
    const incident = result.clients[0]?.incidents[0];
    const worst = incident ? incident.failed.indexOf(Math.max(...incident.failed)) : -1;
    const bar = charts.nth(1).locator(".bucket").nth(worst).locator(".bar-failed");
    expect((await bar.boundingBox())?.height).toBeGreaterThan(1);
    await page.close();
  });

  test("the topology picture puts every member of every database in its zone's column, with its role", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`file://${reportFile}`);
    const members = topology.databases.flatMap((db) => db.instances.map((m) => ({ db: db.address, ...m })));
    expect(members.length).toBeGreaterThan(2);
    for (const m of members) {
      const node = page.locator(`svg.topology [data-db="${m.db}"] [data-member="${m.member}"]`);
      expect(await node.getAttribute("data-role")).toBe(m.role);
      const column = await page.locator(`svg.topology .zone[data-zone="${m.availabilityZone}"] rect`).boundingBox();
      const box = await node.locator("rect").boundingBox();
      expect(column && box && box.x >= column.x && box.x + box.width <= column.x + column.width).toBe(true);
    }
    await page.close();
  });

  test("at phone width (375 px) nothing overflows sideways and the figures stay readable", async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2 });
    await page.goto(`file://${reportFile}`);
    expect(await page.evaluate(() => (globalThis as unknown as PageWindow).document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    const fontPx = await page
      .locator('[data-figure="rto"]')
      .first()
      .evaluate((e) => Number.parseFloat((e.ownerDocument.defaultView as unknown as PageWindow).getComputedStyle(e).fontSize));
    expect(fontPx).toBeGreaterThanOrEqual(16);
    const picture = await page.locator("svg.topology").boundingBox();
    expect(picture && picture.width > 300 && picture.x + picture.width <= 375).toBe(true);
    const shot = join(mkdtempSync(join(tmpdir(), "report-shot-")), "phone.png");
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(20_000);
    await page.close();
  });

  test("it renders under its own strict Content-Security-Policy: no script, no style attribute, one hashed style block", async () => {
    const html = readFileSync(reportFile, "utf8");
    expect(html).not.toMatch(/<script|\sstyle=/i);
    // The policy the report carries, checked against a hash computed here, not the one the report wrote.
    const css = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? "";
    const hash = createHash("sha256").update(css).digest("base64");
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain(`style-src 'sha256-${hash}'`);
    expect(policy).toContain("style-src-attr 'none'");
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.addInitScript({
      content:
        "window.cspViolations = []; document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));",
    });
    await page.goto(`file://${reportFile}`);
    await page.waitForTimeout(200);
    const style = (selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((e) => {
          const s = (e.ownerDocument.defaultView as unknown as PageWindow).getComputedStyle(e);
          return [s.backgroundColor, s.fill];
        });
    expect((await style(".verdict"))[0]).toBe("rgb(230, 244, 234)");
    // the topology picture, the client charts and their legend are styled by the hashed sheet
    expect((await style(".node-writer rect"))[1]).toBe("rgb(207, 227, 255)");
    expect((await style(".bar-failed"))[1]).toBe("rgb(217, 48, 37)");
    expect((await style(".legend i.failed"))[0]).toBe("rgb(217, 48, 37)");
    expect((await style(".legend i.c0"))[0]).toBe("rgb(207, 227, 255)");
    expect(await page.evaluate("window.cspViolations")).toEqual([]);
    await page.close();
  });

  test("the file on disk is the whole report (no sidecar files)", () => {
    const html = readFileSync(reportFile, "utf8");
    expect(html).toContain("</html>");
    expect(html).not.toMatch(/\ssrc=|<link/);
  });
});
