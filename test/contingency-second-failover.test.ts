/**
 * The roles swap made real: after a failover into the contingency zone, the old primary's zone comes
 * back and becomes the service's contingency — the mock cloud's designated capacity moves there —
 * so a later failure of the new primary's zone fails over back into it, on designated capacity.
 * Judged from the cloud's own records (reservations, instances, who launched them) and the invariants.
 */
import { describe, expect, test } from "vitest";
import { ContingencyStack } from "../examples/contingency";
import { Testing } from "../lib/private/cdktf";
import { synth } from "../lib/testing";
import { NOTICE } from "../runtime/capacity/notice-policy";
import { contingencyPrincipal } from "../runtime/cloud/ec2/capacity-pools";
import { emulate, registerBuiltIns } from "../runtime/emulation";
import { type ContingencyHandle, contingencyComponent } from "../runtime/emulation/contingency-component";
import { emulateInternal } from "../runtime/emulation/emulate";
import { planFromJson } from "../runtime/plan";
import { EmulationRegistry } from "../runtime/scenarios";
import { holdScenario } from "./helpers/hold-scenario";

const MIN = 60_000;
const HOUR = 60 * MIN;
const POINT = "contingency: a second failover launched into the re-designated old primary's capacity";

/** The contingency example with its spot pool empty, so tenants bid for the designated capacity themselves. */
function plan() {
  const t = planFromJson(JSON.parse(synth(new ContingencyStack(Testing.app(), "contingency"))), "contingency");
  return { ...t, autoScalingGroups: t.autoScalingGroups.map((g) => ({ ...g, desiredCapacity: 0 })) };
}

interface Seen {
  readonly designatedIn: string[];
  readonly blocks: string[];
  readonly primaryReservationState: string | undefined;
}

/** 1a (primary) out at 1 h for 30 min; a tenant bids at 2 h; 1b (the new primary) out at 2 h 10 for 30 min; 3 h in all. */
function twoFailovers(seed: number) {
  const registry = new EmulationRegistry();
  registerBuiltIns(registry);
  let h: ContingencyHandle | undefined;
  const seen: Record<string, Seen> = {};
  let tenant = "";
  let tenantPlacement: { az: string; lifecycle: string; inBlock: boolean }[] = [];
  const snapshot = (label: string, x: ContingencyHandle) => {
    const owner = contingencyPrincipal((x.managers[0] as ContingencyHandle["managers"][0]).svc.service);
    const rs = x.cloud.ec2.pools.reservations;
    seen[label] = {
      designatedIn: rs.filter((r) => r.state === "active" && r.designatedFor?.includes(owner)).map((r) => r.az),
      blocks: rs.filter((r) => r.state === "active" && r.designatedFor?.includes(owner)).map((r) => r.id),
      primaryReservationState: rs[0]?.state,
    };
  };
  registry.registerComponent(
    contingencyComponent({
      notice: NOTICE.awsSpot,
      priceModel: { baseMicros: 60_000, stepMaxMicros: 0, floorMicros: 0, ceilingMicros: 1_000_000 },
      onAttach: (x) => {
        h = x;
        const m = () => x.managers[0] as ContingencyHandle["managers"][0];
        x.env.timers.after(10 * MIN, "test", () => m().tenantBid("T", 80_000));
        x.env.timers.after(HOUR, "test", () => {
          snapshot("before", x);
          x.cloud.zones.losePower("us-east-1a", { forMs: 30 * MIN });
        });
        x.env.timers.after(2 * HOUR, "test", () => {
          snapshot("swapped", x);
          tenant = m().tenantBid("U", 80_000);
        });
        x.env.timers.after(2 * HOUR + 10 * MIN, "test", () => {
          // Where the cloud placed the tenant's spot instance, before the second failover takes it back.
          const block = x.cloud.ec2.pools.reservations.find(
            (r) => r.az === "us-east-1a" && r.designatedFor !== undefined && r.state === "active",
          );
          tenantPlacement = x.cloud.ec2
            .list()
            .filter((i) => i.launchedBy === "tenant:U")
            .map((i) => ({ az: i.az, lifecycle: i.lifecycle, inBlock: i.reservationId !== undefined && i.reservationId === block?.id }));
          x.cloud.zones.losePower("us-east-1b", { forMs: 30 * MIN });
        });
      },
    }),
  );
  registry.registerScenario(holdScenario(3 * HOUR));
  const { result, report } = emulate({ topology: plan(), scenario: "hold", seed, registry });
  return { result, report, h: h as ContingencyHandle, seen, tenant, tenantPlacement };
}

function snapshotEnd(h: ContingencyHandle, seen: Record<string, Seen>): void {
  const owner = contingencyPrincipal((h.managers[0] as ContingencyHandle["managers"][0]).svc.service);
  const live = h.cloud.ec2.pools.reservations.filter((r) => r.state === "active" && r.designatedFor?.includes(owner));
  seen.end = { designatedIn: live.map((r) => r.az), blocks: live.map((r) => r.id), primaryReservationState: undefined };
}

describe("contingency capacity: the roles swap re-designates the old primary's zone", () => {
  test.each([1, 2, 3])(
    "seed %i: 1a fails, 1b serves, 1a returns as contingency, 1b fails, the service runs on designated capacity in 1a",
    (seed) => {
      const { result, report, h, seen, tenant, tenantPlacement } = twoFailovers(seed);
      expect(result.invariants.filter((i) => !i.ok).map((i) => `${i.id}: ${i.firstViolation?.message}`)).toEqual([]);
      const owner = contingencyPrincipal((h.managers[0] as ContingencyHandle["managers"][0]).svc.service);
      // The cloud's designated capacity sat in 1b, and after the swap in 1a only; the old primary's reservation is released.
      expect(seen.before).toMatchObject({ designatedIn: ["us-east-1b"], primaryReservationState: "active" });
      expect(seen.swapped).toMatchObject({ designatedIn: ["us-east-1a"], primaryReservationState: "cancelled" });
      const blockA = seen.swapped?.blocks[0];
      // A tenant after the swap leases the new block: a spot instance inside it, in 1a.
      expect(tenant).toBe("leased");
      expect(tenantPlacement).toEqual([{ az: "us-east-1a", lifecycle: "spot", inBlock: true }]);
      const spot = h.cloud.ec2.list().filter((i) => i.launchedBy === "tenant:U");
      // The second failover: an on-demand instance of the service, launched after 1b failed, in 1a's designated block.
      const second = h.cloud.ec2
        .list()
        .filter((i) => i.launchedBy === owner && i.lifecycle === "on-demand" && i.launchTimeMs >= 2 * HOUR + 10 * MIN);
      expect(second.map((i) => ({ az: i.az, inBlock: i.reservationId === blockA }))).toEqual([{ az: "us-east-1a", inBlock: true }]);
      // The tenant on it was revoked with its notice first (the capacity was finite): U's instance is gone.
      expect(spot.every((i) => i.state === "terminated" || i.state === "shutting-down")).toBe(true);
      expect(report.coverage[POINT]?.hits).toBeGreaterThan(0);
      // 1b came back at 2 h 40: its old head node is stopped, the roles swap again and the designation is in 1b once more.
      snapshotEnd(h, seen);
      expect(seen.end?.designatedIn).toEqual(["us-east-1b"]);
    },
  );

  test("without a swap first, a failover never reaches the second-failover point", () => {
    const { report } = emulateInternal({ topology: plan(), scenario: "az-outage", seed: 1, profile: "fast" });
    expect(report.coverage["contingency: roles swapped after a failover"]?.hits).toBeGreaterThan(0);
    expect(report.coverage[POINT]).toEqual({ evaluations: 1, hits: 0 });
  });
});
