import { describe, expect, test } from "vitest";
import { docBlocks, runDocExample } from "./helpers/docs";

const PAGE = "docs/emulator/deterministic-simulation.md";

/** The page's first ts block, run against the built package. */
function runExample(): string {
  const code = docBlocks(PAGE, "Deterministic simulation").find((b) => b.lang === "ts");
  if (!code) throw new Error(`${PAGE} has no ts block`);
  return runDocExample(code.text, "deterministic-simulation");
}

describe(`${PAGE}: Deterministic simulation`, () => {
  test("the example runs clean and prints the same events and trace hash every time", () => {
    const first = runExample();
    expect(first).toMatch(/^\d+ [0-9a-f]{64}\n$/);
    expect(runExample()).toBe(first);
  });
});
