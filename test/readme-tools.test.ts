/**
 * The outputs the docs/emulator pages show for inspect, replay, drill and campaign are what the built binary prints
 * for the synthesized examples, run as the pages say (from a folder holding cdktf.out/).
 */
import { beforeAll, describe, expect, test } from "vitest";
import { cliIn } from "./helpers/cli";
import { docBlock } from "./helpers/docs";
import { synthExample, synthesizedProject } from "./helpers/examples";

let cwd: string;

beforeAll(() => {
  cwd = synthesizedProject({
    "aurora-postgres": synthExample("aurora-postgres"),
    elasticache: synthExample("elasticache"),
    redshift: synthExample("redshift"),
  });
});

/** The command a page gives (after `cdktf-resilience`) and what it printed. */
const run = (command: string) => {
  const r = cliIn(cwd, ...command.split(/\s+/).filter(Boolean));
  expect(r.stderr).toBe("");
  return r.stdout;
};

/** The first fenced block of a docs/emulator page. */
const shownOn = (page: string, title: string) => docBlock(`docs/emulator/${page}`, title, 0).text;

describe("docs/emulator pages show real output", () => {
  test("Inspect a plan", () => {
    expect(run("inspect cdktf.out/stacks/aurora-postgres")).toBe(shownOn("inspect.md", "Inspect a plan"));
  });

  test("The plan contract: the Redshift Multi-AZ members are lines inspect prints", () => {
    const shown = docBlock("docs/reference/plan-contract.md", "How the loader reads databases", 0).text;
    const printed = run("inspect cdktf.out/stacks/redshift").split("\n");
    for (const line of shown.trimEnd().split("\n")) expect(printed).toContain(line);
  });

  test("Replay a run", () => {
    expect(run("replay cdktf.out/stacks/aurora-postgres --scenario az-outage --seed 42 --kind fault,rds --from 2m --to 3m")).toBe(
      shownOn("replay.md", "Replay a run"),
    );
  });

  test("Drills", () => {
    expect(run("drill cdktf.out/stacks/aurora-postgres --seed 42")).toBe(shownOn("drills.md", "Drills"));
  });

  test("Campaigns", () => {
    expect(
      run(
        "campaign cdktf.out/stacks/aurora-postgres cdktf.out/stacks/elasticache --seeds 20 --parallel 2 --scenario az-outage --scenario disk-stall",
      ),
    ).toBe(shownOn("campaigns.md", "Campaigns"));
    // 80 runs over two worker threads: seconds on an idle machine, far longer on a shared one; speed is bench/'s business.
  }, 180_000);
});
