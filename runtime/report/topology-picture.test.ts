import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { loadPlan } from "../plan/load-plan";
import type { Topology } from "../plan/topology";
import { topologyPicture } from "./topology-picture";

const FIXTURES = join(__dirname, "../../test/fixtures");
const plan = (name: string) => loadPlan(join(FIXTURES, `hand-written-${name}.tf.json`));

/** The boxes of a picture: member, zone and role, and the x of the box against its zone column's. */
function boxes(svg: string) {
  const columns = new Map(
    [...svg.matchAll(/<g class="zone" data-zone="([^"]+)"><rect class="zone-col" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/g)].map((m) => [
      m[1],
      { x: Number(m[2]), width: Number(m[3]) },
    ]),
  );
  return [...svg.matchAll(/<g class="node node-(\w+)"((?: data-[a-z-]+="[^"]*")*)><title>[^<]*<\/title><rect x="([\d.]+)"/g)].map((m) => {
    const attr = (name: string) => new RegExp(`data-${name}="([^"]*)"`).exec(m[2] as string)?.[1];
    const zone = attr("zone") as string;
    const column = columns.get(zone);
    const x = Number(m[3]);
    return {
      kind: m[1],
      member: attr("member"),
      zone,
      role: attr("role"),
      inColumn: !!column && x >= column.x && x < column.x + column.width,
    };
  });
}

describe("the topology picture", () => {
  test("every Aurora member sits in its zone's column with its role; one the plan leaves to AWS in a column of its own", () => {
    const t = plan("aurora");
    const svg = topologyPicture(t) as string;
    const drawn = boxes(svg);
    const expected = t.databases.flatMap((db) => db.instances.map((m) => [m.member, m.availabilityZone ?? "zone AWS picks", m.role]));
    expect(drawn.map((b) => [b.member, b.zone, b.role])).toEqual(expected);
    expect(drawn.every((b) => b.inColumn)).toBe(true);
    expect(svg).toContain('data-region="eu-west-1"');
    // the zones the emulator runs (the region's first three), then the one AWS picks
    expect([...svg.matchAll(/<g class="zone" data-zone="([^"]+)"/g)].map((m) => m[1])).toEqual([
      "eu-west-1a",
      "eu-west-1b",
      "eu-west-1c",
      "zone AWS picks",
    ]);
  });

  test("endpoints above the members, the contingency pool in its zones, and the other region with its backup vault", () => {
    const t = plan("contingency");
    const svg = topologyPicture(t) as string;
    const proxy = t.dbProxies[0];
    const dns = t.dnsRecords[0];
    expect(svg).toContain(`RDS Proxy ${proxy?.name}`);
    expect(svg).toContain(`DNS ${dns?.name}`);
    const pool = t.autoScalingGroups[0];
    expect(
      boxes(svg)
        .filter((b) => b.kind === "pool")
        .map((b) => b.zone),
    ).toEqual(pool?.zones);
    expect(svg).toMatch(/data-region="us-west-2"[\s\S]*backup vault orders-dr/);
  });

  test("a real-world Aurora global database: the secondary in its own region's frame, readers only", () => {
    const t = loadPlan(join(FIXTURES, "realworld", "aurora-global-cluster.tf.json"));
    const svg = topologyPicture(t) as string;
    const secondary = t.databases.find((d) => d.global?.role === "secondary");
    const region = secondary?.region as string;
    expect(region).not.toBe(t.region);
    const frame = svg.slice(svg.indexOf(`data-region="${region}"`));
    expect(svg.slice(0, svg.indexOf(`data-region="${region}"`))).not.toContain(`data-db="${secondary?.address}"`);
    expect(frame).toContain(`data-db="${secondary?.address}"`);
    expect(boxes(frame).map((b) => b.role)).toEqual(["read", "read"]);
    expect(frame).toContain("read-only secondary of global database");
    // its columns are its region's zones, then the one AWS picks
    expect([...frame.matchAll(/<g class="zone" data-zone="([^"]+)"/g)].map((m) => m[1])).toEqual([
      `${region}a`,
      `${region}b`,
      `${region}c`,
      "zone AWS picks",
    ]);
  });

  test("a Multi-AZ DB instance: the primary as writer, the standby as a standby that serves no reads", () => {
    const t = loadPlan(join(FIXTURES, "realworld", "rds-multi-az-instance.tf.json"));
    const svg = topologyPicture(t) as string;
    const multiAz = t.databases.find((d) => d.kind === "rds-instance" && d.instances.length === 2);
    const band = svg.slice(svg.indexOf(`data-db="${multiAz?.address}"`));
    expect(
      boxes(band)
        .slice(0, 2)
        .map((b) => [b.member, b.role]),
    ).toEqual([
      ["primary", "writer"],
      ["standby", "failover"],
    ]);
    expect(band).toContain("(Multi-AZ DB instance)");
    expect(band).toMatch(/<text class="node-title"[^>]*>no-read standby</);
    expect(band).toMatch(
      /<title>failover standby [^<]* of aws_db_instance\.[^<]*; serves no reads, becomes the primary on a failover<\/title>/,
    );
  });

  test("Aurora Auto Scaling: the replica AWS adds is drawn as a reader where AWS picks its zone", () => {
    const t = loadPlan(join(FIXTURES, "realworld", "aurora-autoscaling.tf.json"));
    const svg = topologyPicture(t) as string;
    const added = boxes(svg).find((b) => b.member === "autoscaled-1");
    expect(added).toMatchObject({ role: "read", zone: "zone AWS picks", inColumn: true });
    expect(svg).toContain("Aurora Auto Scaling keeps ≥ 1 reader");
    expect(svg).toMatch(/<text class="node-title"[^>]*>scaled reader</);
  });

  test("labels are escaped and shortened to their column, the full text kept as hover text", () => {
    const t = plan("aurora");
    const [db] = t.databases;
    const odd = { ...t, databases: [{ ...db, engine: `aurora<"x">${"-long".repeat(30)}` }] } as unknown as Topology;
    const svg = topologyPicture(odd) as string;
    expect(svg).not.toContain('aurora<"x">');
    expect(svg).toContain("aurora&lt;&quot;x&quot;&gt;");
    expect(svg).toMatch(/<text class="band-title"[^>]*><title>[^<]+<\/title>…/);
  });

  test("nothing to draw without databases or capacity", () => {
    const t = plan("aurora");
    expect(topologyPicture({ ...t, databases: [], regions: [] } as Topology)).toBeNull();
  });
});
