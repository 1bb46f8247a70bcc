import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AuroraMysqlServerlessStack } from "../../examples/aurora-mysql-serverless";
import { AuroraPostgresStack } from "../../examples/aurora-postgres";
import { ElastiCacheStack } from "../../examples/elasticache";
import { MultiAzClusterStack } from "../../examples/multi-az-cluster";
import { RedshiftStack } from "../../examples/redshift";
import { type Construct, type TerraformStack, Testing } from "../../lib/private/cdktf";
import { synth } from "../../lib/testing";

/** Every example stack by its stack name, as `examples/main.ts` registers them. */
export const EXAMPLE_STACKS: Readonly<Record<string, (scope: Construct, id: string) => TerraformStack>> = {
  "aurora-postgres": (scope, id) => new AuroraPostgresStack(scope, id),
  "aurora-mysql-serverless": (scope, id) => new AuroraMysqlServerlessStack(scope, id),
  "multi-az-cluster": (scope, id) => new MultiAzClusterStack(scope, id),
  redshift: (scope, id) => new RedshiftStack(scope, id),
  elasticache: (scope, id) => new ElastiCacheStack(scope, id),
};

/** An example's cdk.tf.json text, synthesized with validations as `cdktf synth` does. */
export function synthExample(name: string): string {
  const create = EXAMPLE_STACKS[name];
  if (!create) throw new Error(`no example named ${name}`);
  return synth(create(Testing.app(), name));
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
