/**
 * Availability Zones of the mock region. A zone is also the kernel's failure domain: actors spawned
 * with `zone: "us-east-1a"` live in it. The zone model watches the kernel's faults, so a power loss
 * or isolation of the zone — from a scenario, from chaos, or from a test calling
 * `sim.faults.powerLoss` — is seen by every service of the cloud, and ends with the fault.
 *
 * Fault model: `losePower` cuts the zone's power (every actor in it crashes with `power`, every
 * service marks its resources there down); `isolate` cuts its network. Both recover when the fault
 * ends; the quiet phase ends them all.
 */
import type { FaultHandle, FaultNotice, FaultTiming } from "../sim/faults";
import type { AvailabilityZoneInfo } from "./api/ec2-types";
import type { CloudContext } from "./cloud-context";

export type ZoneChange = "power-off" | "power-on" | "isolated" | "reconnected";

interface ZoneState {
  readonly name: string;
  readonly zoneId: string;
  readonly region: string;
  powered: boolean;
  /** Cuts in force that isolate this zone. */
  isolations: number;
}

/** The region a zone name belongs to (`eu-west-1b` → `eu-west-1`); `fallback` for a name that does not say. */
export function regionOfZone(zone: string, fallback: string): string {
  return /^([a-z]{2}(?:-[a-z]+)+-\d+)[a-z]$/.exec(zone)?.[1] ?? fallback;
}

/**
 * Zone ids (`use1-az1`) by zone name, numbered per region: AWS maps names to ids per account; the
 * mock in name order. Zones of other regions than `region` keep their own region's prefix.
 */
export function zoneIds(region: string, names: readonly string[]): Map<string, string> {
  const next = new Map<string, number>();
  return new Map(
    [...names].sort().map((name) => {
      const r = regionOfZone(name, region);
      const n = (next.get(r) ?? 0) + 1;
      next.set(r, n);
      return [name, `${r.replace(/^(\w\w)-(\w)\w*-(\d+)$/, "$1$2$3")}-az${n}`];
    }),
  );
}

export class ZoneService {
  private readonly zones = new Map<string, ZoneState>();
  private listeners: readonly ((zone: string, change: ZoneChange) => void)[] = [];

  constructor(
    private readonly ctx: CloudContext,
    names: readonly string[],
  ) {
    for (const [name, zoneId] of zoneIds(ctx.region, names))
      this.zones.set(name, { name, zoneId, region: regionOfZone(name, ctx.region), powered: true, isolations: 0 });
    ctx.env.faults.watch((n) => this.onFault(n));
  }

  /** Zone names, sorted (every region's). */
  names(): string[] {
    return [...this.zones.keys()];
  }

  /** Zone names of one region, sorted: a resource of that region never lands in another's. */
  inRegion(region: string): string[] {
    return [...this.zones.values()].filter((z) => z.region === region).map((z) => z.name);
  }

  /** The region of a zone of this cloud. */
  regionOf(zone: string): string | undefined {
    return this.zones.get(zone)?.region;
  }

  /** Every region the cloud has zones in, sorted. */
  regions(): string[] {
    return [...new Set([...this.zones.values()].map((z) => z.region))].sort();
  }

  has(zone: string): boolean {
    return this.zones.has(zone);
  }

  /** The zone's id (`use1-az1`); AWS maps names to ids per account, the mock in name order. */
  zoneId(zone: string): string | undefined {
    return this.zones.get(zone)?.zoneId;
  }

  /** A zone name for a name or a zone id; undefined when neither matches. */
  resolve(nameOrId: string): string | undefined {
    if (this.zones.has(nameOrId)) return nameOrId;
    return [...this.zones.values()].find((z) => z.zoneId === nameOrId)?.name;
  }

  isPowered(zone: string): boolean {
    return this.zones.get(zone)?.powered ?? false;
  }

  /** Powered and not isolated: resources there can be reached. */
  isAvailable(zone: string): boolean {
    const z = this.zones.get(zone);
    return z?.powered === true && z.isolations === 0;
  }

  /** Called after every change, in registration order (services register at construction). */
  onChange(listener: (zone: string, change: ZoneChange) => void): void {
    this.listeners = [...this.listeners, listener];
  }

  /** Cuts the zone's power (a kernel fault: its actors crash too). */
  losePower(zone: string, timing: FaultTiming = {}): FaultHandle {
    this.known(zone);
    return this.ctx.env.faults.powerLoss(zone, timing);
  }

  /** Cuts the zone off the network (a kernel fault). */
  isolate(zone: string, timing: FaultTiming = {}): FaultHandle {
    this.known(zone);
    return this.ctx.env.faults.isolate({ zone }, timing);
  }

  describe(): AvailabilityZoneInfo[] {
    return [...this.zones.values()].map((z) => ({
      ZoneName: z.name,
      ZoneId: z.zoneId,
      RegionName: z.region,
      State: z.powered && z.isolations === 0 ? "available" : "impaired",
    }));
  }

  private known(zone: string): void {
    if (!this.zones.has(zone)) throw new RangeError(`no zone "${zone}" in this cloud; zones: ${this.names().join(", ")}`);
  }

  private onFault(n: FaultNotice): void {
    const t = n.target;
    if (t.kind === "power-loss") {
      const z = this.zones.get(t.zone);
      if (!z) return;
      z.powered = n.state === "end";
      this.changed(z, z.powered ? "power-on" : "power-off");
    } else if (t.kind === "cut" && t.to === "others" && "zone" in t.from) {
      const z = this.zones.get(t.from.zone);
      if (!z) return;
      z.isolations += n.state === "begin" ? 1 : -1;
      if (n.state === "begin" && z.isolations === 1) this.changed(z, "isolated");
      if (n.state === "end" && z.isolations === 0) this.changed(z, "reconnected");
    }
  }

  private changed(z: ZoneState, change: ZoneChange): void {
    this.ctx.note("zone", z.name, `${change} state=${z.powered && z.isolations === 0 ? "available" : "impaired"}`);
    for (const l of this.listeners) l(z.name, change);
  }
}
