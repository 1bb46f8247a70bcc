/**
 * The HTML report against hostile text, as a reader's browser sees it (headless Chromium, as in
 * report-browser.test.ts): identifiers that carry a right-to-left override, terminal escapes and
 * markup are shown as visible escapes, and the Content-Security-Policy stops what escaping would
 * miss — a script, an outside request or a style attribute planted in the file runs, loads and
 * applies nothing, while the report's own style sheet (legend, topology picture, charts) still applies.
 */
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { renderHtmlReport } from "../runtime/report/html-report";
import { failoverRow, resultWith, TRACE } from "../runtime/report/report-fixture";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const required = process.env.RESILIENCE_REQUIRE_BROWSER === "1";
const available = existsSync(CHROMIUM);
if (required && !available)
  throw new Error(`RESILIENCE_REQUIRE_BROWSER=1 but no browser at ${CHROMIUM}. Fix: apt-get install -y chromium, or set CHROMIUM_PATH.`);

/** The computed background of the first element matching `selector`. */
const background = (page: Page, selector: string) =>
  page.evaluate(`getComputedStyle(document.querySelector(${JSON.stringify(selector)})).backgroundColor`);
const RLO = "\u202e";
const OSC_TITLE = "\u001b]0;pwned\u0007";
const CSI_RED = "\u001b[31m";
const HOSTILE = `orders${RLO}lmth.exe${OSC_TITLE}${CSI_RED}<img src=x onerror="window.ran=1">`;

function hostileReport(): string {
  return renderHtmlReport({
    plan: `plans/${HOSTILE}/cdk.tf.json`,
    result: resultWith({ failovers: [failoverRow({ resource: HOSTILE, toInstance: HOSTILE })] }),
    traceLines: [...TRACE, `130000 5 rds ${HOSTILE} status=failed`],
    replayCommand: `cdktf-resilience emulate ${HOSTILE}`,
    notes: [HOSTILE],
  });
}

describe.skipIf(!available)("the HTML report against hostile text, in headless Chromium", () => {
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), "report-hostile-"));

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  async function open(html: string, name: string): Promise<{ page: Page; requests: string[]; blocked: string[]; violations: string[] }> {
    const file = join(dir, name);
    writeFileSync(file, html);
    const page = await browser.newPage();
    const requests: string[] = [];
    const blocked: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    // Chromium announces a request the policy then refuses before it leaves ("csp"): not a request made.
    page.on("requestfailed", (r) => {
      if (r.failure()?.errorText === "csp") blocked.push(r.url());
    });
    // Strings, not functions: the tests type-check without the DOM library.
    await page.addInitScript({
      content:
        "window.cspViolations = []; document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));",
    });
    await page.goto(`file://${file}`);
    await page.waitForTimeout(200);
    const violations = (await page.evaluate("window.cspViolations")) as string[];
    return { page, requests: requests.filter((u) => !u.startsWith("file://") && !blocked.includes(u)), blocked, violations };
  }

  test("identifiers with a right-to-left override and terminal escapes read as visible escapes, and nothing runs", async () => {
    const { page, requests, blocked, violations } = await open(hostileReport(), "hostile.html");
    const text = await page.locator("body").innerText();
    expect(text).not.toContain(RLO);
    expect(text).not.toContain("\u001b");
    expect(text).toContain("orders\\u202elmth.exe\\u001b]0;pwned\\u0007\\u001b[31m<img src=x");
    expect(await page.evaluate("window.ran")).toBeUndefined();
    expect(await page.locator("img").count()).toBe(0);
    expect(requests).toEqual([]);
    // the policy blocks none of the report's own content
    expect([blocked, violations]).toEqual([[], []]);
    await page.close();
  });

  test("the report's own style sheet and the legend's colours apply under the policy", async () => {
    const { page, violations } = await open(hostileReport(), "styled.html");
    expect(await background(page, ".verdict")).toBe("rgb(230, 244, 234)");
    expect(await background(page, ".legend i")).toBe("rgb(207, 227, 255)");
    expect(violations).toEqual([]);
    await page.close();
  });

  test("a planted style attribute applies nothing: the report has none, and the policy allows none", async () => {
    const planted = hostileReport().replace("<body>", `<body><p id="planted" style="background:rgb(1,2,3)">x</p>`);
    const { page, violations } = await open(planted, "planted-style.html");
    expect(await background(page, "#planted")).toBe("rgba(0, 0, 0, 0)");
    expect(violations.map((v) => v.split(" ")[0])).toContain("style-src-attr");
    await page.close();
  });

  test("what escaping would miss, the policy stops: a planted script, outside image, style sheet and form load and run nothing", async () => {
    const planted = hostileReport().replace(
      "<body>",
      `<body><script>window.ran = 1</script><img src="http://203.0.113.9/x.png"><link rel="stylesheet" href="http://203.0.113.9/x.css">` +
        `<style>.verdict{background:rgb(1,2,3)}</style><form action="http://203.0.113.9/"><button id=go>go</button></form>`,
    );
    const { page, requests, blocked, violations } = await open(planted, "planted.html");
    expect(await page.evaluate("window.ran")).toBeUndefined();
    expect(requests).toEqual([]);
    expect(blocked.sort()).toEqual(["http://203.0.113.9/x.css", "http://203.0.113.9/x.png"]);
    // the planted <style> is not the report's hashed one: it does not apply
    expect(await background(page, ".verdict")).toBe("rgb(230, 244, 234)");
    expect(violations.map((v) => v.split(" ")[0]).sort()).toEqual(expect.arrayContaining(["img-src", "script-src-elem", "style-src-elem"]));
    // a planted form does not send the page anywhere
    await page.evaluate("document.querySelector('form').requestSubmit()");
    await page.waitForTimeout(300);
    expect(page.url()).toMatch(/planted\.html$/);
    expect(((await page.evaluate("window.cspViolations")) as string[]).some((v) => v.startsWith("form-action"))).toBe(true);
    await page.close();
  });
});
