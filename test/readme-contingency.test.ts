/**
 * The contingency capacity pages: the validation example prints the error shown, and the timeline
 * and summaries are what the built binary prints for the synthesized example.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { cliIn } from "./helpers/cli";
import { docBlock, docBlocks, runDocExample } from "./helpers/docs";
import { synthExample, synthesizedProject } from "./helpers/examples";

const CONSTRUCT = "docs/constructs/contingency-capacity.md";
const RUNTIME = "docs/emulator/contingency-capacity.md";
const RUN = "Revocations, and a real run";
let cwd: string;

beforeAll(() => {
  cwd = synthesizedProject({ contingency: synthExample("contingency") });
});

const run = (command: string) => {
  const r = cliIn(cwd, ...command.split(/\s+/));
  expect(r.stderr).toBe("");
  return r.stdout;
};

describe(`${CONSTRUCT}: Validation`, () => {
  test("the validation example prints the one error shown under it", () => {
    const [code, shown] = docBlocks(CONSTRUCT, "Validation");
    expect(code?.lang).toBe("ts");
    expect(runDocExample(code?.text ?? "", "contingency-validation")).toBe(shown?.text);
  });
});

describe(`${RUNTIME}: ${RUN}`, () => {
  test("the timeline is the replay of a real run", () => {
    expect(run("replay cdktf.out/stacks/contingency --scenario az-outage --az us-east-1a --seed 42 --kind fault,contingency,spot")).toBe(
      docBlock(RUNTIME, RUN, 0).text,
    );
  });

  test("the summary is what emulate prints for the same run", () => {
    expect(run("emulate cdktf.out/stacks/contingency --scenario az-outage --az us-east-1a --seed 42")).toBe(docBlock(RUNTIME, RUN, 1).text);
  });

  test("the spot-reclaim summary, with its revocation row, is what emulate prints", () => {
    expect(run("emulate cdktf.out/stacks/contingency --scenario spot-reclaim --seed 42")).toBe(docBlock(RUNTIME, RUN, 2).text);
  });
});
