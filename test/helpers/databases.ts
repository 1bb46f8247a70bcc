import {
  type AuroraDatabaseProps,
  type ElastiCacheDatabaseProps,
  type MultiAzClusterDatabaseProps,
  MultiAzDatabase,
  type MultiAzDatabaseProps,
  type RedshiftDatabaseProps,
} from "../../lib";
import { AwsProvider, TerraformStack, Testing } from "../../lib/private/cdktf";
import { synth, type TerraformJson } from "../../lib/testing";

/** One subnet in each of us-east-1a, b and c. */
export const subnets = ["a", "b", "c"].map((z) => ({ subnetId: `subnet-${z}`, availabilityZone: `us-east-1${z}` }));

/** The smallest props of each engine family that synthesize. */
export const MINIMAL = {
  aurora: {
    engine: "aurora-postgresql",
    subnets,
    writer: { availabilityZone: "us-east-1a", instanceClass: "db.r6g.large" },
    standbys: [{ id: "standby-b", availabilityZone: "us-east-1b", role: "failover" }],
  } satisfies AuroraDatabaseProps as AuroraDatabaseProps,
  multiAzCluster: {
    engine: "rds-multi-az-cluster",
    databaseEngine: "postgres",
    instanceClass: "db.r6gd.large",
    allocatedStorageGib: 100,
    subnets,
  } satisfies MultiAzClusterDatabaseProps as MultiAzClusterDatabaseProps,
  redshift: { engine: "redshift", nodeType: "ra3.xlplus", subnets } satisfies RedshiftDatabaseProps as RedshiftDatabaseProps,
  elasticache: {
    engine: "elasticache",
    nodeType: "cache.r7g.large",
    subnets,
    primaryAvailabilityZone: "us-east-1a",
    replicaAvailabilityZones: ["us-east-1b"],
  } satisfies ElastiCacheDatabaseProps as ElastiCacheDatabaseProps,
};

/** A stack in us-east-1 named `test`, with the AWS provider. */
export function newStack(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), "test");
  new AwsProvider(stack, "aws", { region: "us-east-1" });
  return stack;
}

/** A stack holding one database with id `Orders`. */
export function stackWith(props: MultiAzDatabaseProps): { stack: TerraformStack; db: MultiAzDatabase } {
  const stack = newStack();
  const db = new MultiAzDatabase(stack, "Orders", props);
  return { stack, db };
}

/** The message synth fails with (validations on), or a thrown test failure when it passes. */
export function validationError(props: MultiAzDatabaseProps): string {
  const { stack } = stackWith(props);
  try {
    synth(stack);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("expected synth to fail validation");
}

/** The message the constructor throws for impossible props. */
export function propsError(props: unknown): string {
  try {
    stackWith(props as MultiAzDatabaseProps);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("expected the constructor to reject the props");
}

/** `type.name` of every resource, sorted. */
export function addresses(json: TerraformJson): string[] {
  return Object.entries(json.resource ?? {})
    .flatMap(([type, byName]) => Object.keys(byName).map((n) => `${type}.${n}`))
    .sort();
}

/** The only resource of a type (fails the test when there is not exactly one). */
export function only(json: TerraformJson, type: string): Record<string, unknown> {
  const all = Object.values(json.resource?.[type] ?? {});
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0] as Record<string, unknown>;
}
