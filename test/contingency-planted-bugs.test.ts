/**
 * Contingency capacity's known bugs, planted again through the internal mutants switch, are each
 * found by the invariant named beside it; the same runs without the bug hold. The scenarios are the
 * ones that reach each path in `emulate` and `campaign` (not only in unit tests).
 */
import { describe, expect, test } from "vitest";
import { parsePlan } from "../runtime";
import { emulateInternal } from "../runtime/emulation/emulate";
import { synthExample } from "./helpers/examples";

const contingency = parsePlan(synthExample("contingency"), "contingency/cdk.tf.json");
const SEEDS = [1, 2, 3];

const run = (scenario: string, seed: number, mutants: readonly string[] = []) =>
  emulateInternal({ topology: contingency, scenario, seed, profile: "fast", mutants }).result;
const failing = (r: ReturnType<typeof run>) => r.invariants.filter((i) => !i.ok).map((i) => i.id);

describe("contingency capacity: planted bugs are found, unplanted runs hold", () => {
  test.each(["az-outage", "spot-price-spike", "head-node-failure", "contingency-supplement", "lease-downgrade"])(
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
});
