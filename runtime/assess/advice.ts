/**
 * What would change a breach, from what the worst seed measured: the seed is run again with its
 * failovers recorded, and each piece of advice names the construct prop or Terraform attribute to
 * change, with the measured figure it rests on. Advice that no plan change can give (a target below
 * what detection and promotion alone take) says so, and says which target to raise.
 */

import { formatGoDuration } from "../../lib/contract/plan-contract";
import type { CampaignUnit } from "../campaign/run-unit";
import type { InputLimits } from "../plan/input-file";
import type { DatabaseClusterNode, Topology } from "../plan/topology";
import type { DisruptionType, RecoveryObjective } from "../plan/topology-policies";
import type { MeasureSummary } from "./assessment";
import { replicationGroupAdvice } from "./replication-group-advice";
import { worstSeedFailover } from "./worst-seed-failover";

export interface AdviceInput {
  readonly type: DisruptionType;
  readonly db: DatabaseClusterNode;
  readonly objective: RecoveryObjective;
  readonly rto: MeasureSummary;
  readonly rpo: MeasureSummary;
  readonly worstUnit: CampaignUnit;
  readonly topology: Topology;
  readonly inputLimits?: InputLimits | undefined;
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function adviceFor(a: AdviceInput): string[] {
  // ElastiCache replicates asynchronously and has no proxy: its own advice.
  if (a.db.kind === "elasticache") return replicationGroupAdvice(a);
  const out: string[] = [];
  const rtoBreached = a.rto.breaches > 0;
  if (rtoBreached) out.push(...rtoAdvice(a));
  if (a.rpo.breaches > 0)
    out.push(
      `RPO: acknowledged writes were lost (worst seed: ${a.rpo.maxMs === null ? "?" : s(a.rpo.maxMs)} of writes). ${a.db.engine} replicates synchronously to its standbys, so no setting trades this away: replay the worst seed and report it as a durability failure.`,
    );
  return out;
}

function rtoAdvice(a: AdviceInput): string[] {
  const out: string[] = [];
  const failover = worstSeedFailover(a);
  const writer = a.db.instances[0];
  const target = `policy.${a.type}.rto (${a.objective.rto})`;
  if (!failover) {
    if (a.db.instances.length < 2)
      out.push(
        `No standby took over: ${a.db.address} has only its writer. Add a standby in another zone (MultiAzDatabase \`standbys\`, or an aws_rds_cluster_instance with another availability_zone).`,
      );
    else if (a.type !== "az")
      out.push(
        `Clients were cut off ${a.rto.maxMs === null ? "until the run ended" : `for ${s(a.rto.maxMs)}`} without a failover: the ${a.worstUnit.scenario} fault is waited out in place, so its length, not the topology, sets the outage. Raise ${target} to at least the measured p99 (${a.rto.p99Ms === null ? "never ended" : formatGoDuration(roundUpSeconds(a.rto.p99Ms))}), or accept the breach.`,
      );
    return out;
  }
  const rto = failover.rto as NonNullable<typeof failover.rto>;
  const proxied = a.topology.dbProxies.some((p) => p.target && "address" in p.target && p.target.address === a.db.address);
  // Without a proxy the switch is the DNS record's update: a proxy would not wait for it.
  const controlPlane = rto.detectionMs + rto.promotionMs + (proxied ? rto.switchMs : 0);
  const dnsWait = rto.clientOutageMs - rto.detectionMs - rto.promotionMs;
  if (!proxied && dnsWait > 0)
    out.push(
      `Clients waited ${s(dnsWait)} after the standby was promoted: ${s(rto.switchMs)} for the endpoint's DNS record to name it, then ${s(Math.max(0, dnsWait - rto.switchMs))} of cached answers and client timeouts (the whole outage was ${s(rto.clientOutageMs)}). RDS Proxy in front (MultiAzDatabase \`proxy\`, or aws_db_proxy with an aws_db_proxy_target for ${a.db.address}) routes to the new writer without waiting for DNS, which removes most of that wait, not detection or promotion.`,
    );
  const promoted = a.db.instances.find(
    (i) => i.address === failover.toInstance || i.member === failover.toInstance || i.identifier === failover.toInstance,
  );
  if (writer && promoted && promoted !== writer && promoted.instanceClass !== writer.instanceClass)
    out.push(
      `The standby promoted (${promoted.address}) is ${promoted.instanceClass} while the writer was ${writer.instanceClass}. Give failover standbys the writer's class (Standby.sameAsWriter, or instance_class on ${promoted.address}).`,
    );
  const zones = new Set(a.db.instances.map((i) => i.availabilityZone).filter((z) => z !== undefined));
  if (a.type === "az" && a.db.instances.every((i) => i.availabilityZone !== undefined) && zones.size < 3)
    out.push(
      `Only ${zones.size} zone${zones.size === 1 ? "" : "s"} hold${zones.size === 1 ? "s" : ""} ${a.db.address}'s instances: after losing one there is no third zone to re-pair in. Add a standby in a third zone (MultiAzDatabase \`standbys\`, availability_zone of an aws_rds_cluster_instance).`,
    );
  if (a.objective.rtoMs < controlPlane)
    out.push(
      `The target is below what the control plane alone took: detection ${s(rto.detectionMs)} + promotion ${s(rto.promotionMs)}${proxied ? ` + proxy switch ${s(rto.switchMs)}` : ""} = ${s(controlPlane)}. No plan change gets under it; raise ${target} to at least ${formatGoDuration(roundUpSeconds(a.rto.p99Ms ?? controlPlane))} (the measured p99).`,
    );
  if (out.length === 0)
    out.push(
      `The measured p99 (${a.rto.p99Ms === null ? "never ended" : s(a.rto.p99Ms)}) is above ${target}, and the worst seed's failover shows no plan setting to change (detection ${s(rto.detectionMs)}, promotion ${s(rto.promotionMs)}, switch ${s(rto.switchMs)}, clients ${s(rto.clientOutageMs)}). Raise the target to at least ${a.rto.p99Ms === null ? "the measured outage" : formatGoDuration(roundUpSeconds(a.rto.p99Ms))}.`,
    );
  return out;
}

function roundUpSeconds(ms: number): number {
  return Math.ceil(ms / 1000) * 1000;
}
