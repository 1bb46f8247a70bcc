import type { Construct, TerraformStack } from "../lib/private/cdktf";
import { AuroraCloneStack } from "./aurora-clone";
import { AuroraMysqlServerlessStack } from "./aurora-mysql-serverless";
import { AuroraPostgresStack } from "./aurora-postgres";
import { ContingencyStack } from "./contingency";
import { ElastiCacheStack } from "./elasticache";
import { MultiAzClusterStack } from "./multi-az-cluster";
import { RedshiftStack } from "./redshift";
import { RedshiftSchedulesStack } from "./redshift-schedules";

/** One example stack: its stack name (`cdktf.out/stacks/<name>`) and how to create it in an app. */
export interface Example {
  readonly name: string;
  readonly create: (scope: Construct) => TerraformStack;
}

/** Every example stack. Tests iterate this list (policy pack, synth), so a new example is covered by adding it here. */
export const EXAMPLES: readonly Example[] = [
  { name: "aurora-postgres", create: (scope) => new AuroraPostgresStack(scope, "aurora-postgres") },
  { name: "aurora-mysql-serverless", create: (scope) => new AuroraMysqlServerlessStack(scope, "aurora-mysql-serverless") },
  { name: "multi-az-cluster", create: (scope) => new MultiAzClusterStack(scope, "multi-az-cluster") },
  { name: "redshift", create: (scope) => new RedshiftStack(scope, "redshift") },
  { name: "elasticache", create: (scope) => new ElastiCacheStack(scope, "elasticache") },
  { name: "redshift-schedules", create: (scope) => new RedshiftSchedulesStack(scope, "redshift-schedules") },
  { name: "aurora-clone", create: (scope) => new AuroraCloneStack(scope, "aurora-clone") },
  { name: "contingency", create: (scope) => new ContingencyStack(scope, "contingency") },
];
