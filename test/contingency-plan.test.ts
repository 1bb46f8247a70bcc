import { describe, expect, test } from "vitest";
import { ContingencyStack } from "../examples/contingency";
import { Testing } from "../lib/private/cdktf";
import { synth } from "../lib/testing";
import { emulate } from "../runtime/emulation";
import { planFromJson } from "../runtime/plan/load-plan";
import { isPlanError } from "../runtime/plan/plan-error";

type Json = {
  resource: Record<string, Record<string, Record<string, unknown>>>;
  output: Record<string, { value: unknown }>;
};

/** The contingency example's cdk.tf.json, to be edited the way a hand (or a bad merge) would. */
function example(): Json {
  return JSON.parse(synth(new ContingencyStack(Testing.app(), "contingency")));
}
const pool = (j: Json) =>
  Object.values(j.resource.aws_autoscaling_group ?? {})[0] as { max_size: number; tag: { key: string; value: string }[] };
const designation = (j: Json) => JSON.parse(String(j.output.contingency_designations_HeadNode?.value));
const setDesignation = (j: Json, change: Record<string, unknown>) => {
  (j.output.contingency_designations_HeadNode as { value: unknown }).value = JSON.stringify({ ...designation(j), ...change });
};
const setTag = (j: Json, key: string, value: string | undefined) => {
  const p = pool(j);
  p.tag = p.tag.filter((t) => t.key !== key);
  if (value !== undefined) p.tag.push({ key, value });
};

function problems(j: unknown): string[] {
  try {
    planFromJson(j, "plan");
  } catch (e) {
    if (isPlanError(e)) return e.problems.map((p) => `${p.path}: ${p.message}; expected ${p.expected}`);
    throw e;
  }
  return [];
}

describe("contingency designations in the plan", () => {
  test("the example's designation is read from its output: count mode, 1 designated in 1b for the 1a primary", () => {
    const t = planFromJson(example(), "plan");
    expect(t.contingencyDesignations).toEqual([
      expect.objectContaining({
        output: "contingency_designations_HeadNode",
        source: "output",
        topology: "HeadNode",
        mode: "count",
        primaryAvailabilityZone: "us-east-1a",
        contingencyAvailabilityZone: "us-east-1b",
        designatedCount: 1,
        spotPool: "HeadNode-contingency",
      }),
    ]);
    expect(t.autoScalingGroups[0]?.designatedCount).toBe(1);
  });

  test("a tag that disagrees with the output is refused, naming the pool's tag, both values and the fix", () => {
    const j = example();
    setTag(j, "resilience:designated-count", "2");
    expect(problems(j)).toEqual([
      expect.stringMatching(
        /^\$\.resource\.aws_autoscaling_group\.HeadNode_SpotPool_\w+\.tag: resilience:designated-count is 2 but output contingency_designations_HeadNode designates 1; expected the same count in both \(re-run `cdktf synth`/,
      ),
    ]);
  });

  test("a pool that may lease more than is designated is refused: a failover could not take every lease back", () => {
    const j = example();
    pool(j).max_size = 3;
    expect(problems(j)).toEqual([
      expect.stringMatching(/\.max_size: the pool may lease 3 instances but output .* designates 1.*expected max_size ≤ 1/),
    ]);
  });

  test("every disagreement is listed at once: a bad output next to a bad tag", () => {
    const j = example();
    setTag(j, "resilience:designated-count", "many");
    setDesignation(j, { mode: "hot-standby", designatedCount: 0 });
    const found = problems(j);
    expect(found).toHaveLength(3);
    expect(found.join("\n")).toContain('resilience:designated-count is "many"');
    expect(found.join("\n")).toMatch(/\$\.output\.contingency_designations_HeadNode\.value\.mode: /);
    expect(found.join("\n")).toMatch(/\$\.output\.contingency_designations_HeadNode\.value\.designatedCount: /);
  });

  test("an output that is not JSON, or names a pool the plan lacks, is refused", () => {
    const j = example();
    (j.output.contingency_designations_HeadNode as { value: unknown }).value = "{designated: 1";
    expect(problems(j)).toEqual([expect.stringMatching(/value: is not JSON/)]);
    const k = example();
    setDesignation(k, { spotPool: "Other-contingency" });
    expect(problems(k)).toEqual([expect.stringMatching(/names spot pool "Other-contingency", which no aws_autoscaling_group/)]);
  });

  test("a reservation in the contingency zone is refused outside interruptible-reservation mode, and that mode requires one", () => {
    const j = example();
    const [name, primary] = Object.entries(j.resource.aws_ec2_capacity_reservation ?? {})[0] as [string, Record<string, unknown>];
    (j.resource.aws_ec2_capacity_reservation as Record<string, unknown>)[`${name}_b`] = { ...primary, availability_zone: "us-east-1b" };
    expect(problems(j)).toEqual([expect.stringMatching(/_b: a capacity reservation of HeadNode in the contingency zone us-east-1b/)]);
    const k = example();
    setDesignation(k, { mode: "interruptible-reservation" });
    expect(problems(k)).toEqual([
      expect.stringMatching(/value\.mode: interruptible-reservation mode, but no aws_ec2_capacity_reservation/),
    ]);
  });

  test("a hand-written plan with the tag and no output is read in count mode from the tag", () => {
    const j = example();
    delete (j.output as Record<string, unknown>).contingency_designations_HeadNode;
    expect(planFromJson(j, "plan").contingencyDesignations).toEqual([
      expect.objectContaining({ source: "tag", mode: "count", designatedCount: 1, contingencyAvailabilityZone: "us-east-1b" }),
    ]);
  });

  test("the runtime designates what the plan says, not the pool's max_size: a pool of max 0 still has 1 designated", () => {
    const j = example();
    const p = pool(j) as unknown as { max_size: number; desired_capacity: number };
    p.max_size = 0;
    p.desired_capacity = 0;
    const lines: string[] = [];
    emulate({ topology: planFromJson(j, "plan"), scenario: "disk-stall", seed: 1, trace: { sink: (l) => lines.push(l) } });
    expect(lines.find((l) => l.includes(" designated "))).toContain("designated count=1 az=us-east-1b");
  });
});

describe("a reservation that cannot host the service is refused at load", () => {
  /**
   * EC2 launches an instance into a capacity reservation only when its instance type, platform
   * and zone match the reservation's: the head node (a designation's instanceType) cannot use a
   * reservation of another type.
   * @see https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/capacity-reservations-using.html
   */
  test("a primary reservation of another type than the service's: resource, both values and the fix", () => {
    const j = example();
    const [, primary] = Object.entries(j.resource.aws_ec2_capacity_reservation ?? {})[0] as [string, Record<string, unknown>];
    primary.instance_type = "t3.micro";
    expect(problems(j)).toEqual([
      expect.stringMatching(
        /^\$\.resource\.aws_ec2_capacity_reservation\.\w+\.instance_type: the primary reservation holds t3\.micro but output contingency_designations_HeadNode runs the service on r6g\.large, so its head node could not launch on the reservation; expected instance_type = "r6g\.large"/,
      ),
    ]);
  });
});
