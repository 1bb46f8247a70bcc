import { describe, expect, test } from "vitest";
import { cloudWorld } from "../../../test/helpers/cloud";

const A = "us-east-1a";
const B = "us-east-1b";

function world(pools: Record<string, number> = {}) {
  return cloudWorld({ capacity: { slotsPerPool: 4, pools } });
}

const run = (az: string, count: number, extra: object = {}) => ({
  InstanceType: "r6g.large",
  MinCount: count,
  MaxCount: count,
  Placement: { AvailabilityZone: az },
  ...extra,
});

describe("EC2 instances", () => {
  test("RunInstances launches pending instances that run after the launch time and hold a slot each", () => {
    const { sim, cloud } = world();
    const r = cloud.call("RunInstances", run(A, 2));
    expect(r.ok && r.value.Instances.map((i) => [i.InstanceId, i.State.Name, i.Placement.AvailabilityZone])).toEqual([
      ["i-00000000000000001", "pending", A],
      ["i-00000000000000002", "pending", A],
    ]);
    expect(cloud.ec2.pools.free(A, "r6g.large")).toBe(2);
    sim.runFor(60_000);
    expect(cloud.ec2.list().map((i) => i.state)).toEqual(["running", "running"]);
  });

  test("a full pool answers InsufficientInstanceCapacity, and MinCount below what fits launches what fits", () => {
    const { cloud } = world({ [`${A}/r6g.large`]: 3 });
    const r = cloud.call("RunInstances", run(A, 4));
    expect(r.ok ? r.value : r.error).toMatchObject({ code: "InsufficientInstanceCapacity", retryable: true });
    expect(r.ok ? "" : r.error.message).toContain("sufficient r6g.large capacity in the Availability Zone you requested (us-east-1a)");
    const some = cloud.call("RunInstances", { ...run(A, 4), MinCount: 1 });
    expect(some.ok && some.value.Instances.length).toBe(3);
    expect(cloud.call("RunInstances", run(B, 4)).ok).toBe(true);
  });

  test("stop gives the slot back, start needs one again, terminate ends the instance", () => {
    const { sim, cloud } = world({ [`${A}/r6g.large`]: 1 });
    cloud.call("RunInstances", run(A, 1));
    sim.runFor(60_000);
    const id = "i-00000000000000001";
    expect(cloud.call("StopInstances", { InstanceIds: [id] })).toMatchObject({
      ok: true,
      value: { StoppingInstances: [{ PreviousState: { Name: "running" }, CurrentState: { Name: "stopping" } }] },
    });
    expect(cloud.call("StartInstances", { InstanceIds: [id] })).toMatchObject({ ok: false, error: { code: "IncorrectInstanceState" } });
    sim.runFor(30_000);
    expect(cloud.ec2.pools.free(A, "r6g.large")).toBe(1);
    cloud.call("RunInstances", run(A, 1));
    expect(cloud.call("StartInstances", { InstanceIds: [id] })).toMatchObject({
      ok: false,
      error: { code: "InsufficientInstanceCapacity" },
    });
    cloud.call("TerminateInstances", { InstanceIds: ["i-00000000000000002"] });
    sim.runFor(30_000);
    expect(cloud.call("StartInstances", { InstanceIds: [id] })).toMatchObject({ ok: true });
    expect(cloud.call("TerminateInstances", { InstanceIds: [id] })).toMatchObject({ ok: true });
    sim.runFor(30_000);
    expect(cloud.ec2.get(id)?.state).toBe("terminated");
  });

  test.each([
    ["StartInstances", "InvalidInstanceID.NotFound"],
    ["StopInstances", "InvalidInstanceID.NotFound"],
    ["TerminateInstances", "InvalidInstanceID.NotFound"],
    ["DescribeInstances", "InvalidInstanceID.NotFound"],
  ] as const)("%s of an unknown instance fails with %s", (op, code) => {
    const { cloud } = world();
    expect(cloud.call(op, { InstanceIds: ["i-nope"] })).toMatchObject({ ok: false, error: { code, retryable: false } });
  });

  test("DescribeInstances lists every instance, or the ones asked for, in AWS's shape", () => {
    const { cloud } = world();
    cloud.call("RunInstances", run(A, 2, { TagSpecifications: [{ ResourceType: "instance", Tags: [{ Key: "Name", Value: "web" }] }] }));
    expect(cloud.call("DescribeInstances", {})).toMatchObject({
      ok: true,
      value: { Instances: [{ InstanceId: "i-00000000000000001" }, { InstanceId: "i-00000000000000002" }] },
    });
    expect(cloud.call("DescribeInstances", { InstanceIds: ["i-00000000000000002"] })).toMatchObject({
      ok: true,
      value: {
        Instances: [
          {
            InstanceType: "r6g.large",
            Placement: { AvailabilityZone: A },
            State: { Name: "pending" },
            Tags: [{ Key: "Name", Value: "web" }],
          },
        ],
      },
    });
  });

  test("RunInstances rejects a zone outside the region and counts that do not make sense", () => {
    const { cloud } = world();
    expect(cloud.call("RunInstances", run("eu-west-1a", 1))).toMatchObject({ ok: false, error: { code: "InvalidParameterValue" } });
    expect(cloud.call("RunInstances", { ...run(A, 1), MinCount: 2 })).toMatchObject({
      ok: false,
      error: { code: "InvalidParameterValue" },
    });
  });

  test("without a zone, RunInstances places the instance where the pool has the most free slots", () => {
    const { cloud } = world({ [`${A}/r6g.large`]: 1, [`${B}/r6g.large`]: 9 });
    const r = cloud.call("RunInstances", { InstanceType: "r6g.large", MinCount: 1, MaxCount: 1 });
    expect(r.ok && r.value.Instances[0]?.Placement.AvailabilityZone).toBe(B);
  });

  test("DescribeAvailabilityZones and DescribeVolumes show the zones and each instance's root volume", () => {
    const { cloud } = world();
    cloud.call("RunInstances", run(A, 1));
    expect(cloud.call("DescribeAvailabilityZones", {})).toMatchObject({
      ok: true,
      value: {
        AvailabilityZones: [{ ZoneName: A, ZoneId: "use1-az1", State: "available" }, { ZoneId: "use1-az2" }, { ZoneId: "use1-az3" }],
      },
    });
    expect(cloud.call("DescribeVolumes", {})).toMatchObject({
      ok: true,
      value: {
        Volumes: [{ AvailabilityZone: A, State: "in-use", Attachments: [{ InstanceId: "i-00000000000000001" }], VolumeStatus: "ok" }],
      },
    });
  });
});

describe("capacity reservations", () => {
  test("a reservation holds its slots from creation, becomes active, and only launches into it use them", () => {
    const { sim, cloud } = world({ [`${A}/r6g.large`]: 3 });
    const r = cloud.call("CreateCapacityReservation", {
      InstanceType: "r6g.large",
      AvailabilityZone: A,
      InstanceCount: 2,
      InstanceMatchCriteria: "targeted",
    });
    expect(r.ok && r.value.CapacityReservation).toMatchObject({ State: "pending", TotalInstanceCount: 2, AvailableInstanceCount: 0 });
    sim.runFor(10_000);
    const id = r.ok ? r.value.CapacityReservation.CapacityReservationId : "";
    expect(cloud.call("DescribeCapacityReservations", {})).toMatchObject({
      ok: true,
      value: { CapacityReservations: [{ State: "active", AvailableInstanceCount: 2 }] },
    });
    expect(cloud.call("RunInstances", run(A, 2))).toMatchObject({ ok: false, error: { code: "InsufficientInstanceCapacity" } });
    const into = cloud.call("RunInstances", {
      ...run(A, 2),
      CapacityReservationSpecification: { CapacityReservationTarget: { CapacityReservationId: id } },
    });
    expect(into.ok && into.value.Instances.map((i) => i.CapacityReservationId)).toEqual([id, id]);
    expect(
      cloud.call("RunInstances", {
        ...run(A, 1),
        CapacityReservationSpecification: { CapacityReservationTarget: { CapacityReservationId: id } },
      }),
    ).toMatchObject({
      ok: false,
      error: { code: "ReservationCapacityExceeded" },
    });
    expect(cloud.ec2.pools.problems()).toEqual([]);
  });

  test("an open reservation is used by any matching launch first", () => {
    const { sim, cloud } = world({ [`${A}/r6g.large`]: 2 });
    cloud.call("CreateCapacityReservation", { InstanceType: "r6g.large", AvailabilityZone: A, InstanceCount: 1 });
    sim.runFor(10_000);
    const r = cloud.call("RunInstances", run(A, 2));
    expect(r.ok && r.value.Instances.map((i) => i.CapacityReservationId !== undefined)).toEqual([true, false]);
  });

  test("a reservation that does not fit fails with InsufficientInstanceCapacity; unknown ids are NotFound", () => {
    const { cloud } = world({ [`${A}/r6g.large`]: 1 });
    expect(cloud.call("CreateCapacityReservation", { InstanceType: "r6g.large", AvailabilityZone: A, InstanceCount: 2 })).toMatchObject({
      ok: false,
      error: { code: "InsufficientInstanceCapacity" },
    });
    expect(cloud.call("CancelCapacityReservation", { CapacityReservationId: "cr-nope" })).toMatchObject({
      ok: false,
      error: { code: "InvalidCapacityReservationId.NotFound" },
    });
    expect(cloud.call("DescribeCapacityReservations", { CapacityReservationIds: ["cr-nope"] })).toMatchObject({
      ok: false,
      error: { code: "InvalidCapacityReservationId.NotFound" },
    });
    expect(
      cloud.call("RunInstances", {
        ...run(A, 1),
        CapacityReservationSpecification: { CapacityReservationTarget: { CapacityReservationId: "cr-nope" } },
      }),
    ).toMatchObject({
      ok: false,
      error: { code: "InvalidCapacityReservationId.NotFound" },
    });
  });

  test("cancelling a reservation frees its unused slots; its instances keep running on demand", () => {
    const { sim, cloud } = world({ [`${A}/r6g.large`]: 3 });
    const r = cloud.call("CreateCapacityReservation", { InstanceType: "r6g.large", AvailabilityZone: A, InstanceCount: 3 });
    sim.runFor(10_000);
    cloud.call("RunInstances", run(A, 1));
    expect(cloud.ec2.pools.free(A, "r6g.large")).toBe(0);
    expect(
      cloud.call("CancelCapacityReservation", { CapacityReservationId: r.ok ? r.value.CapacityReservation.CapacityReservationId : "" }),
    ).toMatchObject({ ok: true, value: { Return: true } });
    expect([cloud.ec2.pools.free(A, "r6g.large"), cloud.ec2.list()[0]?.reservationId]).toEqual([2, undefined]);
  });
});

describe("spot instances and the spot market", () => {
  test("RequestSpotInstances is fulfilled while the pool has room, then stays open for lack of capacity", () => {
    const { cloud } = world({ [`${A}/r6g.large`]: 1 });
    const spec = { InstanceType: "r6g.large", Placement: { AvailabilityZone: A } };
    const r = cloud.call("RequestSpotInstances", { InstanceCount: 2, LaunchSpecification: spec });
    expect(r.ok && r.value.SpotInstanceRequests.map((s) => [s.State, s.Status.Code, s.InstanceId !== undefined])).toEqual([
      ["active", "fulfilled", true],
      ["open", "capacity-not-available", false],
    ]);
    const ids = r.ok ? r.value.SpotInstanceRequests.map((s) => s.SpotInstanceRequestId) : [];
    expect(cloud.call("CancelSpotInstanceRequests", { SpotInstanceRequestIds: ids })).toMatchObject({ ok: true });
    expect(cloud.call("DescribeSpotInstanceRequests", { SpotInstanceRequestIds: ids })).toMatchObject({
      ok: true,
      value: { SpotInstanceRequests: [{ State: "cancelled" }, { State: "cancelled" }] },
    });
    expect(cloud.call("CancelSpotInstanceRequests", { SpotInstanceRequestIds: ["sir-nope"] })).toMatchObject({
      ok: false,
      error: { code: "InvalidSpotInstanceRequestID.NotFound" },
    });
  });

  test("a spot instance cannot be stopped by its owner", () => {
    const { cloud } = world();
    const r = cloud.call("RunInstances", run(A, 1, { InstanceMarketOptions: { MarketType: "spot" } }));
    const id = r.ok ? (r.value.Instances[0]?.InstanceId as string) : "";
    expect(r.ok && r.value.Instances[0]?.InstanceLifecycle).toBe("spot");
    expect(cloud.call("StopInstances", { InstanceIds: [id] })).toMatchObject({ ok: false, error: { code: "UnsupportedOperation" } });
  });

  test("on-demand demand on a full pool interrupts spot instances: warning now, reclaim exactly 120 s later, then the launch fits", () => {
    const { sim, cloud, traced } = world({ [`${A}/r6g.large`]: 2 });
    cloud.call("RunInstances", run(A, 2, { InstanceMarketOptions: { MarketType: "spot" } }));
    sim.runFor(60_000);
    expect(cloud.call("RunInstances", run(A, 1))).toMatchObject({ ok: false, error: { code: "InsufficientInstanceCapacity" } });
    const interrupted = cloud.ec2.list().filter((i) => i.interruption);
    expect(interrupted.map((i) => [i.interruption?.warningAtMs, i.interruption?.reclaimAtMs])).toEqual([[60_000, 180_000]]);
    sim.runFor(119_999);
    expect(interrupted[0]?.state).toBe("running");
    sim.runFor(1);
    expect(interrupted[0]).toMatchObject({ state: "terminated", stateReason: { Code: "Server.SpotInstanceTermination" } });
    expect(cloud.call("RunInstances", run(A, 1)).ok).toBe(true);
    expect(traced("spot")).toEqual([
      `60000 spot ${interrupted[0]?.id} rebalance-recommendation reason=capacity`,
      `60000 spot ${interrupted[0]?.id} interruption-warning reclaim-at=180000`,
      `180000 spot ${interrupted[0]?.id} reclaimed reason=capacity`,
    ]);
  });
});

describe("zone faults and injected capacity errors", () => {
  test("a zone power loss stops its instances and refuses launches there; power back starts them again", () => {
    const { sim, cloud } = world();
    cloud.call("RunInstances", run(A, 1));
    cloud.call("RunInstances", run(B, 1));
    sim.runFor(60_000);
    cloud.zones.losePower(A, { forMs: 600_000 });
    expect(cloud.ec2.list().map((i) => [i.az, i.state, i.stateReason?.Code])).toEqual([
      [A, "stopped", "Server.InternalError"],
      [B, "running", undefined],
    ]);
    expect(cloud.call("RunInstances", run(A, 1))).toMatchObject({ ok: false, error: { code: "InsufficientInstanceCapacity" } });
    sim.runFor(600_000 + 60_000);
    expect(cloud.ec2.list().map((i) => i.state)).toEqual(["running", "running"]);
  });

  test("injected capacity errors hit only the targeted callers and zones, and end with the fault", () => {
    const { sim, cloud } = world();
    cloud.ec2.injectCapacityErrors({ principals: ["role/app"], zones: [A], forMs: 1_000 });
    expect(cloud.call("RunInstances", run(A, 1), "role/app")).toMatchObject({ ok: false, error: { code: "InsufficientInstanceCapacity" } });
    expect(cloud.call("RunInstances", run(B, 1), "role/app").ok).toBe(true);
    expect(cloud.call("RunInstances", run(A, 1), "role/other").ok).toBe(true);
    sim.runFor(1_000);
    expect(cloud.call("RunInstances", run(A, 1), "role/app").ok).toBe(true);
  });

  test("a percentage fails that share of launches, drawn from the seed", () => {
    const { cloud } = cloudWorld({ capacity: { slotsPerPool: 1_000 } });
    cloud.ec2.injectCapacityErrors({ percentage: 50 });
    const outcomes = Array.from({ length: 200 }, () => cloud.call("RunInstances", { ...run(A, 1), InstanceType: "m5.large" }).ok);
    const failed = outcomes.filter((o) => !o).length;
    expect(failed).toBeGreaterThan(70);
    expect(failed).toBeLessThan(130);
    expect(() => cloud.ec2.injectCapacityErrors({ percentage: 0 })).toThrow(/percentage must be an integer 1..100/);
  });

  test("designated capacity: finite slots no general launch gets, spot leases its unused part, only its owner launches into it, and only once the lessee is gone", () => {
    const { sim, cloud } = world({ [`${B}/r6g.large`]: 2 });
    const d = cloud.ec2.designate({ az: B, type: "r6g.large", count: 1, owners: ["contingency:db"] });
    if (!d.ok) throw new Error(d.error.message);
    const block = { reservation: { id: d.value.id } };
    // One general slot left: a second general launch finds none.
    expect(cloud.ec2.launch({ type: "r6g.large", az: B, count: 1, principal: "someone" }).ok).toBe(true);
    expect(cloud.ec2.launch({ type: "r6g.large", az: B, count: 1, principal: "someone" })).toMatchObject({ ok: false });
    // A spot instance leases the designated slot.
    const spot = cloud.ec2.launch({ type: "r6g.large", az: B, count: 1, spot: true, principal: "tenant" });
    expect(spot.ok && spot.value[0]?.reservationId).toBe(d.value.id);
    // Anyone else is refused; the owner is refused too while the lessee holds the slot.
    expect(cloud.ec2.launch({ type: "r6g.large", az: B, count: 1, principal: "someone", ...block })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining("designated for contingency:db") },
    });
    expect(cloud.ec2.launch({ type: "r6g.large", az: B, count: 1, principal: "contingency:db", ...block })).toMatchObject({
      ok: false,
      error: { code: "ReservationCapacityExceeded" },
    });
    sim.runFor(60_000);
    if (spot.ok) cloud.ec2.revokeSpotNow(spot.value[0]?.id as string, "test");
    sim.runFor(60_000);
    const owner = cloud.ec2.launch({ type: "r6g.large", az: B, count: 1, principal: "contingency:db", ...block });
    expect(owner.ok && owner.value[0]?.reservationId).toBe(d.value.id);
  });
  test("a designation moves (the roles swap): the new block admits spot and only its owner, the old one stops being designated, a full zone refuses the move", () => {
    const { sim, cloud } = world({ [`${A}/r6g.large`]: 1, [`${B}/r6g.large`]: 2 });
    const d = cloud.ec2.designate({ az: B, type: "r6g.large", count: 1, owners: ["contingency:db"] });
    if (!d.ok) throw new Error(d.error.message);
    const spec = { az: A, type: "r6g.large", count: 1, owners: ["contingency:db"] };
    expect(cloud.ec2.moveDesignation("cr-nope", spec)).toMatchObject({
      ok: false,
      error: { code: "InvalidCapacityReservationId.NotFound" },
    });
    // A general instance holds 1a's only slot: no room to move into, and nothing changes.
    const general = cloud.ec2.launch({ type: "r6g.large", az: A, count: 1, principal: "someone" });
    expect(cloud.ec2.moveDesignation(d.value.id, spec)).toMatchObject({ ok: false, error: { code: "InsufficientInstanceCapacity" } });
    expect(cloud.ec2.pools.reservations.find((r) => r.id === d.value.id)).toMatchObject({ designatedFor: ["contingency:db"], lent: true });
    sim.runFor(60_000);
    if (general.ok) cloud.ec2.terminate(general.value[0]?.id as string);
    sim.runFor(60_000);
    const moved = cloud.ec2.moveDesignation(d.value.id, spec);
    if (!moved.ok) throw new Error(moved.error.message);
    expect(moved.value).toMatchObject({ az: A, designatedFor: ["contingency:db"], lent: true });
    const old = cloud.ec2.pools.reservations.find((r) => r.id === d.value.id);
    expect({ owners: old?.designatedFor, lent: old?.lent, state: old?.state }).toEqual({ owners: undefined, lent: false, state: "active" });
    // Spot leases the new block; anyone but the owner is refused on demand there.
    const spot = cloud.ec2.launch({ type: "r6g.large", az: A, count: 1, spot: true, principal: "tenant" });
    expect(spot.ok && spot.value[0]?.reservationId).toBe(moved.value.id);
    expect(
      cloud.ec2.launch({ type: "r6g.large", az: A, count: 1, principal: "someone", reservation: { id: moved.value.id } }),
    ).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining("designated for contingency:db") },
    });
    // The old block is no longer lent: a spot launch in 1b takes the zone's general slot, not the block.
    const spotB = cloud.ec2.launch({ type: "r6g.large", az: B, count: 1, spot: true, principal: "tenant" });
    expect(spotB.ok && spotB.value[0]?.reservationId).toBeUndefined();
    expect(cloud.ec2.pools.problems()).toEqual([]);
  });
});
