import { describe, expect, test } from "vitest";
import { planFromJson } from "../../runtime/plan";
import { MINIMAL, newStack, only } from "../../test/helpers/databases";
import { MultiAzDatabase, type MultiAzDatabaseProps, ResiliencePolicy, type ResiliencePolicyProps } from "..";
import { resourcesOfType, synthJson } from "../testing";

const TARGETS = {
  tier: "Critical",
  software: { rto: "1m", rpo: "0s" },
  hardware: { rto: "2m", rpo: "0s" },
  az: { rto: "30s", rpo: "0s" },
} satisfies ResiliencePolicyProps;

function withPolicy(props: Partial<ResiliencePolicyProps> = {}, dbProps: MultiAzDatabaseProps = MINIMAL.aurora) {
  const stack = newStack();
  const db = new MultiAzDatabase(stack, "Orders", dbProps);
  const policy = new ResiliencePolicy(stack, "Objectives", { ...TARGETS, databases: [db], ...props } as ResiliencePolicyProps);
  return { stack, db, policy };
}

describe("ResiliencePolicy", () => {
  test("synthesizes aws_resiliencehub_resiliency_policy with the provider's blocks: software, hardware and az, each with rto and rpo", () => {
    const json = synthJson(withPolicy({ policyName: "orders-critical" }).stack);
    // The AWS provider's documented shape (registry.terraform.io, resiliencehub_resiliency_policy):
    // name, tier, and one policy block holding az, hardware, software (and optionally region) blocks.
    const r = only(json, "aws_resiliencehub_resiliency_policy");
    expect(r).toMatchObject({
      name: "orders-critical",
      tier: "Critical",
      policy: [
        {
          software: [{ rto: "1m", rpo: "0s" }],
          hardware: [{ rto: "2m", rpo: "0s" }],
          az: [{ rto: "30s", rpo: "0s" }],
        },
      ],
    });
    expect((r.policy as Record<string, unknown>[])[0]).not.toHaveProperty("region");
    expect((r.policy as Record<string, unknown>[])[0]).not.toHaveProperty("software_attribute");
  });

  test("a region target and the data location go where the provider takes them", () => {
    const json = synthJson(
      withPolicy({ region: { rto: "4h", rpo: "15m" }, dataLocationConstraint: "SameCountry", description: "orders" }).stack,
    );
    const r = only(json, "aws_resiliencehub_resiliency_policy");
    expect(r).toMatchObject({
      data_location_constraint: "SameCountry",
      description: "orders",
      policy: [{ region: [{ rto: "4h", rpo: "15m" }] }],
    });
  });

  test("each governed database's own resource carries resilience:policy = the policy's name, next to its other tags", () => {
    const json = synthJson(withPolicy({ policyName: "orders-critical" }).stack);
    expect(only(json, "aws_rds_cluster").tags).toMatchObject({ "resilience:policy": "orders-critical", "resilience:topology": "Orders" });
  });

  test.each([
    ["aws_rds_cluster", MINIMAL.multiAzCluster],
    ["aws_redshift_cluster", MINIMAL.redshift],
    ["aws_elasticache_replication_group", MINIMAL.elasticache],
  ] as const)("tags %s for its engine", (type, dbProps) => {
    const json = synthJson(withPolicy({ policyName: "p1" }, dbProps).stack);
    expect(only(json, type).tags).toMatchObject({ "resilience:policy": "p1" });
  });

  test("govern() adds a database later; governing one twice is one tag", () => {
    const { stack, policy } = withPolicy({ databases: [] });
    const other = new MultiAzDatabase(stack, "Ledger", { ...MINIMAL.aurora });
    policy.govern(other).govern(other);
    expect(policy.databases).toEqual([other]);
    const clusters = Object.entries(resourcesOfType(synthJson(stack), "aws_rds_cluster"));
    const policyOf = Object.fromEntries(
      clusters.map(([k, c]) => [k.split("_")[0], (c.tags as Record<string, string>)["resilience:policy"] ?? null]),
    );
    expect(policyOf).toEqual({ Orders: null, Ledger: policy.policyName });
  });

  test("the name defaults to one derived from the construct path, within Resilience Hub's 60 characters", () => {
    const { policy } = withPolicy();
    expect(policy.policyName).toBe("test-objectives");
    expect(ResiliencePolicy.isResiliencePolicy(policy)).toBe(true);
  });

  test("the runtime reads back what the construct wrote: the targets in ms (Go duration semantics) and the database governed", () => {
    const json = synthJson(withPolicy({ policyName: "orders-critical", region: { rto: "1h30m", rpo: "5m" } }).stack);
    const t = planFromJson(json, "test");
    const [policy] = t.resiliencePolicies ?? [];
    expect(policy?.governs).toEqual([t.databases[0]?.address]);
    // 1m = 60 s, 30s, 1h30m = 5,400 s, 5m = 300 s: Go's time.ParseDuration.
    expect(policy?.objectives).toMatchObject({
      software: { rtoMs: 60_000, rpoMs: 0 },
      hardware: { rtoMs: 120_000 },
      az: { rtoMs: 30_000 },
      region: { rtoMs: 5_400_000, rpoMs: 300_000 },
    });
  });

  test.each([
    [{ tier: "Gold" }, "tier: invalid option"],
    [
      { az: { rto: "5 minutes", rpo: "0s" } },
      "az.rto: must be a Go duration: a number and a unit (s, m, h), not negative (got \"5 minutes\"). Fix: write it like '30s', '5m' or '1h30m'",
    ],
    [{ software: { rto: "-1m", rpo: "0s" } }, "software.rto: must be a Go duration"],
    [
      { hardware: { rto: "1m", rpo: "500ms" } },
      'hardware.rpo: must be whole seconds: Resilience Hub keeps RTO and RPO in seconds (got "500ms"). Fix: round it to whole seconds',
    ],
    [{ policyName: "-bad" }, "policyName: must be 2–60 letters, digits, '_' or '-', starting with a letter or digit (got \"-bad\")"],
    [{ policyName: "x".repeat(61) }, "policyName: must be 2–60 letters"],
    [{ dataLocationConstraint: "Mars" }, "dataLocationConstraint: invalid option"],
    [{ databases: ["db-1"] }, "databases[0]: must be a MultiAzDatabase"],
    [{ az: undefined }, "az: "],
  ])("refuses %j at once, naming the field, the value and the fix", (bad, message) => {
    expect(() => withPolicy(bad as Partial<ResiliencePolicyProps>)).toThrow(`[test/Objectives] ${message}`);
  });
});
