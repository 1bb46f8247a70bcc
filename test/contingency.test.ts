import { describe, expect, test } from "vitest";
import { ContingencyStack } from "../examples/contingency";
import { ContingencyCapacity, type ContingencyCapacityProps } from "../lib";
import { AwsProvider, Subnet, TerraformStack, Testing } from "../lib/private/cdktf";
import { synth } from "../lib/testing";
import { NOTICE, type NoticePolicy } from "../runtime/capacity/notice-policy";
import { emulate, registerBuiltIns } from "../runtime/emulation";
import { type ContingencyHandle, contingencyComponent } from "../runtime/emulation/contingency-component";
import { planFromJson } from "../runtime/plan";
import type { Topology } from "../runtime/plan/topology";
import { EmulationRegistry } from "../runtime/scenarios";
import { holdScenario } from "./helpers/hold-scenario";

const MIN = 60_000;
const HOUR = 60 * MIN;

/** The contingency example as the runtime loads it; `idlePool` empties the spot pool so a tenant can bid. */
function examplePlan(idlePool = false): Topology {
  const t = planFromJson(JSON.parse(synth(new ContingencyStack(Testing.app(), "contingency"))), "contingency");
  return idlePool ? { ...t, autoScalingGroups: t.autoScalingGroups.map((g) => ({ ...g, desiredCapacity: 0 })) } : t;
}

/** Two reserved in 1a, two designated in 1b, both leased out by the pool. */
function twoDesignatedPlan(): Topology {
  const stack = new TerraformStack(Testing.app(), "two");
  new AwsProvider(stack, "aws", { region: "us-east-1" });
  const b = new Subnet(stack, "B", { vpcId: "vpc-1", availabilityZone: "us-east-1b", cidrBlock: "10.0.1.0/24" });
  new ContingencyCapacity(stack, "HeadNode", {
    primaryAvailabilityZone: "us-east-1a",
    contingencyAvailabilityZone: "us-east-1b",
    instanceType: "r6g.large",
    primaryCount: 2,
    designatedCount: 2,
    minimumBidPerHour: 0.05,
    contingencySubnets: [{ subnetId: b.id, availabilityZone: "us-east-1b" }],
  });
  return planFromJson(JSON.parse(synth(stack)), "two");
}

/** Services designating in 1b (each its own construct), for several services and the designation modes; pools start empty so tenants bid. */
function zoneBPlan(services: readonly (Partial<ContingencyCapacityProps> & { readonly id: string })[]): Topology {
  const stack = new TerraformStack(Testing.app(), "shared");
  new AwsProvider(stack, "aws", { region: "us-east-1" });
  const b = new Subnet(stack, "B", { vpcId: "vpc-1", availabilityZone: "us-east-1b", cidrBlock: "10.0.1.0/24" });
  for (const { id, ...props } of services)
    new ContingencyCapacity(stack, id, {
      primaryAvailabilityZone: "us-east-1a",
      contingencyAvailabilityZone: "us-east-1b",
      instanceType: "r6g.large",
      minimumBidPerHour: 0.05,
      contingencySubnets: [{ subnetId: b.id, availabilityZone: "us-east-1b" }],
      ...props,
    });
  const t = planFromJson(JSON.parse(synth(stack)), "shared");
  return { ...t, autoScalingGroups: t.autoScalingGroups.map((g) => ({ ...g, desiredCapacity: 0 })) };
}

interface Run {
  readonly topology: Topology;
  readonly seed: number;
  readonly notice?: NoticePolicy;
  /** The fixed spot price, micro-dollars per hour. @default 60 000 (0.06 $/h) */
  readonly priceMicros?: number;
  /** Digests of a reference run's contingency lines (replays-byte-for-byte). */
  readonly reference?: readonly string[];
  /** Things that happen at a virtual time, with the component's handle. */
  readonly at?: readonly (readonly [number, (h: ContingencyHandle) => void])[];
}

/** Runs 3 hours on the realistic profile with a fixed market: price 0.06, min bid from the plan. */
function run(r: Run) {
  const registry = new EmulationRegistry();
  registerBuiltIns(registry);
  let handle: ContingencyHandle | undefined;
  const outcomes: string[] = [];
  registry.registerComponent(
    contingencyComponent({
      notice: r.notice ?? NOTICE.none,
      ...(r.reference ? { determinismReference: r.reference } : {}),
      priceModel: { baseMicros: r.priceMicros ?? 60_000, stepMaxMicros: 0, floorMicros: 0, ceilingMicros: 1_000_000 },
      onAttach: (h) => {
        handle = h;
        for (const [atMs, f] of r.at ?? []) h.env.timers.after(atMs, "test", () => f(h));
      },
    }),
  );
  registry.registerScenario(holdScenario(3 * HOUR));
  const lines: string[] = [];
  const { result } = emulate({ topology: r.topology, scenario: "hold", seed: r.seed, registry, trace: { sink: (l) => lines.push(l) } });
  const steps = lines
    .filter((l) => l.split(" ")[2] === "contingency")
    .map((l) => {
      const [atMs, , , , what, ...rest] = l.split(" ");
      return { atMs: Number(atMs), what: what as string, detail: rest.join(" ") };
    });
  return { result, lines, steps, handle: handle as ContingencyHandle, outcomes };
}

const at = (steps: ReturnType<typeof run>["steps"], what: string) => steps.find((s) => s.what === what)?.atMs as number;
const failed = (r: ReturnType<typeof run>) => r.result.invariants.filter((i) => !i.ok).map((i) => `${i.id}: ${i.firstViolation?.message}`);

/** Tenant T bids 0.08 at 10 min (price 0.06), zone 1a loses power at 1 h. */
const a4 = (seed: number, notice?: NoticePolicy, reference?: readonly string[]) => {
  const bids: string[] = [];
  const r = run({
    topology: examplePlan(true),
    seed,
    ...(notice ? { notice } : {}),
    ...(reference ? { reference } : {}),
    at: [
      [10 * MIN, (h) => bids.push((h.managers[0] as ContingencyHandle["managers"][0]).tenantBid("T", 80_000))],
      [HOUR, (h) => h.cloud.zones.losePower("us-east-1a", { forMs: HOUR })],
    ],
  });
  return { ...r, bids };
};

describe("contingency capacity on the mock cloud (contingency capacity)", () => {
  test("T leases at 10 min; at 1 h trigger → revoke (contingency-reclaim) → start in 1b → attach → redirect → serving, within detect + boot + attach", () => {
    const r = a4(7);
    expect(r.bids).toEqual(["leased"]);
    expect(r.steps.find((s) => s.what === "leased")).toMatchObject({ atMs: 10 * MIN });
    const order = r.steps.filter((s) => s.atMs >= HOUR && s.atMs < 2 * HOUR).map((s) => s.what);
    expect(order).toEqual([
      "trigger",
      "reclaiming",
      "revoke",
      "lease-ended",
      "starting",
      "attaching",
      "attach",
      "redirect",
      "serving",
      "acked",
    ]);
    expect(r.steps.find((s) => s.what === "revoke")?.detail).toContain("reason=contingency-reclaim");
    expect(r.steps.find((s) => s.what === "starting")?.detail).toContain("az=us-east-1b");
    const b = (r.handle.managers[0] as ContingencyHandle["managers"][0]).bound();
    expect(b.noticeMs).toBe(0);
    expect(at(r.steps, "serving") - at(r.steps, "trigger")).toBeLessThanOrEqual(b.detectMs + b.bootMs + b.attachMs);
    expect(r.result.revocations).toEqual([
      {
        pool: "HeadNode-contingency",
        // The row names the plan resource it models: the spot pool's Auto Scaling group.
        resource: expect.stringMatching(/^aws_autoscaling_group\.HeadNode_SpotPool_/),
        az: "us-east-1b",
        leases: 1,
        noticeAtMs: at(r.steps, "revoke"),
        reclaimedAtMs: at(r.steps, "lease-ended"),
        customerLaunchedAtMs: at(r.steps, "attaching"),
        reason: "contingency-reclaim",
        noticeMs: 0,
      },
    ]);
    expect(failed(r)).toEqual([]);
    expect(r.result.invariants.map((i) => i.id)).toEqual(
      expect.arrayContaining([
        "contingency/no-double-count",
        "contingency/revocable-within-notice",
        "contingency/notice-before-reclaim",
        "contingency/bounded-recovery",
      ]),
    );
  });

  test("with AWS's 120 s notice, T is warned at revocation, its lease ends 120 s later, and serving comes exactly 120 s later than without notice", () => {
    const none = a4(7);
    const warned = a4(7, NOTICE.awsSpot);
    const revokeAt = at(warned.steps, "revoke");
    expect(warned.lines.some((l) => l.startsWith(`${revokeAt} `) && l.includes(" interruption-warning "))).toBe(true);
    expect(at(warned.steps, "lease-ended") - revokeAt).toBe(120_000);
    expect(at(warned.steps, "serving") - at(none.steps, "serving")).toBe(120_000);
    expect(failed(warned)).toEqual([]);
  });

  test("the 1,000 writes acknowledged before the outage are all readable after the failover, and only one head node ever acknowledges", () => {
    const r = a4(11);
    const acks = r.steps.filter((s) => s.what === "acked").map((s) => s.detail.split(" ").slice(0, 3).join(" "));
    expect(acks).toEqual(["n=1000/1000 lsn=1000 epoch=1", "n=100/100 lsn=1100 epoch=2"]);
    expect(r.steps.filter((s) => s.what === "attach").map((s) => s.detail)).toEqual([
      "epoch=1 fenced=none acked=0 readable=0",
      "epoch=2 fenced=us-east-1a acked=1000 readable=1000",
    ]);
    for (const id of ["contingency/one-writer", "contingency/no-acknowledged-write-lost", "contingency/unfence-only-when-current"])
      expect(r.result.invariants.find((i) => i.id === id)?.ok).toBe(true);
  });

  test("losing one of two designated instances at 30 min breaks revocable-within-notice at that step, naming the pool (emulate stops at the first violation)", () => {
    const r = run({
      topology: twoDesignatedPlan(),
      seed: 3,
      // Below the pool's 0.05 bid: both designated instances are leased out.
      priceMicros: 40_000,
      at: [
        [30 * MIN, (h) => h.managers[0]?.capacityLost(1)],
        [HOUR, (h) => h.cloud.zones.losePower("us-east-1a", { forMs: HOUR })],
      ],
    });
    const i3 = r.result.invariants.find((i) => i.id === "contingency/revocable-within-notice");
    expect(i3?.ok).toBe(false);
    expect(i3?.firstViolation?.atMs).toBe(30 * MIN);
    expect(i3?.firstViolation?.message).toMatch(/pool us-east-1b\/r6g\.large: 2 designated but only 1 revocable/);
  });

  test("with launches failing in 1b after the reclaim, the failover falls back to another zone and ends degraded with the reason", () => {
    const r = run({
      topology: twoDesignatedPlan(),
      seed: 3,
      priceMicros: 40_000,
      at: [
        [
          HOUR,
          (h) => {
            h.cloud.ec2.injectCapacityErrors({ principals: ["contingency:HeadNode"], zones: ["us-east-1b"], forMs: HOUR });
            h.cloud.zones.losePower("us-east-1a", { forMs: HOUR });
          },
        ],
      ],
    });
    const end = r.steps.filter((s) => ["serving", "degraded", "failed"].includes(s.what));
    expect(end.map((s) => [s.what, s.detail])).toEqual([["degraded", "no capacity in us-east-1b; the replacement runs in us-east-1c"]]);
    expect(r.result.invariants.filter((i) => !i.ok)).toEqual([]);
  });

  test("with no zone able to launch, the failover ends failed with the reason instead of hanging", () => {
    const r = run({
      topology: twoDesignatedPlan(),
      seed: 3,
      priceMicros: 40_000,
      at: [
        [
          HOUR,
          (h) => {
            h.cloud.ec2.injectCapacityErrors({ principals: ["contingency:HeadNode"], forMs: HOUR });
            h.cloud.zones.losePower("us-east-1a", { forMs: HOUR });
          },
        ],
      ],
    });
    const end = r.steps.filter((s) => ["serving", "degraded", "failed"].includes(s.what));
    expect(end.map((s) => s.what)).toEqual(["failed", "serving"]);
    expect(end[0]?.detail).toMatch(/no zone could launch 2xr6g\.large/);
    // When 1a returns, the old primary serves again in place: a failed failover loses nothing more.
    expect(end[1]?.detail).toMatch(/back in us-east-1a after a failed failover/);
    expect(r.steps.some((s) => s.what === "roles-swapped")).toBe(false);
    expect(r.handle.managers[0]?.headIds()).toHaveLength(2);
    expect(r.result.invariants.find((i) => i.id === "contingency/bounded-recovery")?.ok).toBe(true);
  });

  test("1a recovers at 2 h; the old 1a instance is stopped as unused contingency and nothing fails back", () => {
    const r = a4(7);
    const swapped = r.steps.find((s) => s.what === "roles-swapped");
    expect(swapped?.atMs).toBeGreaterThanOrEqual(2 * HOUR);
    expect(swapped?.detail).toMatch(/az=us-east-1a now contingency; no automatic failback/);
    const heads = r.handle.managers[0]?.headIds() ?? [];
    expect(heads.map((id) => r.handle.cloud.ec2.get(id)?.az)).toEqual(["us-east-1b"]);
    expect(r.steps.filter((s) => s.what === "trigger")).toHaveLength(1);
    // The old head node wakes up at epoch 1 and is refused; zone a's copy catches up, then is unfenced at the current LSN.
    expect(r.steps.find((s) => s.what === "stale-write")?.detail).toMatch(/epoch=1 refused=fenced/);
    expect(r.steps.find((s) => s.what === "unfence")?.detail).toBe("copy=us-east-1a lsn=1100 current=1100");
  });

  test("seed 7 twice gives byte-identical traces and verdicts; seed 8 differs and passes", () => {
    const [a, b, c] = [a4(7), a4(7), a4(8)];
    expect(b.lines).toEqual(a.lines);
    expect(JSON.stringify(b.result)).toBe(JSON.stringify(a.result));
    expect(c.result.traceHash).not.toBe(a.result.traceHash);
    expect(failed(c)).toEqual([]);
  });

  test("the head node's host crashes with 1a healthy: the replacement starts in 1a and T's lease in 1b is untouched", () => {
    const bids: string[] = [];
    const r = run({
      topology: examplePlan(true),
      seed: 7,
      at: [
        [10 * MIN, (h) => bids.push(h.managers[0]?.tenantBid("T", 80_000) ?? "")],
        [
          HOUR,
          (h) => {
            for (const id of h.managers[0]?.headIds() ?? [])
              h.cloud.ec2.stop(id, { Code: "Server.InternalError", Message: "host failure" });
          },
        ],
      ],
    });
    expect(bids).toEqual(["leased"]);
    expect(r.steps.find((s) => s.what === "starting")?.detail).toBe("same-zone az=us-east-1a");
    expect(r.steps.some((s) => s.what === "revoke")).toBe(false);
    expect(r.handle.managers[0]?.pool.leases().map((l) => [l.lessee, l.state])).toEqual([["T", "active"]]);
    expect(r.result.revocations).toEqual([]);
    expect(failed(r)).toEqual([]);
  });
});

describe("contingency capacity invariants zone-apart-from-primary, shared-zone-fits-each-failure, billing-matches-usage and replays-byte-for-byte on every step", () => {
  test("billing-matches-usage (seed 7): T pays 0.06 $/h from its lease to its end; the customer pays 60 % of the reserved rate until the activation, then the activation rate; the designation again from the roles swap; nothing after termination", () => {
    const r = a4(7);
    const { ledger } = r.handle;
    const leaseEnd = at(r.steps, "lease-ended");
    expect(ledger.chargedTo("tenant:T")).toBe(Math.floor(((leaseEnd - 10 * MIN) * 60_000) / HOUR));
    const started = r.steps.find((s) => s.what === "starting" && s.atMs >= HOUR)?.atMs as number;
    expect(ledger.chargedTo("customer:HeadNode")).toBe(Math.floor((started * 60_000) / HOUR));
    // 1a is back at 2 h: the roles swap re-designates capacity there, billed at 60 % of the reserved rate again from then.
    expect(ledger.entries.filter((e) => e.endMs === undefined).map((e) => [e.item.split(":")[0], e.microsPerHour])).toEqual([
      ["activation", 100_000],
      ["designation", 60_000],
    ]);
    expect(ledger.entries.find((e) => e.item.startsWith("designation:") && e.endMs === undefined)?.startMs).toBe(
      at(r.steps, "roles-swapped"),
    );
    for (const id of [
      "contingency/zone-apart-from-primary",
      "contingency/shared-zone-fits-each-failure",
      "contingency/billing-matches-usage",
      "contingency/replays-byte-for-byte",
    ])
      expect(r.result.invariants.find((i) => i.id === id)).toMatchObject({ ok: true });
    expect(r.result.invariants.find((i) => i.id === "contingency/billing-matches-usage")?.checks).toBeGreaterThan(10);
  });

  test("replays-byte-for-byte: a replay of seed 7 against seed 7's digests passes line by line; against seed 8's it names the first differing line", () => {
    const first = a4(7);
    const digests = [...first.handle.determinism.digests()];
    expect(digests.length).toBe(first.steps.length);
    const replay = a4(7, undefined, digests);
    expect(replay.result.invariants.find((i) => i.id === "contingency/replays-byte-for-byte")?.ok).toBe(true);
    const other = a4(8, undefined, digests);
    const i15 = other.result.invariants.find((i) => i.id === "contingency/replays-byte-for-byte");
    expect(i15?.ok).toBe(false);
    expect(i15?.firstViolation?.message).toMatch(/^contingency line \d+ \(\d+ ms, .+\) differs from the reference run/);
  });

  test("zone-apart-from-primary: the node-only path starts in the healthy primary zone and passes; the zone-loss path never starts there", () => {
    const r = a4(7);
    expect(r.steps.filter((s) => s.what === "starting").map((s) => s.detail.split(" ")[0])).toEqual(["az=us-east-1b"]);
    expect(r.result.invariants.find((i) => i.id === "contingency/zone-apart-from-primary")?.ok).toBe(true);
  });
});

describe("several services and the designation modes (count, named, interruptible reservation)", () => {
  const manager = (h: ContingencyHandle, service: string) =>
    h.managers.find((m) => m.svc.service === service) as ContingencyHandle["managers"][0];

  test("Orders (1a) and Billing (1c) each designate 1 in 1b; T holds both; 1a's outage revokes only the lower bid and Billing's designation stays whole", () => {
    const bids: string[] = [];
    const r = run({
      topology: zoneBPlan([{ id: "Orders" }, { id: "Billing", primaryAvailabilityZone: "us-east-1c" }]),
      seed: 5,
      at: [
        [10 * MIN, (h) => bids.push(manager(h, "Orders").tenantBid("T", 90_000), manager(h, "Orders").tenantBid("T", 70_000))],
        [HOUR, (h) => h.cloud.zones.losePower("us-east-1a", { forMs: HOUR })],
      ],
    });
    expect(bids).toEqual(["leased", "leased"]);
    const revoked = r.steps.filter((s) => s.what === "revoke");
    expect(revoked.map((s) => [s.detail.match(/lease=(\S+)/)?.[1], s.detail.match(/reason=(\S+)/)?.[1]])).toEqual([
      ["lease-2", "contingency-reclaim"],
    ]);
    const pool = manager(r.handle, "Billing").pool;
    expect(manager(r.handle, "Orders").pool).toBe(pool);
    expect(
      pool
        .leases()
        .filter((l) => l.state === "active")
        .map((l) => [l.lessee, l.bidMicros]),
    ).toEqual([["T", 90_000]]);
    expect(pool.revocabilityProblems()).toEqual([]);
    expect(r.steps.filter((s) => s.what === "serving").map((s) => s.detail)).toEqual(["az=us-east-1b"]);
    expect(failed(r)).toEqual([]);
  });

  test("a second service whose zone-1a failure would not fit in 1b beside the first is refused at designation, naming the zone's room", () => {
    const lines: string[] = [];
    emulate({
      topology: zoneBPlan([
        { id: "Orders", designatedCount: 2, primaryCount: 2 },
        { id: "Billing", designatedCount: 2, primaryCount: 2 },
      ]),
      scenario: "disk-stall",
      seed: 1,
      cloud: { capacity: { slotsPerPool: 32, pools: { "us-east-1b/r6g.large": 3 } } },
      trace: { sink: (l) => lines.push(l) },
    });
    expect(lines.filter((l) => l.includes(" not-designated "))).toEqual([
      // Designations load in output order (Billing's before Orders'): the one that no longer fits is refused.
      expect.stringMatching(
        /Orders not-designated designation of Orders: a failure of us-east-1a would trigger 4 designated in us-east-1b, which has 3 unreserved/,
      ),
    ]);
  });

  test("named mode: Archive designates one named host, Billing one by count; 1a's outage revokes the lease on Archive's named host even though Billing's lease bids less", () => {
    const r = run({
      // Outputs load in name order: Archive's named slot is the pool's first, Billing's count slot the second.
      topology: zoneBPlan([
        { id: "Archive", designationMode: "named", designatedInstances: ["h-0123456789abcdef0"] },
        { id: "Billing", primaryAvailabilityZone: "us-east-1c" },
      ]),
      seed: 5,
      at: [
        [10 * MIN, (h) => manager(h, "Archive").tenantBid("T", 90_000)],
        [11 * MIN, (h) => manager(h, "Archive").tenantBid("U", 70_000)],
        [HOUR, (h) => h.cloud.zones.losePower("us-east-1a", { forMs: HOUR })],
      ],
    });
    expect(
      r.steps.filter((s) => s.what === "leased").map((s) => [s.detail.match(/lessee=(\S+)/)?.[1], s.detail.match(/slot=(\S+)/)?.[1]]),
    ).toEqual([
      ["T", "h-0123456789abcdef0"],
      ["U", undefined],
    ]);
    expect(r.steps.filter((s) => s.what === "revoke").map((s) => s.detail.match(/lease=(\S+)/)?.[1])).toEqual(["lease-1"]);
    expect(
      manager(r.handle, "Archive")
        .pool.leases()
        .filter((l) => l.state === "active")
        .map((l) => l.lessee),
    ).toEqual(["U"]);
    expect(r.steps.filter((s) => s.what === "serving").map((s) => s.detail)).toEqual(["az=us-east-1b"]);
    expect(failed(r)).toEqual([]);
  });

  test("named mode: revocable-within-notice holds per designation — losing Archive's named host breaks it for Archive while Billing's count slot is whole", () => {
    const r = run({
      topology: zoneBPlan([
        { id: "Archive", designationMode: "named", designatedInstances: ["h-0123456789abcdef0"] },
        { id: "Billing", primaryAvailabilityZone: "us-east-1c" },
      ]),
      seed: 5,
      at: [[30 * MIN, (h) => manager(h, "Archive").capacityLost(1)]],
    });
    const i3 = r.result.invariants.find((i) => i.id === "contingency/revocable-within-notice");
    expect(i3?.firstViolation).toMatchObject({ atMs: 30 * MIN });
    expect(i3?.firstViolation?.message).toMatch(
      /^pool us-east-1b\/r6g\.large: 1 named for Archive \(h-0123456789abcdef0\) but only 0 revocable/,
    );
  });

  test("interruptible-reservation mode: the lessee runs inside the lent reservation, and after the reclaim the replacement launches into it", () => {
    let lesseeId = "";
    const r = run({
      topology: zoneBPlan([{ id: "HeadNode", designationMode: "interruptible-reservation", designatedCount: 1 }]),
      seed: 7,
      notice: NOTICE.awsSpot,
      at: [
        [
          10 * MIN,
          (h) => {
            h.managers[0]?.tenantBid("T", 80_000);
            lesseeId = h.managers[0]?.pool.leases()[0]?.instanceId ?? "";
          },
        ],
        [HOUR, (h) => h.cloud.zones.losePower("us-east-1a", { forMs: HOUR })],
      ],
    });
    const { ec2 } = r.handle.cloud;
    const lessee = ec2.get(lesseeId);
    const [head] = (r.handle.managers[0]?.headIds() ?? []).map((id) => ec2.get(id));
    expect(lessee?.reservationId).toBeDefined();
    expect(ec2.isLent(lessee?.reservationId as string)).toBe(true);
    expect(head?.az).toBe("us-east-1b");
    expect(head?.reservationId).toBe(lessee?.reservationId);
    expect(at(r.steps, "lease-ended") - at(r.steps, "revoke")).toBe(120_000);
    expect(r.result.revocations.map((x) => x.reason)).toEqual(["contingency-reclaim"]);
    expect(failed(r)).toEqual([]);
  });
});

describe("supplement and interruptibility changes", () => {
  test("supplement: for performance at 1 h, the designated capacity is reclaimed and activated beside the primary, which keeps serving (no attach, no new epoch)", () => {
    const r = run({
      topology: examplePlan(true),
      seed: 7,
      notice: NOTICE.awsSpot,
      at: [
        [10 * MIN, (h) => h.managers[0]?.tenantBid("T", 80_000)],
        [HOUR, (h) => h.managers[0]?.supplement("performance")],
      ],
    });
    const m = r.handle.managers[0] as ContingencyHandle["managers"][0];
    const order = r.steps.filter((s) => s.atMs >= HOUR).map((s) => s.what);
    expect(order).toEqual(["trigger", "reclaiming", "revoke", "lease-ended", "starting", "serving"]);
    expect(r.steps.find((s) => s.what === "trigger" && s.atMs >= HOUR)?.detail).toMatch(/^supplement reason=performance count=1 beside=i-/);
    expect(at(r.steps, "lease-ended") - at(r.steps, "revoke")).toBe(120_000);
    const [primary] = m.headIds();
    expect(r.handle.cloud.ec2.get(primary as string)).toMatchObject({ az: "us-east-1a", state: "running" });
    expect(m.supplements.map((id) => r.handle.cloud.ec2.get(id)?.az)).toEqual(["us-east-1b"]);
    expect(m.pool.count("activated")).toBe(1);
    expect(r.steps.filter((s) => s.what === "attach")).toHaveLength(1);
    expect(r.result.revocations.map((x) => [x.reason, x.leases])).toEqual([["contingency-reclaim", 1]]);
    // the designation stops being billed when the supplement activates it: activation instead, never both
    const designation = m.ledger.entries.find((e) => e.item.startsWith("designation:"));
    const activation = m.ledger.entries.find((e) => e.item.startsWith("activation:"));
    expect(designation?.endMs).toBeDefined();
    expect(activation?.startMs).toBe(designation?.endMs);
    expect(failed(r)).toEqual([]);
  });

  test("changeLease refuses a price or notice that is not whole and ≥ 0, naming the field", () => {
    const r = run({ topology: examplePlan(true), seed: 7, notice: NOTICE.awsSpot, at: [] });
    const m = r.handle.managers[0] as ContingencyHandle["managers"][0];
    expect(() => m.changeLease("l-1", { noticeMs: 0, priceMicros: -5 })).toThrow(
      /^changeLease priceMicros: got -5; a price is whole micro-dollars/,
    );
    expect(() => m.changeLease("l-1", { noticeMs: 1.5, priceMicros: 70_000 })).toThrow(
      /^changeLease noticeMs: got 1.5; notice is whole milliseconds/,
    );
  });

  test("lease downgrade: T's 120 s-notice lease at 0.10 is downgraded to no notice at 0.07 after 1 h; an upgrade to reserved or to more notice is refused; the bill is Σ Tᵢ·Pᵢ", () => {
    const changes: string[] = [];
    let lease = "";
    const r = run({
      topology: examplePlan(true),
      seed: 7,
      notice: NOTICE.awsSpot,
      priceMicros: 100_000,
      at: [
        [
          0,
          (h) => {
            h.managers[0]?.tenantBid("T", 100_000);
            lease = h.managers[0]?.pool.leases()[0]?.id ?? "";
          },
        ],
        [HOUR, (h) => changes.push(h.managers[0]?.changeLease(lease, { noticeMs: 0, priceMicros: 70_000 }) ?? "")],
        [HOUR + MIN, (h) => changes.push(h.managers[0]?.changeLease(lease, { reserved: true }) ?? "")],
        [HOUR + 2 * MIN, (h) => changes.push(h.managers[0]?.changeLease(lease, { noticeMs: 60_000, priceMicros: 90_000 }) ?? "")],
        [HOUR + 30 * MIN, (h) => h.managers[0]?.tenantLeaves(lease)],
      ],
    });
    expect(changes).toEqual([
      "changed",
      "upgrade-refused: a lease on designated capacity cannot become reserved",
      "upgrade-refused: 60000 ms of notice is more than the lease's 0 ms; designated capacity only downgrades",
    ]);
    // 1 h at 0.10, then 0.07 from the downgrade until the instance terminated (the leave takes a
    // shutdown), and nothing after it.
    const ended = at(r.steps, "lease-ended");
    expect(ended).toBeGreaterThan(HOUR + 30 * MIN);
    expect(r.handle.ledger.chargedTo("tenant:T")).toBe(100_000 + Math.floor(((ended - HOUR) * 70_000) / HOUR));
    expect(r.handle.ledger.entries.filter((e) => e.account === "tenant:T").map((e) => [e.startMs, e.endMs, e.microsPerHour])).toEqual([
      [0, HOUR, 100_000],
      [HOUR, ended, 70_000],
    ]);
    expect(r.result.revocations).toEqual([]);
    expect(failed(r)).toEqual([]);
  });
});

describe("revocations other than a failover", () => {
  test("outbid: the price passes T's bid at 30 min; T's lease is revoked in that step, gets its notice, and its row says outbid", () => {
    const r = run({
      topology: examplePlan(true),
      seed: 7,
      notice: NOTICE.awsSpot,
      at: [
        [10 * MIN, (h) => h.managers[0]?.tenantBid("T", 80_000)],
        [30 * MIN, (h) => h.managers[0]?.revokeOutbid(h.market.setPrice("us-east-1b", "r6g.large", 90_000, h.env.clock.nowMs()))],
      ],
    });
    expect(r.steps.find((s) => s.what === "revoke")).toMatchObject({ atMs: 30 * MIN });
    expect(r.result.revocations).toEqual([
      {
        pool: "HeadNode-contingency",
        // The row names the plan resource it models: the spot pool's Auto Scaling group.
        resource: expect.stringMatching(/^aws_autoscaling_group\.HeadNode_SpotPool_/),
        az: "us-east-1b",
        leases: 1,
        noticeAtMs: 30 * MIN,
        reclaimedAtMs: 30 * MIN + 120_000,
        customerLaunchedAtMs: null,
        reason: "outbid",
        noticeMs: 120_000,
      },
    ]);
    expect(r.handle.managers[0]?.pool.count("idle")).toBe(1);
    expect(failed(r)).toEqual([]);
  });
});

describe("the contingency example under the named scenarios", () => {
  test("az-outage on zone a: the pool's lease is revoked with the 2-minute warning and the head node serves in b", () => {
    const { result } = emulate({ topology: examplePlan(), scenario: "az-outage", seed: 42, az: "us-east-1a" });
    expect(result.revocations).toHaveLength(1);
    const [row] = result.revocations;
    expect(row).toMatchObject({ pool: "HeadNode-contingency", az: "us-east-1b", leases: 1 });
    expect((row?.reclaimedAtMs ?? 0) - (row?.noticeAtMs ?? 0)).toBe(120_000);
    expect(row?.customerLaunchedAtMs).toBeGreaterThan(row?.reclaimedAtMs ?? 0);
    expect(result.invariants.filter((i) => !i.ok)).toEqual([]);
  });

  test("spot-reclaim: the pool's lease gets a revocation row (warned at 2 min, reclaimed 120 s later, reason interrupted), the group refills the designation, and no failover starts", () => {
    const lines: string[] = [];
    const { result } = emulate({ topology: examplePlan(), scenario: "spot-reclaim", seed: 42, trace: { sink: (l) => lines.push(l) } });
    const warned = lines.find((l) => l.includes(" interruption-warning "));
    const warnedAt = Number(warned?.split(" ")[0]);
    expect(result.revocations).toEqual([
      {
        pool: "HeadNode-contingency",
        // The row names the plan resource it models: the spot pool's Auto Scaling group.
        resource: expect.stringMatching(/^aws_autoscaling_group\.HeadNode_SpotPool_/),
        az: "us-east-1b",
        leases: 1,
        noticeAtMs: warnedAt,
        reclaimedAtMs: warnedAt + 120_000,
        customerLaunchedAtMs: null,
        reason: "interrupted",
        noticeMs: 120_000,
      },
    ]);
    const contingency = lines.filter((l) => l.split(" ")[2] === "contingency").map((l) => l.split(" ")[4]);
    expect(contingency).toContain("lease-ended");
    expect(contingency.filter((w) => w === "leased").length).toBeGreaterThanOrEqual(2);
    expect(contingency).not.toContain("trigger");
    expect(result.invariants.filter((i) => !i.ok)).toEqual([]);
  });

  test("spot-reclaim rows are the same for the same seed, and az-outage keeps its one failover row", () => {
    const a = emulate({ topology: examplePlan(), scenario: "spot-reclaim", seed: 7 }).result.revocations;
    const b = emulate({ topology: examplePlan(), scenario: "spot-reclaim", seed: 7 }).result.revocations;
    expect(b).toEqual(a);
    expect(a.map((r) => r.reason)).toEqual(["interrupted"]);
    const outage = emulate({ topology: examplePlan(), scenario: "az-outage", seed: 7, az: "us-east-1a" }).result.revocations;
    expect(outage.map((r) => [r.reason, r.leases, r.customerLaunchedAtMs !== null])).toEqual([["contingency-reclaim", 1, true]]);
  });
});
