// Writes docs/emulator/report.png (and report-phone.png): the HTML report of the Aurora example's
// az-outage (seed 42), from the top to the invariants table, as headless Chromium renders it.
// Run with `npm run report:screenshot` (it builds and synthesizes first).
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";

const root = resolve(import.meta.dirname, "..");
const report = join(mkdtempSync(join(tmpdir(), "report-")), "report.html");
const args = ["emulate", "cdktf.out/stacks/aurora-postgres", "--scenario", "az-outage", "--seed", "42", "--report", report];
execFileSync(process.execPath, [join(root, "bin", "cdktf-resilience.js"), ...args], { cwd: root, stdio: "inherit" });

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
for (const [file, width] of [
  ["report.png", 1100],
  ["report-phone.png", 375],
]) {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  await page.goto(`file://${report}`);
  // Up to the invariants: the part a reader looks at; the table of 40 invariants follows.
  const end = await page.locator("h2", { hasText: "Invariants" }).boundingBox();
  const out = join(root, "docs", "emulator", file);
  await page.screenshot({ path: out, fullPage: true, clip: { x: 0, y: 0, width, height: Math.ceil(end?.y ?? 2000) } });
  console.log(`wrote ${out}`);
  await page.close();
}
await browser.close();
