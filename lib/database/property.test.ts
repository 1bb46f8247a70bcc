import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { planFromJson } from "../../runtime/plan";
import { subnets } from "../../test/helpers/databases";
import type { MultiAzDatabaseProps } from "..";
import { isResilienceError, MultiAzDatabase } from "..";
import { AwsProvider, TerraformStack, Testing } from "../private/cdktf";
import { synth } from "../testing";

/**
 * Property: any props either synthesize a plan the runtime reads as a safe multi-AZ topology, or
 * fail with ONE error that lists every problem injected. Props are generated valid, then a random
 * set of independent faults is injected; each fault knows the field its error line names.
 * Impossible props (the schema) are reported in the constructor, before topology rules run, so a
 * sample's expected lines are its schema faults when it has any, else its rule faults.
 */

const ZONES = subnets.map((s) => s.availabilityZone);
const zone = fc.constantFrom(...ZONES);
const otherZone = (z: string) => fc.constantFrom(...ZONES.filter((x) => x !== z));
/** Backup and maintenance windows that never overlap (or none). */
const windows = fc.constantFrom(
  {},
  { preferredBackupWindow: "03:00-04:00" },
  { preferredMaintenanceWindow: "sun:05:00-sun:06:00" },
  { preferredBackupWindow: "23:30-00:30", preferredMaintenanceWindow: "tue:01:00-tue:02:00" },
  { preferredBackupWindow: "05:00-06:00", preferredMaintenanceWindow: "sat:22:00-sat:23:30" },
);
const retention = fc
  .option(fc.integer({ min: 15, max: 35 }), { nil: undefined })
  .map((d) => (d === undefined ? {} : { backupRetentionDays: d }));

type Props = Record<string, unknown>;

const aurora = fc
  .tuple(
    zone.chain((w) => fc.tuple(fc.constant(w), otherZone(w), fc.nat(2))),
    fc.constantFrom("db.r6g.large", "db.r7g.xlarge", "db.serverless"),
    fc.constantFrom("aurora-postgresql", "aurora-mysql"),
    windows,
    retention,
  )
  .map(
    ([[writerZone, standbyZone, readers], instanceClass, engine, w, r]): Props => ({
      engine,
      subnets,
      writer: { availabilityZone: writerZone, instanceClass },
      standbys: [
        { id: "standby", availabilityZone: standbyZone, role: "failover" },
        ...Array.from({ length: readers }, (_, i) => ({ id: `reader-${i}`, availabilityZone: ZONES[i] as string, role: "read" })),
      ],
      ...(instanceClass === "db.serverless" ? { serverlessV2Scaling: { minCapacity: 0.5, maxCapacity: 32 } } : {}),
      ...w,
      ...r,
    }),
  );

const multiAzCluster = fc
  .tuple(fc.constantFrom("postgres", "mysql"), fc.integer({ min: 100, max: 2000 }), fc.boolean(), windows, retention)
  .map(
    ([databaseEngine, storage, io1, w, r]): Props => ({
      engine: "rds-multi-az-cluster",
      databaseEngine,
      instanceClass: "db.r6gd.large",
      allocatedStorageGib: storage,
      ...(io1 ? { storageType: "io1", iops: 3000 } : {}),
      subnets,
      ...w,
      ...r,
    }),
  );

const redshift = fc
  .tuple(fc.constantFrom("ra3.xlplus", "ra3.4xlarge"), fc.integer({ min: 2, max: 8 }), fc.option(zone, { nil: undefined }), retention)
  .map(
    ([nodeType, nodes, az, r]): Props => ({
      engine: "redshift",
      nodeType,
      numberOfNodes: nodes,
      ...(az ? { availabilityZone: az } : {}),
      subnets,
      ...r,
    }),
  );

const elasticache = fc
  .tuple(
    zone.chain((p) => fc.tuple(fc.constant(p), fc.uniqueArray(otherZone(p), { minLength: 1, maxLength: 2 }))),
    fc.integer({ min: 1, max: 3 }),
    windows,
    retention,
  )
  .map(
    ([[primary, replicas], shards, w, r]): Props => ({
      engine: "elasticache",
      nodeType: "cache.r7g.large",
      subnets,
      primaryAvailabilityZone: primary,
      replicaAvailabilityZones: replicas,
      ...(shards > 1 ? { shards, parameterGroupName: "default.valkey8.cluster.on" } : {}),
      ...w,
      ...r,
    }),
  );

/** A fault: which engines it applies to, the slot it changes (one fault per slot), and the line it must cause. */
interface Fault {
  readonly name: string;
  readonly level: "props" | "rule";
  readonly slot: string;
  readonly engines: readonly string[];
  /** Start of the error line: `- [test/Orders] <field>:`. */
  readonly field: string;
  readonly apply: (p: Props) => Props;
}

const ALL = ["aurora", "rds-multi-az-cluster", "redshift", "elasticache"];
const RDS = ["aurora", "rds-multi-az-cluster"];
const WITH_BACKUP_WINDOW = ["aurora", "rds-multi-az-cluster", "elasticache"];

const FAULTS: readonly Fault[] = [
  {
    name: "retention 36",
    level: "props",
    slot: "retention",
    engines: ALL,
    field: "backupRetentionDays",
    apply: (p) => ({ ...p, backupRetentionDays: 36 }),
  },
  {
    name: "bad identifier",
    level: "props",
    slot: "id",
    engines: ALL,
    field: "clusterIdentifier",
    apply: (p) => ({ ...p, clusterIdentifier: "Bad_Id" }),
  },
  {
    name: "two cluster zones",
    level: "props",
    slot: "azs",
    engines: RDS,
    field: "availabilityZones",
    apply: (p) => ({ ...p, availabilityZones: ZONES.slice(0, 2) }),
  },
  {
    name: "malformed backup window",
    level: "props",
    slot: "windows",
    engines: WITH_BACKUP_WINDOW,
    field: "preferredBackupWindow",
    apply: (p) => ({ ...p, preferredBackupWindow: "3:00-4:00" }),
  },
  {
    name: "overlapping windows",
    level: "rule",
    slot: "windows",
    engines: WITH_BACKUP_WINDOW,
    field: "preferredBackupWindow",
    apply: (p) => ({ ...p, preferredBackupWindow: "05:00-06:00", preferredMaintenanceWindow: "sun:05:30-sun:06:30" }),
  },
  {
    name: "failover standby in the writer's zone",
    level: "rule",
    slot: "placement",
    engines: ["aurora"],
    field: "standbys",
    apply: (p) => {
      const writer = p.writer as { availabilityZone: string };
      const [first, ...rest] = p.standbys as Props[];
      return { ...p, standbys: [{ ...first, availabilityZone: writer.availabilityZone }, ...rest] };
    },
  },
  {
    name: "reader with a failover tier",
    level: "rule",
    slot: "tiers",
    engines: ["aurora"],
    field: "standbys[9].promotionTier",
    apply: (p) => ({
      ...p,
      standbys: [
        ...(p.standbys as Props[]),
        ...Array.from({ length: 9 - (p.standbys as Props[]).length }, (_, i) => ({
          id: `pad-${i}`,
          availabilityZone: ZONES[2],
          role: "read",
        })),
        { id: "report", availabilityZone: ZONES[2], role: "read", promotionTier: 1 },
      ],
    }),
  },
  {
    name: "DC2 nodes",
    level: "rule",
    slot: "node-type",
    engines: ["redshift"],
    field: "nodeType",
    apply: (p) => ({ ...p, nodeType: "dc2.large" }),
  },
  {
    name: "one node",
    level: "rule",
    slot: "nodes",
    engines: ["redshift"],
    field: "numberOfNodes",
    apply: (p) => ({ ...p, numberOfNodes: 1 }),
  },
  { name: "port 6000", level: "rule", slot: "port", engines: ["redshift"], field: "port", apply: (p) => ({ ...p, port: 6000 }) },
  {
    name: "no replica",
    level: "rule",
    slot: "placement",
    engines: ["elasticache"],
    field: "replicaAvailabilityZones",
    apply: (p) => ({ ...p, replicaAvailabilityZones: [] }),
  },
  {
    name: "replicas only in the primary's zone",
    level: "rule",
    slot: "placement",
    engines: ["elasticache"],
    field: "replicaAvailabilityZones",
    apply: (p) => ({ ...p, replicaAvailabilityZones: [p.primaryAvailabilityZone] }),
  },
  {
    name: "shards on the default parameter group",
    level: "rule",
    slot: "shards",
    engines: ["elasticache"],
    field: "parameterGroupName",
    apply: (p) => {
      const { parameterGroupName: _, ...rest } = p;
      return { ...rest, shards: 2 };
    },
  },
  {
    name: "io1 without IOPS",
    level: "rule",
    slot: "storage",
    engines: ["rds-multi-az-cluster"],
    field: "iops",
    apply: (p) => {
      const { iops: _, ...rest } = p;
      return { ...rest, storageType: "io1" };
    },
  },
  {
    name: "two subnet zones",
    level: "rule",
    slot: "subnets",
    engines: ["rds-multi-az-cluster"],
    field: "subnets",
    apply: (p) => ({ ...p, subnets: subnets.slice(0, 2) }),
  },
];

const family = (p: Props) => (String(p.engine).startsWith("aurora") ? "aurora" : String(p.engine));

/** Valid props of any engine, with a set of faults that fit it (at most one per slot). */
const sample = fc.oneof(aurora, multiAzCluster, redshift, elasticache).chain((props) => {
  const fitting = FAULTS.filter((f) => f.engines.includes(family(props)));
  return fc
    .subarray(fitting)
    .map((chosen) => chosen.filter((f, i) => chosen.findIndex((g) => g.slot === f.slot) === i))
    .map((faults) => ({ props, faults }));
});

function build(props: Props): TerraformStack {
  const stack = new TerraformStack(Testing.app(), "test");
  new AwsProvider(stack, "aws", { region: "us-east-1" });
  new MultiAzDatabase(stack, "Orders", props as unknown as MultiAzDatabaseProps);
  return stack;
}

/** What the runtime must see in any plan that synthesized: a writer, a failover target in another zone, encryption. */
function expectSafeTopology(json: unknown, engine: string): void {
  const [db] = planFromJson(json, "property").databases;
  expect(db?.storageEncrypted).toBe(true);
  const writer = db?.instances.find((i) => i.role === "writer");
  const elsewhere = (db?.instances ?? []).filter(
    (i) =>
      i.role === "failover" &&
      (i.availabilityZone && writer?.availabilityZone
        ? i.availabilityZone !== writer.availabilityZone
        : (i.candidateZones ?? ZONES).some((z) => z !== writer?.availabilityZone)),
  );
  expect(elsewhere.length).toBeGreaterThan(0);
  if (engine === "aurora") expect(db?.instances.every((i) => i.promotionTierExplicit)).toBe(true);
  if (engine === "redshift") expect(db?.multiAz).toBe(true);
  if (engine === "elasticache") expect(db).toMatchObject({ multiAz: true, automaticFailover: true });
}

function errorOf(run: () => void): Error | undefined {
  try {
    run();
  } catch (e) {
    return e as Error;
  }
  return undefined;
}

describe("generated props: a safe plan, or one error listing every problem", () => {
  test("holds for every engine family", () => {
    fc.assert(
      fc.property(sample, ({ props, faults }) => {
        const faulty = faults.reduce((p, f) => f.apply(p), props);
        const schemaFaults = faults.filter((f) => f.level === "props");
        const expected = schemaFaults.length ? schemaFaults : faults;
        let stack: TerraformStack | undefined;
        const constructorError = errorOf(() => {
          stack = build(faulty);
        });
        if (schemaFaults.length) {
          expect(isResilienceError(constructorError)).toBe(true);
        } else {
          expect(constructorError).toBeUndefined();
        }
        const error = constructorError ?? errorOf(() => synth(stack as TerraformStack));
        if (expected.length === 0) {
          expect(error).toBeUndefined();
          expectSafeTopology(JSON.parse(synth(stack as TerraformStack)), family(props));
          return;
        }
        const message = error?.message ?? "";
        const header = /MultiAzDatabase 'test\/Orders' failed validation \((\d+) problems?\):/.exec(message);
        const lines = message.split("\n").filter((l) => l.startsWith("- [test/Orders] "));
        // One error: one header, whose count is the number of problem lines.
        expect(message.match(/failed validation/g)).toHaveLength(1);
        expect(Number(header?.[1])).toBe(lines.length);
        for (const f of expected)
          expect(
            lines.some((l) => l.startsWith(`- [test/Orders] ${f.field}:`)),
            f.name,
          ).toBe(true);
        expect(lines.length).toBeGreaterThanOrEqual(new Set(expected.map((f) => f.field)).size);
      }),
      { numRuns: 150, seed: 20240601 },
    );
  });
});
