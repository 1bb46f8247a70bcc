// Writes docs/emulator/assess-report.png: the `assess --report` page of the Aurora example with its
// zone RTO tightened to 28s, so some seeds breach and some do not, as headless Chromium renders it.
// Run with `npm run assess:screenshot` (it builds and synthesizes first).
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";

const root = resolve(import.meta.dirname, "..");
const work = mkdtempSync(join(tmpdir(), "assess-shot-"));
// The plan sits at a relative path in a scratch folder, so the page's replay commands read as a user's would.
const stack = join(work, "cdktf.out", "stacks", "aurora-postgres");
mkdirSync(stack, { recursive: true });
const doc = JSON.parse(readFileSync(join(root, "cdktf.out", "stacks", "aurora-postgres", "cdk.tf.json"), "utf8"));
for (const p of Object.values(doc.resource.aws_resiliencehub_resiliency_policy)) p.policy[0].az[0].rto = "28s";
writeFileSync(join(stack, "cdk.tf.json"), JSON.stringify(doc));
const report = join(work, "assess.html");
const args = ["assess", "cdktf.out/stacks/aurora-postgres", "--seeds", "20", "--report", report];
try {
  execFileSync(process.execPath, [join(root, "bin", "cdktf-resilience.js"), ...args], { cwd: work, stdio: "inherit" });
} catch (e) {
  if (e.status !== 1) throw e; // 1: the tightened target is breached, which is the point
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
const width = 1100;
const page = await browser.newPage({ viewport: { width, height: 900 } });
await page.goto(`file://${report}`);
const out = join(root, "docs", "emulator", "assess-report.png");
await page.screenshot({ path: out, fullPage: true });
console.log(`wrote ${out}`);
await browser.close();
