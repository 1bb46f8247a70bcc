/**
 * Cost against the plan's size, through the CLI's own entry point (`run`, in this process, so
 * process start-up is not measured): `inspect` and `check` of 5,000 Aurora clusters against 500,
 * `emulate --scenario writer-crash` of 100 clusters against 10, and `inspect` of a
 * 20,000-resource plan against a bare `JSON.parse` of the same file — the least any reader of
 * the plan must do. Every figure of a ratio is measured in this run, side by side.
 *
 * Linear cost makes the first two ratios 10×; the goals allow 12× for the constant parts and
 * the garbage collector. The goal for `inspect` against `JSON.parse` is 20×.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../../runtime/cli/main";
import { type BenchRow, type BenchSuite, medianMs } from "../harness";

const ZONES = ["eu-west-1a", "eu-west-1b", "eu-west-1c"];

/**
 * `clusters` Aurora PostgreSQL clusters as `cdktf synth` writes them, 4 resources each (the
 * cluster, a writer and a reader in different zones, a subnet group), sharing one key and three
 * subnets: 5,000 clusters are 20,004 resources.
 */
export function auroraFleet(clusters: number): string {
  const resource = {
    aws_kms_key: { key: { enable_key_rotation: true } } as Record<string, unknown>,
    aws_subnet: {} as Record<string, unknown>,
    aws_db_subnet_group: {} as Record<string, unknown>,
    aws_rds_cluster: {} as Record<string, unknown>,
    aws_rds_cluster_instance: {} as Record<string, unknown>,
  };
  for (const [z, zone] of ZONES.entries())
    resource.aws_subnet[`s${z}`] = { vpc_id: "vpc-1", availability_zone: zone, cidr_block: `10.0.${z}.0/24` };
  for (let c = 0; c < clusters; c++) {
    resource.aws_db_subnet_group[`g${c}`] = { name: `g-${c}`, subnet_ids: ZONES.map((_, z) => `\${aws_subnet.s${z}.id}`) };
    resource.aws_rds_cluster[`c${c}`] = {
      cluster_identifier: `orders-${c}`,
      engine: "aurora-postgresql",
      db_subnet_group_name: `\${aws_db_subnet_group.g${c}.name}`,
      kms_key_id: "${aws_kms_key.key.arn}",
      storage_encrypted: true,
      backup_retention_period: 7,
    };
    for (const [i, zone] of ["eu-west-1a", "eu-west-1b"].entries())
      resource.aws_rds_cluster_instance[`c${c}_i${i}`] = {
        identifier: `orders-${c}-${i}`,
        cluster_identifier: `\${aws_rds_cluster.c${c}.id}`,
        engine: "aurora-postgresql",
        instance_class: "db.r6g.large",
        availability_zone: zone,
        promotion_tier: i,
      };
  }
  return JSON.stringify({ provider: { aws: [{ region: "eu-west-1" }] }, resource });
}

/** Runs the CLI in this process, output discarded; throws unless it exits with one of `codes`. */
async function cli(codes: readonly number[], ...argv: string[]): Promise<void> {
  const err: string[] = [];
  const code = await run(argv, { out: () => {}, err: (t) => err.push(t) });
  if (!codes.includes(code)) throw new Error(`${argv.join(" ")} exited ${code}: ${err.join("").slice(0, 500)}`);
}

function ratioRow(name: string, big: number, small: number, goal: number, note: string): BenchRow {
  const value = big / small;
  return { name, value, unit: "×", goal: { atMost: goal }, note };
}

export const scaleSuite: BenchSuite = {
  name: "scale",
  async run(): Promise<readonly BenchRow[]> {
    const dir = mkdtempSync(join(tmpdir(), "bench-scale-"));
    const file = (clusters: number) => {
      const path = join(dir, `fleet-${clusters}.tf.json`);
      writeFileSync(path, auroraFleet(clusters));
      return path;
    };
    const small = file(500);
    const large = file(5_000);
    const tenClusters = file(10);
    const hundredClusters = file(100);
    const emulateFlags = ["--scenario", "writer-crash", "--seed", "1"];
    // `check` exits 1: the fleet has findings (no backup plan, no FIS drill); that is its work.
    const inspectSmall = await medianMs(() => cli([0], "inspect", small), 5);
    const inspectLarge = await medianMs(() => cli([0], "inspect", large), 3);
    const checkSmall = await medianMs(() => cli([0, 1], "check", small), 5);
    const checkLarge = await medianMs(() => cli([0, 1], "check", large), 3);
    const largeText = readFileSync(large, "utf8");
    const parseLarge = await medianMs(() => JSON.parse(largeText), 7);
    const emulateTen = await medianMs(() => cli([0, 1], "emulate", tenClusters, ...emulateFlags), 3, 0);
    const emulateHundred = await medianMs(() => cli([0, 1], "emulate", hundredClusters, ...emulateFlags), 1, 0);
    const kib = (Buffer.byteLength(largeText) / 1024).toFixed(0);
    return [
      { name: "inspect, 500 clusters (2,004 resources)", value: inspectSmall, unit: "ms" },
      { name: "inspect, 5,000 clusters (20,004 resources)", value: inspectLarge, unit: "ms", note: `${kib} KiB` },
      ratioRow("inspect: 5,000 ÷ 500 clusters", inspectLarge, inspectSmall, 12, "linear is 10×"),
      { name: "check, 500 clusters", value: checkSmall, unit: "ms" },
      { name: "check, 5,000 clusters", value: checkLarge, unit: "ms" },
      ratioRow("check: 5,000 ÷ 500 clusters", checkLarge, checkSmall, 12, "linear is 10×"),
      { name: "JSON.parse of the 20,004-resource file", value: parseLarge, unit: "ms", note: `${kib} KiB` },
      ratioRow("inspect ÷ JSON.parse, 20,004 resources", inspectLarge, parseLarge, 20, "reading, validating, evaluating, printing"),
      { name: "emulate writer-crash, 10 clusters", value: emulateTen, unit: "ms" },
      { name: "emulate writer-crash, 100 clusters", value: emulateHundred, unit: "ms", note: "one run" },
      ratioRow("emulate writer-crash: 100 ÷ 10 clusters", emulateHundred, emulateTen, 12, "linear is 10×"),
    ];
  },
};
