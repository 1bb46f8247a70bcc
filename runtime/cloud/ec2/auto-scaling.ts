/**
 * Auto Scaling groups as EC2 Auto Scaling runs them: the group keeps `desired` healthy instances,
 * split between on-demand and spot by its mixed instances policy, balanced across its zones. A
 * member that stops (its zone lost power) or is reclaimed is replaced in a zone that has capacity,
 * `asgReplaceMs` later; with capacity rebalancing, a spot member's rebalance recommendation starts
 * its replacement early. Launches that fail for capacity are retried every `asgRetryMs`.
 *
 * Not modelled: scaling policies, AZ rebalancing once a zone recovers, warm pools, lifecycle hooks.
 */
import type { Random, TimerHandle } from "../../sim/ports";
import type { Tag } from "../api/ec2-types";
import type { CloudContext } from "../cloud-context";
import type { EventBus } from "../events/event-bus";
import type { ZoneService } from "../zones";
import { holdsSlot } from "./capacity-pools";
import type { Ec2Service, InstanceRecord } from "./ec2-service";

export interface AutoScalingGroupSpec {
  readonly name: string;
  /** The plan's address, for groups loaded from a plan. */
  readonly address?: string;
  readonly desired: number;
  readonly zones: readonly string[];
  /** Instance types in order of preference (launch template type, then overrides). */
  readonly instanceTypes: readonly string[];
  /** On-demand instances before any spot. */
  readonly onDemandBase: number;
  /** Share of the capacity above the base that is on-demand (the rest is spot), 0–100. */
  readonly onDemandPercentAboveBase: number;
  /** Launch a replacement when a spot member gets a rebalance recommendation. */
  readonly capacityRebalance: boolean;
  readonly tags: readonly Tag[];
}

interface Group {
  readonly spec: AutoScalingGroupSpec;
  /** The spec's desired capacity until SetDesiredCapacity changes it. */
  desired: number;
  readonly members: string[];
  pending: TimerHandle | undefined;
}

/** The principal a group launches as (`autoscaling:<name>`): injected capacity errors may target it. */
export function autoScalingPrincipal(group: string): string {
  return `autoscaling:${group}`;
}

export class AutoScalingService {
  private readonly groups = new Map<string, Group>();
  private readonly random: Random;

  constructor(
    private readonly ctx: CloudContext,
    private readonly ec2: Ec2Service,
    private readonly zones: ZoneService,
    bus: EventBus,
  ) {
    this.random = ctx.random.fork("autoscaling");
    ec2.onStateChange((i) => {
      if (i.group !== undefined && (i.state === "stopped" || i.state === "terminated")) this.schedule(i.group, ctx.profile.asgReplaceMs);
    });
    bus.subscribe({ pattern: { source: ["aws.ec2"], "detail-type": ["EC2 Instance Rebalance Recommendation"] } }, (e) => {
      const i = this.ec2.get(String(e.detail["instance-id"]));
      const g = i?.group !== undefined ? this.groups.get(i.group) : undefined;
      if (g?.spec.capacityRebalance) this.reconcile(g);
    });
  }

  add(spec: AutoScalingGroupSpec): void {
    if (this.groups.has(spec.name)) throw new RangeError(`an Auto Scaling group named "${spec.name}" exists`);
    if (spec.instanceTypes.length === 0) throw new RangeError(`Auto Scaling group ${spec.name} has no instance type`);
    const g: Group = { spec, desired: spec.desired, members: [], pending: undefined };
    this.groups.set(spec.name, g);
    this.ctx.note(
      "asg",
      spec.name,
      `desired=${spec.desired} zones=${spec.zones.join(",")} on-demand-base=${spec.onDemandBase} on-demand-above=${spec.onDemandPercentAboveBase}%`,
    );
    this.reconcile(g);
  }

  /**
   * SetDesiredCapacity: the group launches up to the new count; a lower count launches nothing
   * and terminates no member (whoever lowers it removes the members it means to).
   */
  setDesired(name: string, desired: number): boolean {
    const g = this.groups.get(name);
    if (!g || !Number.isSafeInteger(desired) || desired < 0) return false;
    g.desired = desired;
    this.ctx.note("asg", name, `desired=${desired}`);
    this.reconcile(g);
    return true;
  }

  /** Members that hold capacity (pending, running, stopping). */
  members(name: string): InstanceRecord[] {
    const g = this.groups.get(name);
    return g ? g.members.map((id) => this.ec2.get(id) as InstanceRecord).filter(holdsSlot) : [];
  }

  specs(): AutoScalingGroupSpec[] {
    return [...this.groups.values()].map((g) => g.spec);
  }

  private schedule(name: string, d: { readonly minMs: number; readonly maxMs: number }): void {
    const g = this.groups.get(name);
    if (!g || g.pending) return;
    g.pending = this.ctx.env.timers.after(this.ctx.draw(this.random, d), `asg ${name}`, () => {
      g.pending = undefined;
      this.reconcile(g);
    });
  }

  private reconcile(g: Group): void {
    const { spec } = g;
    for (const id of [...g.members]) {
      const i = this.ec2.get(id) as InstanceRecord;
      if (i.state === "stopped")
        this.ec2.terminate(id, { Code: "Client.UserInitiatedShutdown", Message: "Replaced by Auto Scaling: unhealthy" });
      if (i.state === "terminated") g.members.splice(g.members.indexOf(id), 1);
    }
    const healthy = g.members
      .map((id) => this.ec2.get(id) as InstanceRecord)
      .filter((i) => holdsSlot(i) && !(spec.capacityRebalance && i.interruption));
    const above = Math.max(0, g.desired - spec.onDemandBase);
    const onDemandTarget = Math.min(g.desired, spec.onDemandBase) + Math.ceil((above * spec.onDemandPercentAboveBase) / 100);
    let onDemand = healthy.filter((i) => i.lifecycle === "on-demand").length;
    // Pools that refused a launch in this pass are not asked again until the next one.
    const refused = new Set<string>();
    for (let missing = g.desired - healthy.length; missing > 0; missing--) {
      const spot = onDemand >= onDemandTarget;
      // BUGGIFY: every zone answers InsufficientInstanceCapacity for this pass (others' demand surged).
      const launched = this.ctx.env.buggify("asg-no-capacity-anywhere") ? undefined : this.launchOne(g, spot, healthy, refused);
      this.ctx.env.sometimes("auto scaling group found no capacity in any zone", launched === undefined);
      if (!launched) {
        this.schedule(spec.name, this.ctx.profile.asgRetryMs);
        return;
      }
      healthy.push(launched);
      if (!spot) onDemand++;
    }
  }

  /** One instance in the least-used zone that takes it, preferred type first; `refused` pools are skipped. */
  private launchOne(g: Group, spot: boolean, healthy: readonly InstanceRecord[], refused: Set<string>): InstanceRecord | undefined {
    const perZone = new Map<string, number>();
    for (const i of healthy) perZone.set(i.az, (perZone.get(i.az) ?? 0) + 1);
    const count = (z: string) => perZone.get(z) ?? 0;
    const zones = g.spec.zones.filter((z) => this.zones.has(z)).sort((a, b) => count(a) - count(b) || a.localeCompare(b));
    for (const az of zones)
      for (const type of g.spec.instanceTypes) {
        const pool = `${spot ? "spot" : "on-demand"}/${az}/${type}`;
        if (refused.has(pool)) continue;
        const r = this.ec2.launch({
          type,
          az,
          count: 1,
          spot,
          tags: g.spec.tags,
          group: g.spec.name,
          principal: autoScalingPrincipal(g.spec.name),
        });
        if (r.ok) {
          const i = r.value[0] as InstanceRecord;
          g.members.push(i.id);
          return i;
        }
        refused.add(pool);
      }
    this.ctx.note("asg", g.spec.name, `launch-failed ${spot ? "spot" : "on-demand"} reason=InsufficientInstanceCapacity`);
    return undefined;
  }
}
