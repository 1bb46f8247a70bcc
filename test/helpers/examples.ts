import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EXAMPLES } from "../../examples";
import { Testing } from "../../lib/private/cdktf";
import { synth } from "../../lib/testing";

/** An example's cdk.tf.json text, synthesized with validations as `cdktf synth` does. */
export function synthExample(name: string): string {
  const example = EXAMPLES.find((e) => e.name === name);
  if (!example) throw new Error(`no example named ${name}`);
  return synth(example.create(Testing.app()));
}

/** The Aurora example's cdk.tf.json text. */
export function synthAuroraExample(): string {
  return synthExample("aurora-postgres");
}

/** Writes plan text into a fresh stack directory and returns the cdk.tf.json path. */
export function writePlan(text: string, stack = "aurora-postgres"): string {
  const dir = join(mkdtempSync(join(tmpdir(), "cdktf-resilience-")), "stacks", stack);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "cdk.tf.json");
  writeFileSync(file, text);
  return file;
}

/**
 * A project folder as `cdktf synth` leaves it: `cdktf.out/stacks/<stack>/cdk.tf.json` for each
 * stack given (name → plan text). README commands run from it.
 */
export function synthesizedProject(stacks: Readonly<Record<string, string>>): string {
  const cwd = mkdtempSync(join(tmpdir(), "cdktf-project-"));
  for (const [stack, text] of Object.entries(stacks)) {
    const dir = join(cwd, "cdktf.out", "stacks", stack);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "cdk.tf.json"), text);
  }
  return cwd;
}
