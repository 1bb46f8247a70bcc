import { describe, expect, test } from "vitest";
import { cliIn } from "./helpers/cli";
import { docBlocks, runDocExample } from "./helpers/docs";
import { synthAuroraExample, synthesizedProject } from "./helpers/examples";

const PAGE = "docs/emulator/crash-containment.md";

describe(`${PAGE}: Crash containment`, () => {
  const blocks = docBlocks(PAGE, "Crash containment");

  test("the example prints exactly the output shown under it, every time", () => {
    const [code, shown] = blocks;
    expect(code?.lang).toBe("ts");
    expect(runDocExample(code?.text ?? "", "crash-containment")).toBe(shown?.text);
    expect(runDocExample(code?.text ?? "", "crash-containment")).toBe(shown?.text);
  });

  test("the emulate excerpt is what the command prints", () => {
    const cwd = synthesizedProject({ "aurora-postgres": synthAuroraExample() });
    const r = cliIn(cwd, "emulate", "cdktf.out/stacks/aurora-postgres", "--scenario", "group-crash", "--seed", "42");
    const excerpt = blocks[2]?.text ?? "";
    expect(excerpt.startsWith("Groups ")).toBe(true);
    expect(r.stdout).toContain(`\n${excerpt}`);
  });
});
