import type { Construct, TerraformStack } from "../lib/private/cdktf";
import { AuroraPostgresStack } from "./aurora-postgres";

/** One example stack: its stack name (`cdktf.out/stacks/<name>`) and how to create it in an app. */
export interface Example {
  readonly name: string;
  readonly create: (scope: Construct) => TerraformStack;
}

/** Every example stack. Tests iterate this list (policy pack, synth), so a new example is covered by adding it here. */
export const EXAMPLES: readonly Example[] = [
  { name: "aurora-postgres", create: (scope) => new AuroraPostgresStack(scope, "aurora-postgres") },
];
