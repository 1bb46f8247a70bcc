import { MockCloud, type MockCloudOptions } from "../../runtime/cloud/mock-cloud";
import { Simulation } from "../../runtime/sim/simulation";

/** A simulation with a mock cloud in us-east-1 (zones a, b, c) and a captured trace. */
export function cloudWorld(options: MockCloudOptions & { readonly seed?: number } = {}) {
  const lines: string[] = [];
  const sim = new Simulation({ seed: options.seed ?? 1, trace: { sink: (l) => lines.push(l) } });
  const cloud = new MockCloud(sim.env, options);
  /** Trace lines of `kind` (without the time and step), e.g. `rds orders failover-start …`. */
  const traced = (...kinds: string[]) =>
    lines
      .map((l) => l.split(" "))
      .filter((f) => kinds.includes(f[2] as string))
      .map((f) => `${f[0]} ${f.slice(2).join(" ")}`);
  return { sim, cloud, lines, traced };
}

/**
 * An Aurora cluster `orders`: writer `w` in zone a (tier 0), same-size standby `s` in b (tier 1),
 * smaller reader `r` in c (tier 2) — the shape of the foundation example.
 */
export function ordersCluster(cloud: MockCloud) {
  cloud.rds.addCluster({ id: "orders", engine: "aurora-postgresql", kind: "aurora", zones: cloud.zones.names(), storageEncrypted: true });
  cloud.rds.addInstance({ id: "w", clusterId: "orders", instanceClass: "db.r6g.large", az: "us-east-1a", promotionTier: 0, writer: true });
  cloud.rds.addInstance({ id: "s", clusterId: "orders", instanceClass: "db.r6g.large", az: "us-east-1b", promotionTier: 1 });
  cloud.rds.addInstance({ id: "r", clusterId: "orders", instanceClass: "db.r6g.medium", az: "us-east-1c", promotionTier: 2 });
  return cloud.rds.clusters.get("orders") as NonNullable<ReturnType<typeof cloud.rds.clusters.get>>;
}
