import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { planFromJson } from "./load-plan";
import { isPlanError } from "./plan-error";

interface Policy {
  name: string;
  tier: string;
  policy: { az: Record<string, unknown> } & Record<string, Record<string, unknown>>;
}
interface Doc {
  provider: { aws: Record<string, unknown>[] };
  variable: Record<string, unknown>;
  resource: {
    aws_rds_cluster: { this: Record<string, unknown> };
    aws_resiliencehub_resiliency_policy: { shop: Policy } & Record<string, Policy>;
  };
}

/** The hand-written Aurora plan with a policy of our own, and its cluster tagged with the policy's name. */
function plan(edit: (doc: Doc) => void = () => {}): Doc {
  const doc = JSON.parse(readFileSync("test/fixtures/hand-written-aurora.tf.json", "utf8")) as Doc;
  doc.resource.aws_rds_cluster.this.tags = { "resilience:policy": "shop-critical" };
  doc.resource.aws_resiliencehub_resiliency_policy = {
    shop: {
      name: "shop-critical",
      tier: "Critical",
      policy: { az: { rto: "5m", rpo: "0s" }, hardware: { rto: "2m", rpo: "0s" }, software: { rto: "1m0s", rpo: "0" } },
    },
  };
  edit(doc);
  return doc;
}

function problems(doc: unknown): string[] {
  try {
    planFromJson(doc);
  } catch (e) {
    if (isPlanError(e)) return e.message.split("\n").filter((l) => l.startsWith("- "));
    throw e;
  }
  throw new Error("expected the plan to be refused");
}

describe("a resiliency policy in a plan", () => {
  test("is read as AWS holds it, and governs the database whose resilience:policy tag names it", () => {
    const t = planFromJson(plan());
    expect(t.resiliencePolicies).toEqual([
      {
        address: "aws_resiliencehub_resiliency_policy.shop",
        name: "shop-critical",
        tier: "Critical",
        objectives: {
          software: { rtoMs: 60_000, rpoMs: 0, rto: "1m0s", rpo: "0" },
          hardware: { rtoMs: 120_000, rpoMs: 0, rto: "2m", rpo: "0s" },
          az: { rtoMs: 300_000, rpoMs: 0, rto: "5m", rpo: "0s" },
        },
        governs: ["aws_rds_cluster.this"],
      },
    ]);
    expect(t.opaque.map((o) => o.type)).not.toContain("aws_resiliencehub_resiliency_policy");
  });

  test("a plan without one has no resiliencePolicies field (its topology is as before)", () => {
    const doc = JSON.parse(readFileSync("test/fixtures/hand-written-aurora.tf.json", "utf8"));
    expect("resiliencePolicies" in planFromJson(doc)).toBe(false);
  });

  test("the region block is read when the plan sets it; policy blocks written as lists (cdktf's shape) read the same", () => {
    const t = planFromJson(
      plan((d) => {
        const p = d.resource.aws_resiliencehub_resiliency_policy.shop;
        (p as { policy: unknown }).policy = [{ ...p.policy, region: [{ rto: "4h", rpo: "15m" }] }];
      }),
    );
    expect(t.resiliencePolicies?.[0]?.objectives.region).toEqual({ rtoMs: 14_400_000, rpoMs: 900_000, rto: "4h", rpo: "15m" });
  });

  test("the tag is read through the provider's default_tags, as AWS holds it", () => {
    const doc = plan((d) => {
      d.resource.aws_rds_cluster.this.tags = undefined;
    });
    doc.provider.aws[0] = {
      region: "eu-west-1",
      default_tags: { tags: { "resilience:policy": "shop-critical" } },
    };
    expect(planFromJson(doc).resiliencePolicies?.[0]?.governs).toEqual(["aws_rds_cluster.this"]);
  });

  const base = "$.resource.aws_resiliencehub_resiliency_policy.shop";
  test.each([
    [
      "a tier Resilience Hub does not know",
      (d: Doc) => {
        d.resource.aws_resiliencehub_resiliency_policy.shop.tier = "Gold";
      },
      `- ${base}.tier: found "Gold"; expected one of MissionCritical, Critical, Important, CoreServices, NonCritical, NotApplicable`,
    ],
    [
      "a name the provider refuses",
      (d: Doc) => {
        d.resource.aws_resiliencehub_resiliency_policy.shop.name = "-shop";
        d.resource.aws_rds_cluster.this.tags = { "resilience:policy": "-shop" };
      },
      `- ${base}.name: found "-shop"; expected 2 to 60 characters: letters, digits, _ and -, starting with a letter or digit`,
    ],
    [
      "a missing required block",
      (d: Doc) => {
        delete d.resource.aws_resiliencehub_resiliency_policy.shop.policy.hardware;
      },
      `- ${base}.policy.hardware: is missing; expected a hardware block with rto and rpo (Go durations, e.g. rto = "5m", rpo = "0s")`,
    ],
    [
      "an RTO that is not a Go duration",
      (d: Doc) => {
        d.resource.aws_resiliencehub_resiliency_policy.shop.policy.az.rto = "5 minutes";
      },
      `- ${base}.policy.az.rto: found "5 minutes"; expected a Go duration, not negative: a number and a unit (ns, us, ms, s, m, h), e.g. "30s", "1h0m0s"`,
    ],
    [
      "a tag naming a policy the plan does not hold",
      (d: Doc) => {
        d.resource.aws_rds_cluster.this.tags = { "resilience:policy": "shop" };
      },
      `- $.resource.aws_rds_cluster.this.tags["resilience:policy"]: names policy "shop", which the plan does not hold; expected the name of an aws_resiliencehub_resiliency_policy of the plan (shop-critical)`,
    ],
    [
      "two policies of one name",
      (d: Doc) => {
        const p = d.resource.aws_resiliencehub_resiliency_policy;
        p.again = { ...p.shop };
      },
      `- $.resource.aws_resiliencehub_resiliency_policy.again.name: "shop-critical" is also the name of aws_resiliencehub_resiliency_policy.shop, so a resilience:policy tag naming it is ambiguous; expected a name no other aws_resiliencehub_resiliency_policy of the plan has`,
    ],
  ])("%s is refused with the attribute's path, the value and the fix", (_, edit, line) => {
    expect(problems(plan(edit))).toEqual([line]);
  });

  test("every problem is reported at once", () => {
    const doc = plan((d) => {
      const p = d.resource.aws_resiliencehub_resiliency_policy.shop;
      p.tier = "Gold";
      delete p.policy.software;
      d.resource.aws_rds_cluster.this.tags = { "resilience:policy": "nope" };
    });
    expect(problems(doc)).toHaveLength(3);
  });

  test("an objective the plan leaves to a variable without default is refused, not guessed", () => {
    const doc = plan((d) => {
      d.resource.aws_resiliencehub_resiliency_policy.shop.policy.az.rto = "${var.rto}";
    });
    doc.variable.rto = { type: "string" };
    expect(problems(doc)).toEqual([
      `- ${base}.policy.az.rto: is known only after apply; expected a duration the plan fixes (a literal, or a variable with a default)`,
    ]);
  });
});
