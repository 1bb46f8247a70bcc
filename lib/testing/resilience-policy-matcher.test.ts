import { describe, expect, test } from "vitest";
import "./setup";
import { EXAMPLES } from "../../examples";
import { Testing } from "../private/cdktf";
import { synthJson } from "./synth";

const auroraJson = () => synthJson(EXAMPLES.find((e) => e.name === "aurora-postgres")?.create(Testing.app()) as never);

describe("toMeetResiliencePolicy", () => {
  test("passes for the Aurora example as built, strict too (every target of its policy measured); with a region target, which one region cannot meet, --strict's rule fails", async () => {
    const plan = auroraJson();
    await expect(plan).toMeetResiliencePolicy({ seeds: 2 });
    await expect(plan).toMeetResiliencePolicy({ seeds: 2, strict: true });
    const withRegion = auroraJson() as { resource: Record<string, Record<string, { policy: Record<string, unknown>[] }>> };
    for (const p of Object.values(withRegion.resource.aws_resiliencehub_resiliency_policy ?? {}))
      (p.policy[0] as Record<string, unknown>).region = [{ rto: "1h", rpo: "5m" }];
    await expect(withRegion).toMeetResiliencePolicy({ seeds: 2 });
    await expect(expect(withRegion).toMeetResiliencePolicy({ seeds: 2, strict: true })).rejects.toThrow(/region: not assessed/);
  }, 180_000);

  test("fails with the breach and its replay command when the zone target is tightened below what a failover takes", async () => {
    const plan = auroraJson() as { resource: Record<string, Record<string, { policy: { az: { rto: string }[] }[] }>> };
    for (const p of Object.values(plan.resource.aws_resiliencehub_resiliency_policy ?? {}))
      (p.policy[0] as { az: { rto: string }[] }).az[0] = { rto: "5s", rpo: "0s" } as never;
    await expect(expect(plan).toMeetResiliencePolicy({ seeds: 2 })).rejects.toThrow(
      /az: RTO max \d+ ms \(target 5s\).*replay: cdktf-resilience replay .* --scenario az-outage --seed \d/,
    );
  }, 120_000);
});
