import { describe, expect, test } from "vitest";
import { cliIn } from "./helpers/cli";
import { synthAuroraExample, synthesizedProject } from "./helpers/examples";
import { readmeBlocks, runReadmeExample } from "./helpers/readme";

describe("README: Snapshots, clones and point-in-time restore", () => {
  const blocks = readmeBlocks("## Snapshots, clones and point-in-time restore");

  test("the example prints what the README says", () => {
    const code = blocks.find((b) => b.lang === "ts");
    if (!code) throw new Error("no ts block");
    expect(runReadmeExample(code.text, "storage-runtime")).toBe("AVAILABLE 37 37\n");
  });

  test("the emulate excerpt is real output", () => {
    const cwd = synthesizedProject({ "aurora-postgres": synthAuroraExample() });
    const r = cliIn(cwd, "emulate", "cdktf.out/stacks/aurora-postgres", "--scenario", "pitr-restore", "--seed", "3");
    const excerpt = blocks.filter((b) => b.lang === "")[0]?.text ?? "";
    expect(excerpt.startsWith("Restores\n")).toBe(true);
    expect(r.stdout).toContain(`\n${excerpt}`);
  });
});
