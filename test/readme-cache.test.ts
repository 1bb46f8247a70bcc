import { describe, expect, test } from "vitest";
import { cliIn } from "./helpers/cli";
import { synthAuroraExample, synthesizedProject } from "./helpers/examples";
import { readmeBlocks, runReadmeExample } from "./helpers/readme";

describe("README: Cache survival", () => {
  const blocks = readmeBlocks("## Cache survival");

  test("the example runs: R, kept and invalidated slots, and no violation, the same every time", () => {
    const code = blocks.find((b) => b.lang === "ts");
    if (!code) throw new Error("no ts block under ## Cache survival");
    const out = runReadmeExample(code.text, "cache-survival");
    const [r, kept, invalidated, violations] = out.trim().split(" ");
    expect(Number(r)).toBeGreaterThan(0);
    expect(Number(kept) + Number(invalidated)).toBeLessThanOrEqual(256);
    expect(Number(kept)).toBeGreaterThan(200);
    expect(violations).toBe("[]");
    expect(runReadmeExample(code.text, "cache-survival")).toBe(out);
  });

  test("the emulate excerpt is what the command prints", () => {
    const cwd = synthesizedProject({ "aurora-postgres": synthAuroraExample() });
    const r = cliIn(cwd, "emulate", "cdktf.out/stacks/aurora-postgres", "--scenario", "writer-crash", "--seed", "42");
    const excerpt = blocks.filter((b) => b.lang === "")[0]?.text ?? "";
    expect(excerpt.startsWith("Cache (the writer's buffer cache of aws_rds_cluster.")).toBe(true);
    expect(r.stdout).toContain(`\n${excerpt}`);
  });
});
