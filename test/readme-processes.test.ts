import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { cliBin } from "./helpers/dist";
import { synthAuroraExample } from "./helpers/examples";
import { readmeBlocks, runReadmeExample } from "./helpers/readme";

describe("README: Crash containment", () => {
  const blocks = readmeBlocks("## Crash containment");

  test("the example prints exactly the output shown under it, every time", () => {
    const [code, shown] = blocks;
    expect(code?.lang).toBe("ts");
    expect(runReadmeExample(code?.text ?? "", "crash-containment")).toBe(shown?.text);
    expect(runReadmeExample(code?.text ?? "", "crash-containment")).toBe(shown?.text);
  });

  test("the emulate excerpt is what the command prints", () => {
    const cwd = mkdtempSync(join(tmpdir(), "readme-processes-"));
    const stack = join(cwd, "cdktf.out", "stacks", "aurora-postgres");
    mkdirSync(stack, { recursive: true });
    writeFileSync(join(stack, "cdk.tf.json"), synthAuroraExample());
    const r = spawnSync(
      process.execPath,
      [cliBin(), "emulate", "cdktf.out/stacks/aurora-postgres", "--scenario", "group-crash", "--seed", "42"],
      {
        cwd,
        encoding: "utf8",
      },
    );
    const excerpt = blocks[2]?.text ?? "";
    expect(excerpt.startsWith("Groups ")).toBe(true);
    expect(r.stdout).toContain(`\n${excerpt}`);
  });
});
