/**
 * A data volume whose writes survive crashes: every block write is a record of a `DurableLog` and
 * is acknowledged only when the log says it is durable; opening the volume replays the log's valid
 * prefix into a fresh block map. Works on any `Disk` (the simulator's, or a real file).
 */
import type { Disk } from "../sim/ports";
import { BlockStore } from "./block-store";
import { BLOCK_SIZE } from "./data-plane";
import { DurableLog, type LogRecovery } from "./durable-log";
import { Volume } from "./volume";

export class DurableVolume {
  private constructor(
    readonly volume: Volume,
    readonly log: DurableLog,
  ) {}

  /** Recovers the volume `id` from `disk` (empty on a fresh disk) and opens it for writes. */
  static open(
    id: string,
    disk: Disk,
    store = new BlockStore(BLOCK_SIZE),
  ): { readonly volume: DurableVolume; readonly recovery: LogRecovery } {
    const { log, recovery } = DurableLog.open(disk, { payloadBytes: store.blockSize });
    const volume = new Volume(id, store);
    for (const e of recovery.entries) volume.write(e.index, e.payload, e.atMs);
    return { volume: new DurableVolume(volume, log), recovery };
  }

  /** Writes block `index` (readable at once); `onAck` runs when the write is durable. Returns its seq. */
  write(index: number, bytes: Uint8Array, atMs: number, onAck?: () => void): number {
    const seq = this.log.append(index, bytes, atMs, onAck);
    const record = this.volume.write(index, bytes, atMs);
    // The volume's log and the durable log number records alike; a gap would be a replay bug.
    if (record.seq !== seq) throw new Error(`volume ${this.volume.id}: log seq ${seq} but volume seq ${record.seq}`);
    return seq;
  }

  read(index: number): Uint8Array | undefined {
    return this.volume.read(index);
  }
}
