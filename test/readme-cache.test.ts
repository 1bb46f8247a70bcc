import { describe, expect, test } from "vitest";
import { cliIn } from "./helpers/cli";
import { docBlocks, runDocExample } from "./helpers/docs";
import { synthAuroraExample, synthesizedProject } from "./helpers/examples";

const PAGE = "docs/emulator/cache-survival.md";

describe(`${PAGE}: Cache survival`, () => {
  const blocks = docBlocks(PAGE, "Cache survival");

  test("the example runs: R, kept and invalidated slots, and no violation, the same every time", () => {
    const code = blocks.find((b) => b.lang === "ts");
    if (!code) throw new Error(`no ts block in ${PAGE}`);
    const out = runDocExample(code.text, "cache-survival");
    const [r, kept, invalidated, violations] = out.trim().split(" ");
    expect(Number(r)).toBeGreaterThan(0);
    expect(Number(kept) + Number(invalidated)).toBeLessThanOrEqual(256);
    expect(Number(kept)).toBeGreaterThan(200);
    expect(violations).toBe("[]");
    expect(runDocExample(code.text, "cache-survival")).toBe(out);
  });

  test("the file placement example: a power loss keeps the synced pages, and no violation", () => {
    const code = docBlocks(PAGE, "File placement").find((b) => b.lang === "ts");
    if (!code) throw new Error(`no ts block under "File placement" in ${PAGE}`);
    const [kept, , , violations] = runDocExample(code.text, "cache-file").trim().split(" ");
    expect(Number(kept)).toBeGreaterThan(100);
    expect(violations).toBe("[]");
  });

  test("the emulate excerpt is what the command prints", () => {
    const cwd = synthesizedProject({ "aurora-postgres": synthAuroraExample() });
    const r = cliIn(cwd, "emulate", "cdktf.out/stacks/aurora-postgres", "--scenario", "writer-crash", "--seed", "42");
    const excerpt = blocks.filter((b) => b.lang === "")[0]?.text ?? "";
    expect(excerpt.startsWith("Cache (the writer's buffer cache of aws_rds_cluster.")).toBe(true);
    expect(r.stdout).toContain(`\n${excerpt}`);
  });
});
