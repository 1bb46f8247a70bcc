import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { planFromJson } from "../../runtime/plan";
import { newStack, only } from "../../test/helpers/databases";
import { Acknowledge } from "../private/acknowledge";
import { Subnet } from "../private/cdktf";
import { isResilienceError, type ResilienceError } from "../private/errors";
import { synth, synthJson, warningsOf } from "../testing";
import { ContingencyCapacity, type ContingencyCapacityProps } from "./contingency-capacity";

/** The baseline props: r6g.large, one reserved in 1a, one designated in 1b, leased out from $0.05/h. */
const BASELINE: ContingencyCapacityProps = {
  primaryAvailabilityZone: "us-east-1a",
  contingencyAvailabilityZone: "us-east-1b",
  instanceType: "r6g.large",
  primaryCount: 1,
  designatedCount: 1,
  minimumBidPerHour: 0.05,
  contingencySubnets: [{ subnetId: "subnet-b", availabilityZone: "us-east-1b" }],
};

function build(props: ContingencyCapacityProps) {
  const stack = newStack();
  const capacity = new ContingencyCapacity(stack, "Head", props);
  return { stack, capacity };
}

function thrown(f: () => unknown): ResilienceError {
  try {
    f();
  } catch (e) {
    if (isResilienceError(e)) return e;
    throw e;
  }
  throw new Error("expected a ResilienceError");
}

describe("ContingencyCapacity", () => {
  test("minimal configuration synthesizes the reservation, the spot pool, the interruption wiring and the output", () => {
    expect(synth(build(BASELINE).stack)).toMatchSnapshot();
  });

  test("one targeted reservation in 1a, none in 1b; a spot-only pool on the 1b subnet with max_size 1 and max price ≥ 0.05", () => {
    const json = synthJson(build(BASELINE).stack);
    const reservations = Object.values(json.resource?.aws_ec2_capacity_reservation ?? {});
    expect(reservations.map((r) => [r.availability_zone, r.instance_count, r.instance_match_criteria, r.end_date_type])).toEqual([
      ["us-east-1a", 1, "targeted", "unlimited"],
    ]);
    const asg = only(json, "aws_autoscaling_group") as {
      max_size: number;
      min_size: number;
      vpc_zone_identifier: string[];
      capacity_rebalance: boolean;
      mixed_instances_policy: { instances_distribution: Record<string, unknown> };
      tag: { key: string; value: string }[];
    };
    expect(asg.max_size).toBe(1);
    expect(asg.min_size).toBe(0);
    expect(asg.vpc_zone_identifier).toEqual(["subnet-b"]);
    expect(asg.capacity_rebalance).toBe(true);
    const d = asg.mixed_instances_policy.instances_distribution;
    expect(d).toMatchObject({
      on_demand_base_capacity: 0,
      on_demand_percentage_above_base_capacity: 0,
      spot_allocation_strategy: "price-capacity-optimized",
    });
    expect(Number(d.spot_max_price)).toBeGreaterThanOrEqual(0.05);
    expect(Object.fromEntries(asg.tag.map((t) => [t.key, t.value]))).toMatchObject({
      "resilience:role": "contingency",
      "resilience:contingency-for": "Head",
      "resilience:designated-count": "1",
    });
    const rule = only(json, "aws_cloudwatch_event_rule");
    expect(JSON.parse(String(rule.event_pattern))["detail-type"]).toContain("EC2 Spot Instance Interruption Warning");
    const output = json.output?.contingency_designations_Head;
    expect(JSON.parse(String(output?.value))).toMatchObject({
      primaryAvailabilityZone: "us-east-1a",
      contingencyAvailabilityZone: "us-east-1b",
      designatedCount: 1,
      mode: "count",
    });
  });

  test("the queue only accepts messages from its own rule, and is encrypted", () => {
    const json = synthJson(build(BASELINE).stack);
    expect(only(json, "aws_sqs_queue").sqs_managed_sse_enabled).toBe(true);
    const policy = JSON.parse(String(only(json, "aws_sqs_queue_policy").policy));
    expect(policy.Statement[0].Condition.ArnEquals["aws:SourceArn"]).toMatch(/aws_cloudwatch_event_rule\.Head_InterruptionRule/);
  });

  test("one error lists the zone, the count and the bid, each with path, field, value and fix; nothing is synthesized", () => {
    const stack = newStack();
    const e = thrown(
      () =>
        new ContingencyCapacity(stack, "Head", {
          ...BASELINE,
          contingencyAvailabilityZone: "us-east-1a",
          contingencySubnets: [{ subnetId: "subnet-a", availabilityZone: "us-east-1a" }],
          designatedCount: 0,
          minimumBidPerHour: -1,
        }),
    );
    expect(e.problems.map((p) => p.field).sort()).toEqual(["contingencyAvailabilityZone", "designatedCount", "minimumBidPerHour"]);
    const lines = e.message.split("\n").slice(1);
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line).toMatch(/^- \[test\/Head\] \w+: .*\(got .+\).*\. Fix: .+/);
    expect(e.message).toContain('(got "us-east-1a")');
    expect(e.message).toContain("(got 0)");
    expect(e.message).toContain("(got -1)");
    // The constructor threw before creating any resource: a synth of the stack holds none of them.
    const json = synthJson(stack, { validations: false });
    for (const type of ["aws_ec2_capacity_reservation", "aws_autoscaling_group", "aws_launch_template", "aws_sqs_queue"])
      expect(json.resource?.[type]).toBeUndefined();
    expect(json.output).toBeUndefined();
  });

  test.each([
    ["contingency in the primary zone", { contingencyAvailabilityZone: "us-east-1a" }, "resilience:contingency-in-primary-az"],
    ["contingency in another region", { contingencyAvailabilityZone: "us-west-2b" }, "resilience:contingency-other-region"],
    [
      "a spot subnet outside the designated zone",
      { contingencySubnets: [{ subnetId: "subnet-c", availabilityZone: "us-east-1c" }] },
      "resilience:contingency-subnet-zone",
    ],
  ])("%s fails synth with the rule's message", (_name, change, id) => {
    const { stack } = build({ ...BASELINE, ...change });
    expect(() => synth(stack)).toThrow(/ContingencyCapacity 'test\/Head' failed validation/);
    expect(id).toMatch(/^resilience:contingency-/);
  });

  test("fewer designated than primary instances warns, and the warning can be acknowledged", () => {
    const { stack, capacity } = build({ ...BASELINE, primaryCount: 2, designatedCount: 1 });
    synth(stack);
    expect(warningsOf(capacity).join("\n")).toMatch(/1 designated for 2 primary instances/);
    const acked = build({ ...BASELINE, primaryCount: 2, designatedCount: 1 });
    Acknowledge.of(acked.capacity).add("resilience:contingency-smaller-than-primary", "batch head node, half the capacity is enough");
    synth(acked.stack);
    expect(warningsOf(acked.capacity)).toEqual([]);
  });

  test("the runtime reads 1 reserved in 1a and a spot pool of at most 1 in 1b", () => {
    const stack = newStack();
    const subnet = new Subnet(stack, "B", { vpcId: "vpc-1", availabilityZone: "us-east-1b", cidrBlock: "10.0.1.0/24" });
    new ContingencyCapacity(stack, "Head", { ...BASELINE, contingencySubnets: [{ subnetId: subnet.id, availabilityZone: "us-east-1b" }] });
    const t = planFromJson(synthJson(stack), "a3");
    expect(t.capacityReservations.map((r) => [r.availabilityZone, r.instanceCount, r.matchCriteria, r.role])).toEqual([
      ["us-east-1a", 1, "targeted", "primary-capacity"],
    ]);
    expect(t.autoScalingGroups.map((g) => [g.zones, g.maxSize, g.role, g.mixed?.onDemandPercentAboveBase])).toEqual([
      [["us-east-1b"], 1, "contingency", 0],
    ]);
  });

  test("property: any valid counts and bid give max_size = designated ≤ what can be revoked, and one reservation in the primary zone only", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.constantFrom("b", "c", "d"),
        (primary, designated, bidMicros, zone) => {
          const az = `us-east-1${zone}`;
          const bid = bidMicros / 1_000_000;
          const json = synthJson(
            build({
              ...BASELINE,
              primaryCount: primary,
              designatedCount: designated,
              minimumBidPerHour: bid,
              contingencyAvailabilityZone: az,
              contingencySubnets: [{ subnetId: "s", availabilityZone: az }],
            }).stack,
          );
          const reservations = Object.values(json.resource?.aws_ec2_capacity_reservation ?? {});
          const asg = only(json, "aws_autoscaling_group") as {
            max_size: number;
            mixed_instances_policy: { instances_distribution: { spot_max_price: string } };
          };
          return (
            reservations.length === 1 &&
            reservations[0]?.availability_zone === "us-east-1a" &&
            reservations[0]?.instance_count === primary &&
            asg.max_size === designated &&
            Number(asg.mixed_instances_policy.instances_distribution.spot_max_price) >= bid
          );
        },
      ),
      { numRuns: 25 },
    );
  });

  test("isContingencyCapacity recognizes the construct by brand", () => {
    const { capacity } = build(BASELINE);
    expect(ContingencyCapacity.isContingencyCapacity(capacity)).toBe(true);
    expect(ContingencyCapacity.isContingencyCapacity({})).toBe(false);
  });

  describe("designation modes", () => {
    const NAMED = ["i-0abc12345def67890", "h-0123456789abcdef0"];
    const slice = (props: ContingencyCapacityProps) => {
      const json = synthJson(build(props).stack);
      return { reservations: json.resource?.aws_ec2_capacity_reservation, output: json.output?.contingency_designations_Head };
    };

    test("named mode: the output lists the designated instances, and the pool never holds more than them", () => {
      expect(slice({ ...BASELINE, designatedCount: undefined, designationMode: "named", designatedInstances: NAMED })).toMatchSnapshot();
      const json = synthJson(
        build({ ...BASELINE, designatedCount: undefined, designationMode: "named", designatedInstances: NAMED }).stack,
      );
      expect((only(json, "aws_autoscaling_group") as { max_size: number }).max_size).toBe(2);
      expect(JSON.parse(String(json.output?.contingency_designations_Head?.value))).toMatchObject({
        mode: "named",
        designatedCount: 2,
        designatedInstances: NAMED,
      });
    });

    test("interruptible-reservation mode: a targeted reservation of the designated count in the contingency zone, tagged as contingency", () => {
      expect(slice({ ...BASELINE, designatedCount: 2, designationMode: "interruptible-reservation" })).toMatchSnapshot();
      const reservations = Object.values(
        synthJson(build({ ...BASELINE, designatedCount: 2, designationMode: "interruptible-reservation" }).stack).resource
          ?.aws_ec2_capacity_reservation ?? {},
      );
      expect(
        reservations.map((r) => [
          r.availability_zone,
          r.instance_count,
          r.instance_match_criteria,
          (r.tags as Record<string, string>)["resilience:role"],
        ]),
      ).toEqual([
        ["us-east-1a", 1, "targeted", "primary-capacity"],
        ["us-east-1b", 2, "targeted", "contingency"],
      ]);
    });

    test("every mode loads back: the runtime reads the mode, the count and the named instances from the plan", () => {
      for (const [props, mode, count] of [
        [BASELINE, "count", 1],
        [{ ...BASELINE, designatedCount: undefined, designationMode: "named" as const, designatedInstances: NAMED }, "named", 2],
        [{ ...BASELINE, designatedCount: 2, designationMode: "interruptible-reservation" as const }, "interruptible-reservation", 2],
      ] as const) {
        const stack = newStack();
        const subnet = new Subnet(stack, "B", { vpcId: "vpc-1", availabilityZone: "us-east-1b", cidrBlock: "10.0.1.0/24" });
        new ContingencyCapacity(stack, "Head", { ...props, contingencySubnets: [{ subnetId: subnet.id, availabilityZone: "us-east-1b" }] });
        const [d] = planFromJson(synthJson(stack), "modes").contingencyDesignations;
        expect(d).toMatchObject({ mode, designatedCount: count, source: "output" });
        expect(d?.designatedInstances).toEqual(mode === "named" ? NAMED : undefined);
        expect(d?.reservation !== undefined).toBe(mode === "interruptible-reservation");
      }
    });

    test("one error lists every named-mode problem with the zone and the bid problems, each with path, field, value and fix", () => {
      const e = thrown(
        () =>
          new ContingencyCapacity(newStack(), "Head", {
            ...BASELINE,
            contingencyAvailabilityZone: "us-east-1a",
            contingencySubnets: [{ subnetId: "subnet-a", availabilityZone: "us-east-1a" }],
            designationMode: "named",
            designatedInstances: ["i-0abc12345def67890", "i-0abc12345def67890", "db-host-1"],
            designatedCount: 2,
            minimumBidPerHour: 0,
          }),
      );
      expect(e.problems.map((p) => p.field).sort()).toEqual([
        "contingencyAvailabilityZone",
        "designatedCount",
        "designatedInstances",
        "designatedInstances[2]",
        "minimumBidPerHour",
      ]);
      for (const line of e.message.split("\n").slice(1)) expect(line).toMatch(/^- \[test\/Head\] [\w.[\]]+: .*\(got .+\).*\. Fix: .+/);
    });

    test.each([
      [
        "named mode without instances",
        { designationMode: "named" as const },
        /named mode designates specific instances or hosts, but none are listed \(got none\)/,
      ],
      [
        "instances without named mode",
        { designatedInstances: ["i-0abc12345def67890"] },
        /designatedInstances are listed but the mode is count/,
      ],
      [
        "a count that disagrees with the list",
        { designationMode: "named" as const, designatedInstances: ["i-0abc12345def67890"], designatedCount: 3 },
        /designatedCount says otherwise \(got 3\)/,
      ],
      [
        "an instance listed twice",
        {
          designationMode: "named" as const,
          designatedInstances: ["i-0abc12345def67890", "i-0abc12345def67890"],
          designatedCount: undefined,
        },
        /designated twice.*i-0abc12345def67890/,
      ],
    ])("%s fails synth with the rule's message", (_name, change, message) => {
      const { stack } = build({ ...BASELINE, ...change });
      expect(() => synth(stack)).toThrow(message);
    });

    test("property: in every mode max_size = the designated count, and a reservation sits in the contingency zone only in interruptible-reservation mode", () => {
      fc.assert(
        fc.property(
          fc.constantFrom("count", "named", "interruptible-reservation"),
          fc.uniqueArray(fc.stringMatching(/^[0-9a-f]{17}$/), { minLength: 1, maxLength: 6 }),
          fc.integer({ min: 1, max: 20 }),
          (mode, hex, n) => {
            const ids = hex.map((h) => `i-${h}`);
            const props: ContingencyCapacityProps =
              mode === "named"
                ? { ...BASELINE, designatedCount: undefined, designationMode: mode, designatedInstances: ids }
                : { ...BASELINE, designatedCount: n, designationMode: mode };
            const json = synthJson(build(props).stack);
            const designated = mode === "named" ? ids.length : n;
            const inB = Object.values(json.resource?.aws_ec2_capacity_reservation ?? {}).filter(
              (r) => r.availability_zone === "us-east-1b",
            );
            return (
              (only(json, "aws_autoscaling_group") as { max_size: number }).max_size === designated &&
              inB.length === (mode === "interruptible-reservation" ? 1 : 0) &&
              inB.every((r) => r.instance_count === designated)
            );
          },
        ),
        { numRuns: 20 },
      );
    });
  });
});
