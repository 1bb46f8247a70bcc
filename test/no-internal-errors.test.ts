/**
 * No input ends in an internal error (exit 70): every plan fixture — the hand-written ones and
 * every configuration under test/fixtures/realworld as that folder grows — goes through every
 * command, and each ends with 0, 1 or 2 (docs/reference/exit-codes.md). An internal error would
 * reject `run` (the bin turns that into 70), which fails the test with the error's stack.
 */
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, test } from "vitest";
import { runCli } from "./helpers/run-cli";

const FIXTURES = join(__dirname, "fixtures");

/** Every JSON plan under test/fixtures (scenario files live in scenarios/ and are not plans). */
function plans(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return name === "scenarios" ? [] : plans(path);
      return name.endsWith(".json") ? [path] : [];
    });
}

const RUN = ["--seed", "5", "--profile", "fast"];
const COMMANDS: readonly (readonly string[])[] = [
  ["inspect"],
  ["inspect", "--json"],
  ["check"],
  ["emulate", "--scenario", "az-outage", ...RUN],
  ["emulate", "--scenario", "writer-crash", ...RUN],
  ["drill", ...RUN],
  ["replay", "--scenario", "az-outage", "--kind", "fis,fault", ...RUN],
];

describe.each(plans(FIXTURES).map((p) => [relative(FIXTURES, p), p]))("%s", (_name, plan) => {
  test.each(COMMANDS.map((c) => [c.join(" "), c]))("%s ends with 0, 1 or 2", async (_label, command) => {
    const [verb, ...flags] = command as string[];
    const r = await runCli(verb as string, plan, ...flags);
    expect([0, 1, 2]).toContain(r.code);
    // Exit 2 always says why; 0 and 1 never leave a run unexplained either.
    if (r.code === 2) expect(r.stderr.trim()).not.toBe("");
  });
});

test("the folder of real-world plans is part of the sweep", () => {
  expect(plans(FIXTURES).some((p) => p.includes(`${join("fixtures", "realworld")}`))).toBe(true);
});

test("--help lists every exit code, 70 included", async () => {
  const r = await runCli("--help");
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/Exit codes:\n {2}0 .*\n {2}1 .*\n {2}2 [\s\S]*\n {2}70 {2}internal error: a bug in cdktf-resilience/);
});
