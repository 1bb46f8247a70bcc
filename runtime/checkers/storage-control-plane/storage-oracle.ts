/**
 * The storage control plane's oracle: it does not trust the data plane's log. It keeps its own
 * record of every client write, in the order the volume took them, per volume, and the expected
 * content each restored volume started with; the clone-fidelity, independence and repartition
 * checkers judge against it.
 */
import { createHash } from "node:crypto";
import type { DataPlane } from "../../storage/data-plane";
import { keepPartition } from "../../storage/data-plane";

/** One client write as the oracle saw it: the write's seq on its volume is its place in the list, from 1. */
export interface Ack {
  readonly atMs: number;
  readonly index: number;
  readonly text: string;
  /** SHA-256 of the block the client wrote (its bytes padded to the block size), computed here. */
  readonly contentHash: string;
}

const decoder = new TextDecoder();
const asText = (b: Uint8Array | undefined) => (b === undefined ? undefined : decoder.decode(b).replace(/\0+$/, ""));

/** The oracle: client writes per volume, in order, and each volume's expected starting content. */
export class StorageOracle {
  private readonly acks = new Map<string, Ack[]>();
  private readonly bases = new Map<string, Map<number, string>>();
  private checkedRestores = 0;
  /** Restores checked, in order: whether each equals the source at its effective point. */
  readonly verified: boolean[] = [];
  firstMismatch: string | undefined;
  /** Each volume's expected content now: its base plus its client writes (kept up to date). */
  private readonly current = new Map<string, Map<number, string>>();
  /** Blocks written since the independence check last ran: (volume, index). */
  private writtenSinceCheck: { readonly volumeId: string; readonly index: number }[] = [];

  constructor(private readonly data: DataPlane) {}

  /**
   * A client write as the volume took it, in order (whether or not it is acknowledged yet: a
   * restore holds what the volume held at its point; acknowledgement is about surviving a crash).
   */
  written(volumeId: string, index: number, bytes: Uint8Array, atMs: number): void {
    const list = this.acks.get(volumeId) ?? [];
    const block = new Uint8Array(this.data.store.blockSize);
    block.set(bytes);
    list.push({ atMs, index, text: asText(bytes) as string, contentHash: createHash("sha256").update(block).digest("hex") });
    this.acks.set(volumeId, list);
    this.writtenSinceCheck.push({ volumeId, index });
    const now = this.current.get(volumeId) ?? new Map<number, string>();
    now.set(index, asText(bytes) as string);
    this.current.set(volumeId, now);
  }

  /** The client's writes to a volume, in the order it took them (seq k is entry k − 1). */
  writesTo(volumeId: string): readonly Ack[] {
    return this.acks.get(volumeId) ?? [];
  }

  /**
   * Independence, checked at each block written since the last call: every live
   * volume the oracle knows — the one written, its source, its clones — holds at that block exactly
   * what its own base and its own client writes say, so a write to one never shows in another.
   */
  checkIndependence(): string | undefined {
    this.checkNewRestores();
    const written = this.writtenSinceCheck;
    this.writtenSinceCheck = [];
    if (written.length === 0) return undefined;
    for (const { volumeId, index } of written)
      for (const [id, expected] of this.current) {
        const volume = this.data.volume(id);
        if (!volume) continue;
        const want = expected.get(index);
        const got = asText(volume.read(index));
        if (got !== want)
          return `after a write to block ${index} of ${volumeId}, ${id} holds ${JSON.stringify(got)} there but its own history says ${JSON.stringify(want)}`;
      }
    return undefined;
  }

  /**
   * What volume `id` held after its first `count` acknowledged writes (writes in one millisecond
   * are told apart by their order, which a time alone cannot do).
   */
  expectedAfter(volumeId: string, count: number): Map<number, string> {
    const state = new Map(this.bases.get(volumeId) ?? []);
    for (const a of (this.acks.get(volumeId) ?? []).slice(0, count)) state.set(a.index, a.text);
    return state;
  }

  /** Checks every restore made since the last call (clone fidelity). */
  checkNewRestores(): void {
    for (; this.checkedRestores < this.data.restores.length; this.checkedRestores++) {
      const r = this.data.restores[this.checkedRestores];
      if (!r) continue;
      const whole = this.expectedAfter(r.sourceVolumeId, r.lastSeq);
      const keep = r.partition ? keepPartition(r.partition) : undefined;
      const want = keep ? new Map([...whole].filter(([i]) => keep(i))) : whole;
      const acks = this.acks.get(r.sourceVolumeId) ?? [];
      // The point reported must be one the content can stand for: no later write, no earlier one missing.
      const pointOk =
        (acks[r.lastSeq - 1]?.atMs ?? Number.NEGATIVE_INFINITY) <= r.effectiveMs &&
        (acks[r.lastSeq]?.atMs ?? Number.POSITIVE_INFINITY) >= r.effectiveMs;
      const got = new Map<number, string>();
      for (const i of r.volume.indexes()) got.set(i, asText(r.volume.read(i)) as string);
      const same = pointOk && got.size === want.size && [...want].every(([i, t]) => got.get(i) === t);
      this.verified.push(same);
      this.bases.set(r.volume.id, got);
      this.current.set(r.volume.id, this.expectedAfter(r.volume.id, this.acks.get(r.volume.id)?.length ?? 0));
      if (!same && this.firstMismatch === undefined)
        this.firstMismatch = `${r.volume.id} restored from ${r.sourceVolumeId} to ${r.effectiveMs} ms (after write ${r.lastSeq}) ${pointOk ? `holds ${got.size} blocks that differ from the ${want.size} the client's writes say` : "reports a point its content does not stand for"}`;
    }
  }
}
