/**
 * The storage hosts' own disks in an emulation: each host is an actor in its zone with a durable
 * log on its disk, and that disk is an EBS volume of the mock cloud, so FIS `pause-volume-io`
 * (`disk-stall`) stalls its fsync and a zone's power loss tears its unsynced tail. A client write is
 * acknowledged only once the host's log made it durable. When a host boots again it recovers its
 * log and says what it recovered (`onRecovered`), so a checker can judge whether every record it
 * acknowledged survived.
 */
import type { MockCloud } from "../cloud/mock-cloud";
import type { Simulation } from "../sim/simulation";
import type { HostDurability, StorageControlPlane } from "./control/control-plane";
import { BLOCK_SIZE } from "./data-plane";
import { DurableLog, LogFullError } from "./durable-log";

/** 512-byte sectors, 32 MiB sparse: 7,281 full-block records (small ones take one sector each). */
const GEOMETRY = { sectorSizeBytes: 512, sectorCount: 65_536 } as const;
/** A write waiting longer than this for its ack is traced (a stalled disk). */
const SLOW_ACK_MS = 1_000;

interface HostLog {
  readonly actor: string;
  log: DurableLog | undefined;
  /** The incarnation `log` belongs to: a crashed one's log object must never write again. */
  incarnation: number;
  /** The highest seq this host acknowledged, over all its lives. */
  ackedThrough: number;
  full: boolean;
}

export interface HostLogOptions {
  /** Test-only planted bug: acknowledge a write as it is appended, before its sync. */
  readonly ackBeforeDurable?: boolean;
  /** Called each time a host boots and recovers its log. */
  readonly onRecovered?: (fact: HostLogRecovery) => void;
}

/** What a host's boot recovered, against what it had acknowledged over all its earlier lives. */
export interface HostLogRecovery {
  readonly hostId: string;
  /** The highest log record the host acknowledged before this boot. */
  readonly acknowledged: number;
  /** Records the recovery found intact. */
  readonly recovered: number;
  /** Why the recovery stopped reading (the end of the log, a torn record, …). */
  readonly stoppedBy: string;
}

export function attachHostLogs(sim: Simulation, cloud: MockCloud, cp: StorageControlPlane, o: HostLogOptions = {}): void {
  const logs = new Map<string, HostLog>();
  const trace = sim.env.trace.scoped("storage");
  for (const host of cp.hosts) {
    const actor = `storage/${host.id}`;
    const state: HostLog = { actor, log: undefined, incarnation: 0, ackedThrough: 0, full: false };
    logs.set(host.id, state);
    sim.env.spawn(actor, {
      zone: host.zone,
      boot: (ctx) => {
        const { log, recovery } = DurableLog.open(ctx.disk("log", GEOMETRY), { payloadBytes: BLOCK_SIZE });
        o.onRecovered?.({
          hostId: host.id,
          acknowledged: state.ackedThrough,
          recovered: recovery.entries.length,
          stoppedBy: recovery.stoppedBy,
        });
        if (recovery.life > 1)
          trace.record(
            "host-log-recovered",
            `host=${host.id} life=${recovery.life} records=${recovery.entries.length} stopped=${recovery.stoppedBy}`,
          );
        state.log = log;
        state.incarnation = ctx.incarnation;
        return { receive() {} };
      },
    });
    cloud.bindings.bindDisk(cloud.ebs.create(host.zone), actor, "log");
  }
  const durability: HostDurability = {
    append(hostId, volumeId, index, bytes, atMs, onDurable) {
      const state = logs.get(hostId);
      const log = state?.log;
      const ref = state ? sim.env.actor(state.actor) : undefined;
      // A host that is down acknowledges nothing (its volume refuses writes anyway while it is silent).
      if (!state || !log || !ref?.up || ref.incarnation !== state.incarnation) return;
      const acked = (seq: number) => {
        state.ackedThrough = Math.max(state.ackedThrough, seq);
        const waited = sim.env.clock.nowMs() - atMs;
        if (waited > SLOW_ACK_MS) trace.record("ack-delayed", `host=${hostId} volume=${volumeId} seq=${seq} waited=${waited}ms`);
        onDurable();
      };
      let seq: number;
      try {
        seq = log.append(index, bytes, atMs, o.ackBeforeDurable ? undefined : () => acked(seq));
      } catch (e) {
        // A full log cannot take the write: it stays unacknowledged (no checkpointing yet), and says so once.
        if (!(e instanceof LogFullError)) throw e;
        if (!state.full) trace.record("host-log-full", `host=${hostId} ${e.message}`);
        state.full = true;
        return;
      }
      if (o.ackBeforeDurable) acked(seq);
    },
  };
  cp.durability = durability;
}
