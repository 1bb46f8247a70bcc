/**
 * Config changes between two versions of a plan: what `reconfigure` must copy from the
 * coordinator to the supporting cluster when someone edits `number_of_nodes`, the key or the network.
 */
import type { DatabaseClusterNode, Topology } from "../plan/topology";
import type { ClusterConfig } from "./cluster";
import { configOf } from "./pair-from-topology";

/** The fields of `after` that differ from `before` (an empty object when none do). */
export function diffConfig(before: ClusterConfig, after: ClusterConfig): Partial<ClusterConfig> {
  const patch: { -readonly [K in keyof ClusterConfig]?: ClusterConfig[K] } = {};
  if (before.nodeType !== after.nodeType) patch.nodeType = after.nodeType;
  if (before.nodeCount !== after.nodeCount) patch.nodeCount = after.nodeCount;
  if (before.keyId !== after.keyId) patch.keyId = after.keyId;
  const net = (n: readonly string[]) => [...n].sort().join("\n");
  if (net(before.network) !== net(after.network)) patch.network = [...after.network].sort();
  return patch;
}

/** Per database present in both plans, the config patch (databases without a change are left out). */
export function diffPlans(before: Topology, after: Topology): { readonly database: string; readonly patch: Partial<ClusterConfig> }[] {
  const byAddress = new Map<string, DatabaseClusterNode>(before.databases.map((d) => [d.address, d]));
  const out: { database: string; patch: Partial<ClusterConfig> }[] = [];
  for (const db of after.databases) {
    const was = byAddress.get(db.address);
    if (!was) continue;
    const patch = diffConfig(configOf(was), configOf(db));
    if (Object.keys(patch).length) out.push({ database: db.address, patch });
  }
  return out;
}
