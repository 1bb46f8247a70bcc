import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AuroraPostgresStack } from "../../examples/aurora-postgres";
import { Testing } from "../../lib/private/cdktf";
import { synth } from "../../lib/testing";

/** The Aurora example's cdk.tf.json text, synthesized with validations as `cdktf synth` does. */
export function synthAuroraExample(): string {
  return synth(new AuroraPostgresStack(Testing.app(), "aurora-postgres"));
}

/** Writes plan text into a fresh stack directory and returns the cdk.tf.json path. */
export function writePlan(text: string, stack = "aurora-postgres"): string {
  const dir = join(mkdtempSync(join(tmpdir(), "cdktf-resilience-")), "stacks", stack);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "cdk.tf.json");
  writeFileSync(file, text);
  return file;
}
