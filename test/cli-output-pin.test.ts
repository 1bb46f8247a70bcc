/**
 * The exact output of `inspect` and `check` (text and `--json`, exit code, stderr) on every plan
 * among the test fixtures and on a generated fleet, pinned by hash. Plan loading and the CLI's
 * printing are tuned for speed (see bench/suites/scale.ts); such a change must not alter a byte of
 * what users read. The pinned hashes were taken from the outputs of the loader before its speed
 * work, compared byte for byte with the outputs after it. A change of output that is intended
 * re-pins with `npx vitest run test/cli-output-pin.test.ts -u`, and says so in its commit.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { expect, test } from "vitest";
import { auroraFleet } from "../bench/suites/scale";
import { run } from "../runtime/cli/main";

const ROOT = join(__dirname, "..");
const FIXTURES = join(__dirname, "fixtures");

function plans(): string[] {
  const out: string[] = [];
  for (const dir of [FIXTURES, join(FIXTURES, "realworld")])
    for (const f of readdirSync(dir).sort()) if (f.endsWith(".tf.json") || f.endsWith(".plan.json")) out.push(join(dir, f));
  const fleet = join(mkdtempSync(join(tmpdir(), "output-pin-")), "fleet-20.tf.json");
  writeFileSync(fleet, auroraFleet(20));
  return [...out, fleet];
}

async function outputOf(argv: string[], plan: string, name: string): Promise<string> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  // The plan's path is printed: written relative, so the pin holds in any checkout.
  const text = `exit ${code}\n${out.join("")}\n--- stderr\n${err.join("")}`.replaceAll(plan, name);
  return createHash("sha256").update(text).digest("hex");
}

test("inspect and check print exactly what they printed before the loader's speed work", async () => {
  const pins: Record<string, string> = {};
  for (const plan of plans()) {
    const name = plan.startsWith(ROOT) ? relative(ROOT, plan) : "fleet-20.tf.json";
    for (const cmd of ["inspect", "check"])
      for (const json of [false, true]) {
        const argv = [cmd, plan, ...(json ? ["--json"] : [])];
        pins[`${cmd}${json ? " --json" : ""} ${name}`] = await outputOf(argv, plan, name);
      }
  }
  expect(Object.keys(pins).length).toBeGreaterThanOrEqual(4 * 20);
  expect(pins).toMatchSnapshot();
}, 120_000);
