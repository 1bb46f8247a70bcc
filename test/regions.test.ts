import { describe, expect, test } from "vitest";
import { emulate } from "../runtime/emulation/emulate";
import { planFromJson } from "../runtime/plan";
import { topologyPicture } from "../runtime/report/topology-picture";
import { isScenarioError } from "../runtime/scenarios/scenario-error";

/**
 * An Aurora global database across two regions, both clusters named "orders" (identifiers are
 * unique per region, so AWS allows it), the secondary placed with the provider v6 `region`
 * argument, the primary's subnets with a provider alias. AWS: "An Aurora global database consists
 * of one primary AWS Region where your data is written, and up to 10 read-only secondary AWS
 * Regions"; a secondary cluster has no writer until a switchover or failover promotes it.
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database.html
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/enhanced-region-support
 */
function globalPlan() {
  const subnet = (zone: string, provider?: string) => ({ vpc_id: "vpc-1", availability_zone: zone, ...(provider ? { provider } : {}) });
  const instance = (cluster: string, zone: string, region?: string) => ({
    cluster_identifier: `\${aws_rds_cluster.${cluster}.id}`,
    engine: "aurora-postgresql",
    instance_class: "db.r6g.large",
    availability_zone: zone,
    ...(region ? { region } : {}),
  });
  return planFromJson(
    {
      provider: { aws: [{ region: "eu-west-1" }, { alias: "west", region: "eu-west-1" }] },
      resource: {
        aws_subnet: { pa: subnet("eu-west-1a", "aws.west"), pb: subnet("eu-west-1b", "aws.west") },
        aws_rds_global_cluster: { g: { global_cluster_identifier: "orders-global", engine: "aurora-postgresql" } },
        aws_rds_cluster: {
          primary: {
            cluster_identifier: "orders",
            engine: "aurora-postgresql",
            master_username: "root",
            global_cluster_identifier: "${aws_rds_global_cluster.g.id}",
          },
          secondary: {
            cluster_identifier: "orders",
            engine: "aurora-postgresql",
            region: "us-east-1",
            global_cluster_identifier: "${aws_rds_global_cluster.g.id}",
            depends_on: ["aws_rds_cluster_instance.pa"],
          },
        },
        aws_rds_cluster_instance: {
          pa: instance("primary", "eu-west-1a"),
          pb: { ...instance("primary", "eu-west-1b"), promotion_tier: 1 },
          sa: instance("secondary", "us-east-1a", "us-east-1"),
          sb: instance("secondary", "us-east-1b", "us-east-1"),
        },
      },
    },
    "global.tf.json",
  );
}

describe("regions: one region per database, zones never merged", () => {
  const t = globalPlan();

  test("each database has its region; the secondary is read-only, with no writer", () => {
    expect(t.databases.map((d) => [d.address, d.region, d.global?.role, d.instances.map((i) => i.role)])).toEqual([
      ["aws_rds_cluster.primary", "eu-west-1", "primary", ["writer", "failover"]],
      ["aws_rds_cluster.secondary", "us-east-1", "secondary", ["read", "read"]],
    ]);
  });

  test("what runs beside the first database (its storage hosts) stays in that database's region", () => {
    const lines: string[] = [];
    // The storage control plane attaches for the scenarios that ask for it (a point-in-time restore).
    emulate({ topology: t, scenario: "pitr-restore", seed: 1, trace: { sink: (l) => lines.push(l) } });
    const hostZones = lines.filter((l) => / spawn storage\/host-\d+ /.test(l)).map((l) => l.replace(/.* zone=/, ""));
    expect(hostZones.length).toBeGreaterThan(0);
    expect(hostZones.filter((z) => !z.startsWith("eu-west-1"))).toEqual([]);
  });

  test("the same identifier in two regions loads and emulates (no crash): identifiers are unique per region", () => {
    const { result } = emulate({ topology: t, scenario: "writer-crash", seed: 1, profile: "fast" });
    expect(result.invariants.filter((i) => !i.ok).map((i) => i.id)).toEqual([]);
  });

  test("the same identifier twice in one region is refused at load, naming both", () => {
    expect(() =>
      planFromJson({
        resource: {
          aws_rds_cluster: {
            a: { cluster_identifier: "orders", engine: "aurora-postgresql" },
            b: { cluster_identifier: "orders", engine: "aurora-postgresql" },
          },
        },
      }),
    ).toThrow(/aws_rds_cluster\.b has the identifier "orders", as aws_rds_cluster\.a has, in region .*; AWS refuses the second/);
  });

  test("--az of the secondary region fails its instances but reports no new writer for the read-only secondary", () => {
    const lines: string[] = [];
    const { result } = emulate({
      topology: t,
      scenario: "az-outage",
      seed: 1,
      profile: "fast",
      az: "us-east-1a",
      trace: { sink: (l) => lines.push(l) },
    });
    expect(lines.filter((l) => l.includes("status=failed")).map((l) => l.replace(/^\d+ \d+ /, ""))).toEqual([
      'rds sa@us-east-1 status=failed reason="zone power loss"',
    ]);
    expect(result.failovers).toEqual([]);
    expect(result.invariants.filter((i) => !i.ok).map((i) => i.id)).toEqual([]);
  });

  test("--az of the primary region fails the primary over within that region only", () => {
    const { result } = emulate({ topology: t, scenario: "az-outage", seed: 1, profile: "fast", az: "eu-west-1a" });
    expect(result.failovers.map((f) => [f.resource, f.fromAz, f.toAz])).toEqual([["aws_rds_cluster.primary", "eu-west-1a", "eu-west-1b"]]);
  });

  test("the report's topology picture: one frame per region, each member in its own region's zone column, the secondary without a writer", () => {
    const svg = topologyPicture(t) as string;
    const frames = svg.split('<g class="region" ').slice(1);
    const frame = (region: string) => frames.find((f) => f.startsWith(`data-region="${region}"`)) ?? "";
    const columns = (f: string) => [...f.matchAll(/<g class="zone" data-zone="([^"]+)"><rect class="zone-col" x="([\d.]+)"/g)];
    const members = (f: string) =>
      [...f.matchAll(/data-member="([^"]+)" data-zone="([^"]+)" data-role="(\w+)"><title>[^<]*<\/title><rect x="([\d.]+)"/g)].map((m) => {
        const column = columns(f).find((c) => c[1] === m[2]);
        // a box sits inside its zone's column (columns are 120 wide)
        const inColumn = !!column && Number(m[4]) >= Number(column[2]) && Number(m[4]) < Number(column[2]) + 120;
        return [m[1], m[2], m[3], inColumn];
      });
    expect(frames.map((f) => /^data-region="([^"]+)"/.exec(f)?.[1])).toEqual(["eu-west-1", "us-east-1"]);
    // zones never cross regions: each frame's columns are its own region's zones
    expect(columns(frame("eu-west-1")).map((c) => c[1])).toEqual(["eu-west-1a", "eu-west-1b", "eu-west-1c"]);
    expect(columns(frame("us-east-1")).map((c) => c[1])).toEqual(["us-east-1a", "us-east-1b", "us-east-1c"]);
    expect(members(frame("eu-west-1"))).toEqual([
      ["aws_rds_cluster_instance.pa", "eu-west-1a", "writer", true],
      ["aws_rds_cluster_instance.pb", "eu-west-1b", "failover", true],
    ]);
    expect(members(frame("us-east-1"))).toEqual([
      ["aws_rds_cluster_instance.sa", "us-east-1a", "read", true],
      ["aws_rds_cluster_instance.sb", "us-east-1b", "read", true],
    ]);
    expect(frame("us-east-1")).toContain("read-only secondary of global database orders-global");
    expect(frame("eu-west-1")).toContain("primary of global database orders-global");
  });

  test("a region-loss scenario is refused with why (the mock does not model cross-region replication)", () => {
    let caught: unknown;
    try {
      emulate({ topology: t, scenario: "region-outage", seed: 1 });
    } catch (e) {
      caught = e;
    }
    expect(isScenarioError(caught)).toBe(true);
    expect((caught as Error).message).toMatch(
      /^Scenario "region-outage" is not emulated\.\n- scenario: the mock cloud builds every region/,
    );
  });
});
