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
import { type BenchRow, type BenchSuite, median, medianMs } from "../harness";

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

/** Wall and CPU milliseconds of each run of one measured task. */
interface Samples {
  readonly wall: number[];
  readonly cpu: number[];
}

/**
 * Runs the tasks in rounds, each once per round in a rotating order, after `warmup` untimed
 * rounds. The figures of a ratio are then taken side by side: a burst of load from another
 * process, or a collection left by the task before, falls on every task in turn rather than on
 * all samples of one, and {@link pairedRatio} compares the samples of one round.
 */
async function interleaved<K extends string>(
  tasks: Readonly<Record<K, () => unknown | Promise<unknown>>>,
  rounds: number,
  warmup = 1,
): Promise<Record<K, Samples>> {
  const names = Object.keys(tasks) as K[];
  const out = Object.fromEntries(names.map((k) => [k, { wall: [], cpu: [] }])) as unknown as Record<K, Samples>;
  for (let round = -warmup; round < rounds; round++) {
    const shift = ((round % names.length) + names.length) % names.length;
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + shift) % names.length] as K;
      const cpu0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      await tasks[name]();
      const wall = Number(process.hrtime.bigint() - t0) / 1e6;
      const cpu = process.cpuUsage(cpu0);
      if (round < 0) continue;
      out[name].wall.push(wall);
      out[name].cpu.push((cpu.user + cpu.system) / 1000);
    }
  }
  return out;
}

/** The median over rounds of `big ÷ small`, in wall time and in CPU time (all threads: the collector's too). */
function pairedRatio(big: Samples, small: Samples): { readonly wall: number; readonly cpu: number } {
  const ratios = (a: readonly number[], b: readonly number[]) => median(a.map((x, i) => x / (b[i] as number)));
  return { wall: ratios(big.wall, small.wall), cpu: ratios(big.cpu, small.cpu) };
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
    const largeText = readFileSync(large, "utf8");
    // Interleaved rounds (see `interleaved`): each ratio is the median of its rounds' ratios.
    // `check` exits 1: the fleet has findings (no backup plan, no FIS drill); that is its work.
    const ROUNDS = 5;
    const inspect = await interleaved(
      {
        small: () => cli([0], "inspect", small),
        large: () => cli([0], "inspect", large),
        parse: () => JSON.parse(largeText),
      },
      ROUNDS,
    );
    const check = await interleaved({ small: () => cli([0, 1], "check", small), large: () => cli([0, 1], "check", large) }, ROUNDS);
    const inspectSmall = median(inspect.small.wall);
    const inspectLarge = median(inspect.large.wall);
    const checkSmall = median(check.small.wall);
    const checkLarge = median(check.large.wall);
    const parseLarge = median(inspect.parse.wall);
    const inspectScale = pairedRatio(inspect.large, inspect.small);
    const checkScale = pairedRatio(check.large, check.small);
    const overParse = pairedRatio(inspect.large, inspect.parse);
    const rounds = (r: { readonly cpu: number }) => `median of ${ROUNDS} interleaved rounds; CPU time ${r.cpu.toFixed(1)}×`;
    const emulateTen = await medianMs(() => cli([0, 1], "emulate", tenClusters, ...emulateFlags), 3, 0);
    const emulateHundred = await medianMs(() => cli([0, 1], "emulate", hundredClusters, ...emulateFlags), 1, 0);
    const kib = (Buffer.byteLength(largeText) / 1024).toFixed(0);
    return [
      { name: "inspect, 500 clusters (2,004 resources)", value: inspectSmall, unit: "ms" },
      { name: "inspect, 5,000 clusters (20,004 resources)", value: inspectLarge, unit: "ms", note: `${kib} KiB` },
      ratioRow("inspect: 5,000 ÷ 500 clusters", inspectScale.wall, 1, 12, `linear is 10×; ${rounds(inspectScale)}`),
      { name: "check, 500 clusters", value: checkSmall, unit: "ms" },
      { name: "check, 5,000 clusters", value: checkLarge, unit: "ms" },
      ratioRow("check: 5,000 ÷ 500 clusters", checkScale.wall, 1, 12, `linear is 10×; ${rounds(checkScale)}`),
      { name: "JSON.parse of the 20,004-resource file", value: parseLarge, unit: "ms", note: `${kib} KiB` },
      ratioRow(
        "inspect ÷ JSON.parse, 20,004 resources",
        overParse.wall,
        1,
        20,
        `reading, validating, evaluating, printing; ${rounds(overParse)}`,
      ),
      { name: "emulate writer-crash, 10 clusters", value: emulateTen, unit: "ms" },
      { name: "emulate writer-crash, 100 clusters", value: emulateHundred, unit: "ms", note: "one run" },
      ratioRow("emulate writer-crash: 100 ÷ 10 clusters", emulateHundred, emulateTen, 12, "linear is 10×"),
    ];
  },
};
