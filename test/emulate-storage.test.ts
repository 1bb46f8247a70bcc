/**
 * Seed 003 inside `emulate`: the storage scenarios on the Aurora example each end with a verified
 * restore of the right kind; an AZ outage recovers the database from its persisted logs.
 */
import { describe, expect, test } from "vitest";
import { parsePlan } from "../runtime/plan";
import { emulate } from "../runtime/scenarios";
import { synthAuroraExample } from "./helpers/examples";

const topology = parsePlan(synthAuroraExample(), "aurora-postgres");

describe("storage scenarios on the Aurora example", () => {
  test.each([
    ["pitr-restore", "pitr"],
    ["clone", "clone"],
    ["hibernate-wake", "wake"],
    ["az-outage", "pitr"],
  ])("%s: one verified %s restore, every invariant held", (scenario, kind) => {
    const { result } = emulate({ topology, scenario, seed: 11 });
    expect(result.restores).toHaveLength(1);
    expect(result.restores[0]).toMatchObject({ kind, verified: true });
    expect(result.invariants.filter((i) => !i.ok)).toEqual([]);
    expect(result.invariants.map((i) => i.id)).toEqual(
      expect.arrayContaining(["storage-I3-clone-fidelity", "storage-I11-workflows-end", "storage-I13-retry-bound", "storage-I15-dns"]),
    );
  });

  test("the point-in-time restore lands 20 minutes before it was asked for", () => {
    const { result } = emulate({ topology, scenario: "pitr-restore", seed: 11 });
    const askedAt = 2 * 60_000 + 30 * 60_000;
    expect(result.restores[0]?.pointMs).toBe(askedAt - 20 * 60_000);
  });

  test("a seed replays: same result, trace hash included", () => {
    const a = emulate({ topology, scenario: "hibernate-wake", seed: 4 }).result;
    expect(emulate({ topology, scenario: "hibernate-wake", seed: 4 }).result).toEqual(a);
  });
});
