/**
 * EBS volumes: every instance gets a root volume at launch (deleted with the instance). Pausing a
 * volume's I/O (FIS `aws:ebs:pause-volume-io`) marks it `impaired` and stalls every actor disk
 * bound to it (`Bindings.bindDisk`), so fsync on that disk hangs until the pause ends.
 *
 * Fault model: I/O pauses for the given time, then resumes with nothing lost (a stall, not a
 * power loss); the quiet phase ends every pause.
 */
import type { FaultHandle } from "../../sim/faults";
import type { EbsVolume } from "../api/ec2-types";
import type { Bindings } from "../bindings";
import type { CloudContext } from "../cloud-context";

interface VolumeRecord {
  readonly id: string;
  readonly az: string;
  attachedTo: string | undefined;
  state: EbsVolume["State"];
  pauses: number;
}

export class EbsService {
  private readonly volumes = new Map<string, VolumeRecord>();

  constructor(
    private readonly ctx: CloudContext,
    private readonly bindings: Bindings,
  ) {}

  /** A new volume in `az`, attached to `instanceId` when given. */
  create(az: string, instanceId?: string): string {
    const id = this.ctx.ids.hex("vol");
    this.volumes.set(id, { id, az, attachedTo: instanceId, state: instanceId ? "in-use" : "available", pauses: 0 });
    return id;
  }

  delete(id: string): void {
    const v = this.volumes.get(id);
    if (!v) return;
    v.state = "deleted";
    v.attachedTo = undefined;
  }

  get(id: string): EbsVolume | undefined {
    const v = this.volumes.get(id);
    return v ? this.describe(v) : undefined;
  }

  list(): EbsVolume[] {
    return [...this.volumes.values()].filter((v) => v.state !== "deleted").map((v) => this.describe(v));
  }

  /** Pauses I/O of the volume for `forMs` (a fault the quiet phase ends); inactive if the volume is gone. */
  pauseIo(id: string, forMs?: number): FaultHandle {
    const v = this.volumes.get(id);
    const label = `pause-volume-io ${id}`;
    if (!v || v.state === "deleted") return { label, active: false, end() {} };
    const env = this.ctx.env;
    let stalls: FaultHandle[] = [];
    return env.faults.custom(
      label,
      () => {
        v.pauses++;
        this.ctx.note("ebs", id, `io=paused status=impaired${v.attachedTo ? ` instance=${v.attachedTo}` : ""}`);
        stalls = this.bindings.disksOf(id).map((d) => env.faults.stallDisk(d.actor, d.disk));
      },
      () => {
        v.pauses--;
        for (const s of stalls) s.end();
        if (v.pauses === 0) this.ctx.note("ebs", id, "io=resumed status=ok");
      },
      forMs === undefined ? {} : { forMs },
    );
  }

  private describe(v: VolumeRecord): EbsVolume {
    return {
      VolumeId: v.id,
      AvailabilityZone: v.az,
      State: v.state,
      Attachments: v.attachedTo ? [{ InstanceId: v.attachedTo }] : [],
      VolumeStatus: v.pauses > 0 ? "impaired" : "ok",
    };
  }
}
