import { expect, test } from "vitest";
import { SnapshotSchedule } from "../lib";
import { AwsProvider, TerraformStack, Testing } from "../lib/private/cdktf";
import { synth } from "../lib/testing";
import { docBlocks } from "./helpers/docs";

/** The SnapshotSchedule page pastes synth's message for a 15-minute snapshot interval: it must be what synth says. */
test("docs/constructs/snapshot-schedule.md: the 15-minute error is the message synth reports", () => {
  const blocks = docBlocks("docs/constructs/snapshot-schedule.md", "SnapshotSchedule");
  const shown = blocks.find((b) => b.lang === "" && b.text.startsWith("SnapshotSchedule "))?.text;
  const code = blocks.find((b) => b.lang === "ts" && b.text.includes('every: "15m"'))?.text;
  expect(code).toBe('new SnapshotSchedule(stack, "Volumes", { every: "15m", volumes: { tags: { Backup: "hourly" } } });\n');

  const stack = new TerraformStack(Testing.app(), "orders");
  new AwsProvider(stack, "aws", { region: "us-east-1" });
  new SnapshotSchedule(stack, "Volumes", { every: "15m", volumes: { tags: { Backup: "hourly" } } });
  let message = "";
  try {
    synth(stack);
  } catch (e) {
    message = (e as Error).message;
  }
  // cdktf prefixes each construct's message with its path and two spaces.
  const lines = message.split("\n");
  const header = lines.findIndex((l) => l.endsWith("failed validation (1 problem):"));
  expect(`${[lines[header]?.replace(/^ {2}\[orders\/Volumes\] /, ""), lines[header + 1]].join("\n")}\n`).toBe(shown);
});
