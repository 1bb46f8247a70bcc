/**
 * Contingency capacity's known bugs, planted again through the internal mutants switch, are each
 * found by the invariant named beside it; the same runs without the bug hold. The scenarios are the
 * ones that reach each path in `emulate` and `campaign` (not only in unit tests).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parsePlan } from "../runtime";
import { runCampaignInternal } from "../runtime/campaign/campaign";
import { emulateInternal } from "../runtime/emulation/emulate";
import { synthExample } from "./helpers/examples";

const contingency = parsePlan(synthExample("contingency"), "contingency/cdk.tf.json");
const SEEDS = [1, 2, 3];

const run = (scenario: string, seed: number, mutants: readonly string[] = []) =>
  emulateInternal({ topology: contingency, scenario, seed, profile: "fast", mutants }).result;
const failing = (r: ReturnType<typeof run>) => r.invariants.filter((i) => !i.ok).map((i) => i.id);

describe("contingency capacity: planted bugs are found, unplanted runs hold", () => {
  test.each(["az-outage", "spot-price-spike", "head-node-failure", "contingency-supplement", "lease-downgrade", "second-failover"])(
    "%s on the contingency example holds on seeds 1–3, judged (not 'not judged')",
    (scenario) => {
      for (const seed of SEEDS) {
        const r = run(scenario, seed);
        expect({ seed, failing: failing(r), verdict: r.verdict }).toEqual({ seed, failing: [], verdict: "held" });
      }
    },
  );

  test.each([
    // A failover that claims its designated capacity but never revokes the leases on it: the lessee
    // keeps the slot, the replacement lands on general capacity, and the cloud shows it.
    ["contingency.skipRevoke", "az-outage", "contingency/replacement-on-designated-capacity"],
    ["contingency.skipRevoke", "lease-downgrade", "contingency/replacement-on-designated-capacity"],
    // The head volume's copies accept any epoch: the deposed head's write lands when it wakes up.
    ["contingency.noVolumeFence", "az-outage", "contingency/one-writer"],
    // An outbid lease never revoked in the cloud: its tenant keeps running on designated capacity.
    ["contingency.noOutbidRevoke", "spot-price-spike", "contingency/lease-only-while-bid-holds"],
    // A lease billed at the tenant's bid instead of the spot price: the market's price history says otherwise.
    ["contingency.leaseAtBid", "az-outage", "contingency/billing-matches-usage"],
    // The roles swap stops the old primary but leaves the designation beside the new one: the cloud
    // still holds the service's designated capacity in the zone its primary now runs in.
    ["contingency.noRedesignate", "second-failover", "contingency/zone-apart-from-primary"],
  ])("%s on %s is found by %s in every one of seeds 1–3", (mutant, scenario, invariant) => {
    for (const seed of SEEDS) {
      const r = run(scenario, seed, [mutant]);
      expect({ seed, verdict: r.verdict, failing: failing(r) }).toEqual({ seed, verdict: "violated", failing: [invariant] });
    }
  });

  test.each(["spot-price-spike", "head-node-failure", "contingency-supplement", "lease-downgrade"])(
    "%s on a plan without contingency capacity says 'not judged', never 'held'",
    (scenario) => {
      const aurora = parsePlan(synthExample("aurora-postgres"), "aurora-postgres/cdk.tf.json");
      const r = emulateInternal({ topology: aurora, scenario, seed: 1, profile: "fast" }).result;
      expect(r.verdict).toBe("not-judged");
      expect(r.notJudged).toMatch(/nothing to emulate|resolved to no resource/);
    },
  );

  test("a campaign over the contingency example reaches every contingency rare path, with no violation", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "contingency-")), "contingency");
    mkdirSync(dir);
    writeFileSync(join(dir, "cdk.tf.json"), synthExample("contingency"));
    const scenarios = [
      "az-outage",
      "spot-price-spike",
      "head-node-failure",
      "contingency-supplement",
      "lease-downgrade",
      "second-failover",
    ];
    const s = await runCampaignInternal({ plans: [dir], scenarios, seeds: 2, profile: "fast", parallel: 1 });
    expect(s.violations).toBe(0);
    expect(s.notJudged).toBe(0);
    const points = Object.entries(s.coverage).filter(([id]) => id.startsWith("contingency: "));
    expect(points.map(([id]) => id).sort()).toEqual([
      "contingency: a failover revoked a lease on its designated capacity",
      "contingency: a lease downgraded to less notice",
      "contingency: a lease outbid by the spot price",
      "contingency: a node-only failover in the healthy primary zone",
      "contingency: a second failover launched into the re-designated old primary's capacity",
      "contingency: a supplement beside a serving primary",
      "contingency: roles swapped after a failover",
    ]);
    for (const [id, p] of points) expect({ id, reached: p.hits > 0 }).toEqual({ id, reached: true });
  });
});
