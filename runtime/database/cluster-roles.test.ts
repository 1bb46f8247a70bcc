/**
 * A processing cluster's roles and its "same shape" comparison, each pinned on its own (found by
 * mutation testing, `npm run mutate:systems`). The expectations come from what the failover pair
 * promises, not from the code: only the coordinator serves the endpoint; coordinating and
 * supporting clusters run the engine; a standby must match the writer in node type, node count,
 * KMS key and network (Redshift and Aurora restore a standby only into the same key and subnets),
 * and differing in any single one of them is a different shape.
 */
import { describe, expect, test } from "vitest";
import { Simulation } from "../sim/simulation";
import { type ClusterConfig, type ClusterRole, formatConfig, ProcessingCluster, sameConfig } from "./cluster";

const writer: ClusterConfig = { nodeType: "ra3.xlplus", nodeCount: 2, keyId: "key-1", network: ["sg-a", "subnets-1"] };

describe("sameConfig", () => {
  test("equal in every part is the same shape, copies included", () => {
    expect(sameConfig(writer, { ...writer, network: [...writer.network] })).toBe(true);
    expect(sameConfig({ ...writer, network: [] }, { ...writer, network: [] })).toBe(true);
  });

  test.each<[string, Partial<ClusterConfig>]>([
    ["node type", { nodeType: "ra3.4xlarge" }],
    ["node count", { nodeCount: 3 }],
    ["KMS key", { keyId: "key-2" }],
    ["one network part", { network: ["sg-a", "subnets-2"] }],
    ["a network part more", { network: ["sg-a", "subnets-1", "sg-b"] }],
    ["a network part fewer", { network: ["sg-a"] }],
  ])("a different %s is a different shape, either way round", (_part, change) => {
    const standby = { ...writer, ...change };
    expect(sameConfig(writer, standby)).toBe(false);
    expect(sameConfig(standby, writer)).toBe(false);
  });
});

describe("formatConfig", () => {
  test("names every part; an empty network shows as a dash", () => {
    expect(formatConfig(writer)).toBe("type=ra3.xlplus nodes=2 key=key-1 net=sg-a,subnets-1");
    expect(formatConfig({ ...writer, network: [] })).toBe("type=ra3.xlplus nodes=2 key=key-1 net=-");
  });
});

describe("a cluster's role at creation", () => {
  const cluster = (role: ClusterRole, name = "c") => {
    const sim = new Simulation({ seed: 1, scenario: "unit" });
    return { sim, c: new ProcessingCluster(sim.env, name, `db/x/${name}`, "z1", writer, role, 7) };
  };

  test.each<[ClusterRole, boolean, boolean]>([
    ["coordinating", true, true],
    ["supporting", false, true],
    ["pooled", false, false],
    ["failed", false, false],
  ])("%s: endpoint %s, engine %s; the control plane's view starts equal; running and up", (role, endpoint, engine) => {
    const { c } = cluster(role);
    expect([c.role, c.assigned, c.endpointEnabled, c.engineEnabled, c.epoch, c.status, c.up]).toEqual([
      role,
      role,
      endpoint,
      engine,
      7,
      "running",
      true,
    ]);
    expect(c.leader).toEqual({ sharing: false, queued: 0, remoteQueued: 0 });
    expect(c.metadataVersion).toBe(0);
  });

  test("a crashed cluster is down until it is restarted", () => {
    const { sim, c } = cluster("coordinating");
    sim.faults.crash("db/x/c");
    expect(c.up).toBe(false);
    sim.faults.restart("db/x/c");
    expect(c.up).toBe(true);
  });

  test("release stops it for good: no endpoint, no engine, no sharing, its actor retired, down", () => {
    const { sim, c } = cluster("coordinating");
    c.leader.sharing = true;
    c.release();
    expect([c.role, c.status, c.endpointEnabled, c.engineEnabled, c.leader.sharing, c.up]).toEqual([
      "released",
      "released",
      false,
      false,
      false,
      false,
    ]);
    expect(sim.env.actor("db/x/c")?.up ?? false).toBe(false);
  });

  test("a released cluster stays down even if its process is started again", () => {
    const { sim, c } = cluster("coordinating");
    c.release();
    sim.faults.restart("db/x/c");
    expect(c.up).toBe(false);
  });

  test("catching up applies the storage's commits in order, never past the storage's latest", () => {
    const { c } = cluster("supporting");
    const log = ["w1", "w2", "w3"];
    const storage = {
      latest: log.length,
      at: (seq: number) => (seq >= 1 && seq <= log.length ? { writeId: log[seq - 1] as string } : undefined),
    };
    c.catchUp(storage, 2);
    expect([c.metadataVersion, c.appliedAt(1), c.appliedAt(2), c.appliedAt(3)]).toEqual([2, "w1", "w2", undefined]);
    c.catchUp(storage, 10); // asked past the end: stops at the storage's latest
    expect([c.metadataVersion, c.appliedAt(3), c.appliedAt(0)]).toEqual([3, "w3", undefined]);
  });
});
