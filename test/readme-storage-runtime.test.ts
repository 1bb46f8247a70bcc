import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { cliIn } from "./helpers/cli";
import { docBlocks, runDocExample } from "./helpers/docs";
import { synthAuroraExample, synthesizedProject } from "./helpers/examples";

const PAGE = "docs/emulator/storage-control-plane.md";

describe(`${PAGE}: snapshots, clones and point-in-time restore`, () => {
  const blocks = docBlocks(PAGE, "Storage control plane: snapshots, clones and point-in-time restore");

  test("the example prints what the page says", () => {
    const code = blocks.find((b) => b.lang === "ts");
    if (!code) throw new Error("no ts block");
    expect(runDocExample(code.text, "storage-runtime")).toBe("AVAILABLE 37 37\n");
  });

  test("the durable-log example recovers what it wrote, in a new life each run", () => {
    const code = blocks.filter((b) => b.lang === "ts")[1]?.text ?? "";
    expect(code).toContain('"/var/tmp/orders.log"');
    const dir = mkdtempSync(join(tmpdir(), "readme-log-"));
    try {
      const local = code.replace('"/var/tmp/orders.log"', JSON.stringify(join(dir, "orders.log")));
      expect(runDocExample(local, "durable-log")).toBe("life 1: 0 records recovered\ndurable\n");
      expect(runDocExample(local, "durable-log")).toBe("life 2: 1 records recovered\ndurable\n");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("the emulate excerpt is real output", () => {
    const cwd = synthesizedProject({ "aurora-postgres": synthAuroraExample() });
    const r = cliIn(cwd, "emulate", "cdktf.out/stacks/aurora-postgres", "--scenario", "pitr-restore", "--seed", "3");
    const excerpt = blocks.filter((b) => b.lang === "")[0]?.text ?? "";
    expect(excerpt.startsWith("Restores (aws_rds_cluster.")).toBe(true);
    expect(r.stdout).toContain(`\n${excerpt}`);
  });
});
