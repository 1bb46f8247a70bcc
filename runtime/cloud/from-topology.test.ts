import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parsePlan } from "../plan/load-plan";
import { Simulation } from "../sim/simulation";
import { cloudFromTopology } from "./from-topology";

const fixture = (name: string) => parsePlan(readFileSync(join(__dirname, "../../test/fixtures", name), "utf8"), name);

function build(name: string) {
  const sim = new Simulation({ seed: 1 });
  return { sim, ...cloudFromTopology(sim.env, fixture(name)) };
}

describe("the mock cloud a plan describes", () => {
  test("the hand-written Aurora plan: region from the provider, zones padded to three, identifiers as written, an unplaced instance placed and noted", () => {
    const { cloud, notes, ids } = build("hand-written-aurora.tf.json");
    expect([cloud.region, cloud.zones.names()]).toEqual(["eu-west-1", ["eu-west-1a", "eu-west-1b", "eu-west-1c"]]);
    expect(Object.fromEntries(ids)).toMatchObject({
      "aws_rds_cluster.this": "shop",
      "aws_rds_cluster_instance.one": "one",
      "aws_rds_cluster_instance.two": "two",
    });
    expect([...cloud.rds.instances.values()].map((i) => [i.id, i.az, i.promotionTier])).toEqual([
      ["one", "eu-west-1a", 0],
      ["two", "eu-west-1a", 0],
      ["three", "eu-west-1b", 5],
    ]);
    expect(cloud.rds.clusters.get("shop")?.writer).toBe("one");
    expect(notes).toEqual([
      "aws_rds_cluster_instance.two has no availability_zone; the mock placed it in eu-west-1a, as AWS would place it somewhere",
    ]);
    expect(cloud.kms.find("arn:aws:kms:eu-west-1:111122223333:key/1234")?.KeyState).toBe("Enabled");
  });

  test("the hand-written contingency plan: reservation active from the start, spot pool launched, proxy, DNS name and rule in place", () => {
    const { sim, cloud, notes } = build("hand-written-contingency.tf.json");
    expect(notes).toEqual([]);
    expect(cloud.ec2.pools.reservations.map((r) => [r.az, r.type, r.total, r.criteria, r.state])).toEqual([
      ["us-east-1a", "r6g.large", 1, "targeted", "active"],
    ]);
    expect(cloud.autoScaling.members("contingency").map((i) => [i.az, i.lifecycle, i.tags])).toEqual([
      ["us-east-1b", "spot", [{ Key: "resilience:role", Value: "contingency" }]],
      ["us-east-1b", "spot", [{ Key: "resilience:role", Value: "contingency" }]],
    ]);
    expect(cloud.proxies.get("orders-proxy")?.target?.id).toBe("orders-a");
    expect(cloud.dns.resolver().resolve("db.orders.internal")).toMatchObject({
      ok: true,
      host: "orders-a.mock.us-east-1.rds.amazonaws.com",
    });
    expect(cloud.events.list().map((r) => [r.name, r.targets])).toEqual([
      ["spot-interruptions", [{ Id: "spot", Arn: "aws_sqs_queue.interruptions" }]],
    ]);
    expect(cloud.rds.clusters.get("orders")?.kmsKeyId).toBe(cloud.kms.find("aws_kms_key.db")?.KeyId);
    sim.runFor(60_000);
    expect(cloud.ec2.list().map((i) => i.state)).toEqual(["running", "running"]);
  });

  test("what the mock cannot build is noted, never a crash", () => {
    const sim = new Simulation({ seed: 1 });
    const t = fixture("hand-written-contingency.tf.json");
    const { notes } = cloudFromTopology(sim.env, {
      ...t,
      capacityReservations: [{ ...(t.capacityReservations[0] as (typeof t.capacityReservations)[0]), instanceCount: 99 }],
      autoScalingGroups: [{ ...(t.autoScalingGroups[0] as (typeof t.autoScalingGroups)[0]), instanceTypes: [] }],
      dbProxies: [{ ...(t.dbProxies[0] as (typeof t.dbProxies)[0]), target: { external: "elsewhere" } }],
      eventRules: [{ ...(t.eventRules[0] as (typeof t.eventRules)[0]), eventPattern: { source: "aws.ec2" } }],
    });
    expect(notes).toEqual([
      "aws_db_proxy.orders has no target cluster in the plan; the proxy is not modelled",
      "aws_ec2_capacity_reservation.primary: InsufficientInstanceCapacity (We currently do not have sufficient r6g.large capacity in the Availability Zone you requested (us-east-1a).); the reservation is not modelled",
      "aws_autoscaling_group.contingency names no instance type the plan fixes; the group is not modelled",
      "aws_cloudwatch_event_rule.spot: the event pattern uses what the mock does not match ($.source: expected an object whose leaves are arrays of values); the rule is not modelled",
    ]);
  });
});
