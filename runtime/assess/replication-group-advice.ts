/**
 * What would change a breach for an ElastiCache replication group, from what the worst seed
 * measured (the seed is run again with its failovers recorded). Each piece names the construct prop
 * (`MultiAzDatabase` with `engine: "elasticache"`) or the Terraform attribute of
 * `aws_elasticache_replication_group`; where no plan change helps it says which target to raise.
 */
import { formatGoDuration } from "../../lib/contract/plan-contract";
import type { AdviceInput } from "./advice";
import { worstSeedFailover } from "./worst-seed-failover";

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const roundUpSeconds = (ms: number) => Math.ceil(ms / 1000) * 1000;

export function replicationGroupAdvice(a: AdviceInput): string[] {
  const out: string[] = [];
  if (a.rto.breaches > 0) out.push(...rtoAdvice(a));
  if (a.rpo.breaches > 0)
    out.push(
      `RPO: the worst seed lost acknowledged writes spanning ${a.rpo.maxMs === null ? "?" : s(a.rpo.maxMs)} (p99 ${a.rpo.p99Ms === null ? "?" : s(a.rpo.p99Ms)}). Valkey and Redis OSS replicate asynchronously, so a failover loses what the promoted replica had not applied; no setting of ${a.db.address} (automatic_failover_enabled, num_cache_clusters) removes it. Raise policy.${a.type}.rpo (${a.objective.rpo}) to at least ${a.rpo.p99Ms === null ? "the measured loss" : formatGoDuration(roundUpSeconds(a.rpo.p99Ms))}, or keep this data where an acknowledged write survives a failover (MemoryDB, aws_memorydb_cluster, writes to a Multi-AZ transaction log before acknowledging).`,
    );
  return out;
}

function rtoAdvice(a: AdviceInput): string[] {
  const out: string[] = [];
  const target = `policy.${a.type}.rto (${a.objective.rto})`;
  const p99 = a.rto.p99Ms === null ? "the measured outage" : formatGoDuration(roundUpSeconds(a.rto.p99Ms));
  const zones = new Set(a.db.instances.map((i) => i.availabilityZone).filter((z) => z !== undefined));
  if (a.db.automaticFailover === false)
    out.push(
      `automatic_failover_enabled is off on ${a.db.address}: ElastiCache promotes no replica, so clients wait for the lost node itself. Set automatic_failover_enabled = true and multi_az_enabled = true (MultiAzDatabase with engine "elasticache" sets both).`,
    );
  if (a.db.instances.length < 2 || zones.size < 2)
    out.push(
      `${a.db.address} has no replica in another zone to promote. Add one (num_cache_clusters ≥ 2 with preferred_cache_cluster_azs naming another zone; MultiAzDatabase \`replicaAvailabilityZones\`).`,
    );
  if (out.length) return out;
  const failover = worstSeedFailover(a);
  if (!failover?.rto) {
    out.push(
      `Clients were cut off ${a.rto.maxMs === null ? "until the run ended" : `for ${s(a.rto.maxMs)}`} without a promotion: the ${a.worstUnit.scenario} fault was waited out in place. Raise ${target} to at least ${p99}, or accept the breach.`,
    );
    return out;
  }
  const rto = failover.rto;
  const controlPlane = rto.detectionMs + rto.promotionMs + rto.switchMs;
  const afterSwitch = rto.clientOutageMs - controlPlane;
  if (afterSwitch > 0)
    out.push(
      `Clients waited ${s(afterSwitch)} more after the primary endpoint's DNS record moved to ${failover.toInstance} (the whole outage was ${s(rto.clientOutageMs)}): they held the old answer, and a write to the demoted node gets READONLY. No plan attribute shortens it; have clients resolve the primary endpoint again when they reconnect or get READONLY.`,
    );
  if (a.type === "az" && zones.size < 3)
    out.push(
      `Only ${zones.size} zones hold ${a.db.address}'s nodes: after losing one, the promoted primary has no replica in another zone until the lost zone is back. Add a replica in a third zone (preferred_cache_cluster_azs and num_cache_clusters; MultiAzDatabase \`replicaAvailabilityZones\`).`,
    );
  if (a.objective.rtoMs < controlPlane)
    out.push(
      `The target is below what ElastiCache alone took: detection ${s(rto.detectionMs)} + promotion ${s(rto.promotionMs)} + DNS update ${s(rto.switchMs)} = ${s(controlPlane)}. No plan change gets under it; raise ${target} to at least ${p99} (the measured p99).`,
    );
  if (out.length === 0)
    out.push(
      `The measured p99 (${a.rto.p99Ms === null ? "never ended" : s(a.rto.p99Ms)}) is above ${target}, and the worst seed's failover shows no setting to change (detection ${s(rto.detectionMs)}, promotion ${s(rto.promotionMs)}, DNS update ${s(rto.switchMs)}, clients ${s(rto.clientOutageMs)}). Raise the target to at least ${p99}.`,
    );
  return out;
}
