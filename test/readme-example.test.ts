import { describe, expect, test } from "vitest";
import { readmeBlocks, runReadmeExample } from "./helpers/readme";

/** The first ts block under `## Deterministic simulation`, run against the built package. */
function runExample(): string {
  const code = readmeBlocks("## Deterministic simulation").find((b) => b.lang === "ts");
  if (!code) throw new Error("README.md has no ts block under ## Deterministic simulation");
  return runReadmeExample(code.text, "deterministic-simulation");
}

describe("README: Deterministic simulation", () => {
  test("the example runs clean and prints the same events and trace hash every time", () => {
    const first = runExample();
    expect(first).toMatch(/^\d+ [0-9a-f]{64}\n$/);
    expect(runExample()).toBe(first);
  });
});
