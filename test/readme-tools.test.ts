/**
 * The outputs README shows for inspect, replay, drill and campaign are what the built binary prints
 * for the synthesized examples, run as the README says (from a folder holding cdktf.out/).
 */
import { beforeAll, describe, expect, test } from "vitest";
import { cliIn } from "./helpers/cli";
import { synthExample, synthesizedProject } from "./helpers/examples";
import { readmeBlocks } from "./helpers/readme";

let cwd: string;

beforeAll(() => {
  cwd = synthesizedProject({ "aurora-postgres": synthExample("aurora-postgres"), elasticache: synthExample("elasticache") });
});

/** The command README gives (after `cdktf-resilience`) and what it printed. */
const run = (command: string) => {
  const r = cliIn(cwd, ...command.split(/\s+/).filter(Boolean));
  expect(r.stderr).toBe("");
  return r.stdout;
};

/** The README's fenced block number `blockIndex` under a heading. */
function blockAfter(heading: string, blockIndex: number): string {
  const block = readmeBlocks(heading)[blockIndex];
  if (!block) throw new Error(`no block ${blockIndex} under ${heading}`);
  return block.text;
}

describe("README shows real output", () => {
  test("Inspect a plan", () => {
    expect(run("inspect cdktf.out/stacks/aurora-postgres")).toBe(blockAfter("## Inspect a plan", 0));
  });

  test("Replay a run", () => {
    expect(run("replay cdktf.out/stacks/aurora-postgres --scenario az-outage --seed 42 --kind fault,rds --from 2m --to 3m")).toBe(
      blockAfter("### Replay a run", 0),
    );
  });

  test("Drills", () => {
    expect(run("drill cdktf.out/stacks/aurora-postgres --seed 42")).toBe(blockAfter("### Drills", 0));
  });

  test("Campaigns", () => {
    expect(
      run(
        "campaign cdktf.out/stacks/aurora-postgres cdktf.out/stacks/elasticache --seeds 20 --parallel 2 --scenario az-outage --scenario writer-crash",
      ),
    ).toBe(blockAfter("### Campaigns", 0));
  });
});
