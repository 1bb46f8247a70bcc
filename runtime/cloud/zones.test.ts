import { describe, expect, test } from "vitest";
import { cloudWorld } from "../../test/helpers/cloud";

describe("zones follow the kernel's faults", () => {
  test("a power loss injected straight into the kernel (as chaos does) impairs the zone and ends with the fault", () => {
    const { sim, cloud, traced } = cloudWorld();
    sim.faults.powerLoss("us-east-1b", { forMs: 1_000 });
    expect([cloud.zones.isPowered("us-east-1b"), cloud.zones.isAvailable("us-east-1b")]).toEqual([false, false]);
    expect(cloud.call("DescribeAvailabilityZones", {})).toMatchObject({
      ok: true,
      value: { AvailabilityZones: [{ State: "available" }, { State: "impaired" }, { State: "available" }] },
    });
    sim.runFor(1_000);
    expect(cloud.zones.isAvailable("us-east-1b")).toBe(true);
    expect(traced("zone")).toEqual(["0 zone us-east-1b power-off state=impaired", "1000 zone us-east-1b power-on state=available"]);
  });

  test("an isolated zone keeps power but is unreachable until the last cut heals; the quiet phase heals everything", () => {
    const { sim, cloud } = cloudWorld();
    cloud.zones.isolate("us-east-1a", { forMs: 1_000 });
    cloud.zones.isolate("us-east-1a");
    sim.runFor(1_000);
    expect([cloud.zones.isPowered("us-east-1a"), cloud.zones.isAvailable("us-east-1a")]).toEqual([true, false]);
    sim.beginQuietPhase();
    expect(cloud.zones.isAvailable("us-east-1a")).toBe(true);
  });

  test("zones are known by name or id; faults on unknown zones are refused", () => {
    const { cloud } = cloudWorld();
    expect([cloud.zones.resolve("use1-az3"), cloud.zones.resolve("us-east-1a"), cloud.zones.resolve("eu-west-1a")]).toEqual([
      "us-east-1c",
      "us-east-1a",
      undefined,
    ]);
    expect(() => cloud.zones.losePower("us-west-2a")).toThrow(
      /no zone "us-west-2a" in this cloud; zones: us-east-1a, us-east-1b, us-east-1c/,
    );
  });
});
