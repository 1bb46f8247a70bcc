/**
 * README "Contingency capacity": the validation example prints the error shown, and the timeline
 * and summary are what the built binary prints for the synthesized example.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { cliIn } from "./helpers/cli";
import { synthExample, synthesizedProject } from "./helpers/examples";
import { readmeBlocks, runReadmeExample } from "./helpers/readme";

const HEADING = "## Contingency capacity\n";
let cwd: string;

beforeAll(() => {
  cwd = synthesizedProject({ contingency: synthExample("contingency") });
});

const run = (command: string) => {
  const r = cliIn(cwd, ...command.split(/\s+/));
  expect(r.stderr).toBe("");
  return r.stdout;
};

describe("README: Contingency capacity", () => {
  test("the validation example prints the one error shown under it", () => {
    const [, code, shown] = readmeBlocks(HEADING);
    expect(code?.lang).toBe("ts");
    expect(runReadmeExample(code?.text ?? "", "contingency-validation")).toBe(shown?.text);
  });

  test("the timeline is the replay of a real run", () => {
    const block = readmeBlocks(HEADING)[3];
    expect(run("replay cdktf.out/stacks/contingency --scenario az-outage --az us-east-1a --seed 42 --kind fault,contingency,spot")).toBe(
      block?.text,
    );
  });

  test("the summary is what emulate prints for the same run", () => {
    const block = readmeBlocks(HEADING)[4];
    expect(run("emulate cdktf.out/stacks/contingency --scenario az-outage --az us-east-1a --seed 42")).toBe(block?.text);
  });

  test("the spot-reclaim summary, with its revocation row, is what emulate prints", () => {
    const block = readmeBlocks(HEADING)[5];
    expect(run("emulate cdktf.out/stacks/contingency --scenario spot-reclaim --seed 42")).toBe(block?.text);
  });
});
