import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { cliBin } from "./helpers/dist";
import { synthAuroraExample } from "./helpers/examples";
import { readmeBlocks, runReadmeExample } from "./helpers/readme";

describe("README: Snapshots, clones and point-in-time restore", () => {
  const blocks = readmeBlocks("## Snapshots, clones and point-in-time restore");

  test("the example prints what the README says", () => {
    const code = blocks.find((b) => b.lang === "ts");
    if (!code) throw new Error("no ts block");
    expect(runReadmeExample(code.text, "storage-runtime")).toBe("AVAILABLE 37 37\n");
  });

  test("the emulate excerpt is real output", () => {
    const cwd = mkdtempSync(join(tmpdir(), "readme-storage-"));
    const stack = join(cwd, "cdktf.out", "stacks", "aurora-postgres");
    mkdirSync(stack, { recursive: true });
    writeFileSync(join(stack, "cdk.tf.json"), synthAuroraExample());
    const r = spawnSync(
      process.execPath,
      [cliBin(), "emulate", "cdktf.out/stacks/aurora-postgres", "--scenario", "pitr-restore", "--seed", "3"],
      {
        cwd,
        encoding: "utf8",
      },
    );
    const excerpt = blocks.filter((b) => b.lang === "")[0]?.text ?? "";
    expect(excerpt.startsWith("Restores\n")).toBe(true);
    expect(r.stdout).toContain(`\n${excerpt}`);
  });
});
