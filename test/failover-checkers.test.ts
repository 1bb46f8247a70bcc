import { describe, expect, test } from "vitest";
import { sharingHappens } from "../runtime/checkers/failover-pair";
import type { DatabasePair } from "../runtime/database";
import { MIN, pairHarness, ZONES } from "./helpers/pair";

/**
 * Each checker against a planted bug: the pair runs clean for a minute, then one piece of state is
 * broken by hand (what a bug in the model would do), and the run must stop on that invariant.
 */
const plants: [string, string, (p: DatabasePair) => void][] = [
  [
    "the epoch goes down",
    "failover-pair/epoch-only-rises",
    (p) => {
      p.controlPlane.epoch = 0;
    },
  ],
  [
    "a write id commits twice",
    "failover-pair/commits-gapless-and-once",
    (p) => {
      const last = p.storage.commitAt(p.storage.latest);
      if (last) p.storage.append({ ...last, seq: p.storage.latest + 1 });
    },
  ],
  [
    "a read returns a state older than a write acknowledged before it was sent",
    "failover-pair/no-stale-results",
    (p) => {
      const inv = p.history.invoke({ database: p.spec.database, client: "client-a", kind: "read", atMs: 1e12 });
      p.history.complete({ id: inv.id, outcome: "ok", atMs: 1e12, viaRole: "coordinating", executor: "c2", remote: true, version: 0 });
    },
  ],
  [
    "a request gets two outcomes",
    "failover-pair/one-outcome-per-request",
    (p) => p.history.complete({ ...(p.history.completionAt(p.history.completed - 1) as DatabasePair["history"]["completions"][number]) }),
  ],
  [
    "the supporting cluster shrinks while PAIRED",
    "failover-pair/standby-capacity-in-advance",
    (p) => {
      const s = p.controlPlane.supporting;
      if (s) s.config = { ...s.config, nodeCount: 1 };
    },
  ],
  [
    "a cluster keeps a disabled key",
    "failover-pair/enabled-keys-only",
    (p) => void p.controlPlane.keysDisabled.add(p.controlPlane.coordinator.config.keyId),
  ],
  [
    "a failed cluster becomes coordinator directly",
    "failover-pair/legal-role-transitions",
    (p) => void p.controlPlane.roleChanges.push({ cluster: "c1", from: "failed", to: "coordinating", epoch: 1, atMs: 0 }),
  ],
  [
    "a result shows a version beyond every write the clients sent",
    "failover-pair/results-show-only-sent-writes",
    (p) => {
      const inv = p.history.invoke({ database: p.spec.database, client: "client-a", kind: "read", atMs: 0 });
      // Every request sent, reads included, is more than the distinct writes sent.
      p.history.complete({ id: inv.id, outcome: "ok", atMs: 0, viaRole: "coordinating", version: p.history.sent + 5, seenWrite: "x" });
    },
  ],
  [
    "a result shows another database's write",
    "failover-pair/results-show-only-sent-writes",
    (p) => {
      const inv = p.history.invoke({ database: p.spec.database, client: "client-a", kind: "read", atMs: 0 });
      p.history.complete({ id: inv.id, outcome: "ok", atMs: 0, viaRole: "coordinating", version: 1, seenWrite: "orders/client-a-w1" });
    },
  ],
  [
    "a copy holds an acknowledged write at another version",
    "failover-pair/results-show-only-sent-writes",
    (p) => {
      const first = p.storage.at(1);
      const inv = p.history.invoke({ database: p.spec.database, client: "client-a", kind: "read", atMs: 0 });
      p.history.complete({ id: inv.id, outcome: "ok", atMs: 0, viaRole: "coordinating", version: 2, seenWrite: first?.writeId });
    },
  ],
];

describe("each failover pair checker catches its planted bug", () => {
  test.each(plants)("%s → %s", (_, invariant, plant) => {
    const h = pairHarness({ seed: 1, profile: "fast" });
    h.sim.at(h.ms(1 * MIN), "plant the bug", () => plant(h.pair));
    const report = h.run(h.ms(5 * MIN), h.ms(1 * MIN));
    expect(report.failure).toMatchObject({ invariant, kind: "correctness", atMs: h.ms(1 * MIN) });
  });

  test("available-zones-only: a pair placed within one zone is caught at once", () => {
    const h = pairHarness({
      seed: 1,
      profile: "fast",
      members: [
        { name: "c1", zone: ZONES[0], role: "coordinator" },
        { name: "c2", zone: ZONES[0], role: "supporting" },
      ],
    });
    expect(h.run(h.ms(1 * MIN)).failure).toMatchObject({
      invariant: "failover-pair/available-zones-only",
      message: expect.stringMatching(/both in us-east-1a/),
    });
  });

  test("standby-shares-load: under load while PAIRED, no remote execution at all is a violation", () => {
    const h = pairHarness({ seed: 1, profile: "fast" });
    h.run(h.ms(10 * MIN), h.ms(1 * MIN));
    expect(sharingHappens([h.pair]).atEnd?.()).toBeUndefined();
    h.pair.workload.counts.pairedRemote = 0;
    expect(sharingHappens([h.pair]).atEnd?.()).toMatch(/requests while PAIRED, none ran on the supporting cluster/);
  });
});

describe("an acknowledged write lost long after it was acknowledged", () => {
  /** Two virtual hours of the pair's workload; then storage's commit 5 (acknowledged in the first seconds) holds another write. */
  function lateLoss(plant: boolean) {
    const h = pairHarness({ seed: 1, trace: false });
    h.sim.at(2 * 60 * MIN, "an old commit is rewritten", () => {
      if (!plant) return;
      h.pair.storage.rewrite(5, "warehouse/client-us-east-1a-w999999");
    });
    return { h, report: h.run(2 * 60 * MIN + 10 * MIN, 15 * MIN) };
  }

  test("is still found: no-acknowledged-write-lost names the write and its sequence", () => {
    const { h, report } = lateLoss(true);
    expect(h.pair.storage.latest).toBeGreaterThan(5_000);
    expect(report.failure).toMatchObject({
      invariant: "failover-pair/no-acknowledged-write-lost",
      message: expect.stringMatching(/acknowledged write warehouse\/client-us-east-1.-w\d+ \(seq 5\) is not in storage/),
    });
  });

  test("the same run without the loss holds", () => {
    expect(lateLoss(false).report.failure).toBeUndefined();
  });
});
