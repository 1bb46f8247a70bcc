import type { Disk } from "../../runtime/sim";

/** What a replica must not forget across a crash. */
export interface DurableState {
  readonly term: number;
  /** Index of the replica voted for in `term`, or -1. */
  readonly votedFor: number;
  /** Writes applied: the register's value is simply its version. */
  readonly version: number;
  /** Term of the leader that last set `version`. */
  readonly versionTerm: number;
}

export const EMPTY_STATE: DurableState = { term: 0, votedFor: -1, version: 0, versionTerm: 0 };

export const STATE_GEOMETRY = { sectorSizeBytes: 64, sectorCount: 2 };

/**
 * Two alternating copies, each with a sequence number and a checksum: a power loss can tear the
 * copy being written, never the last synced one, so recovery picks the newest copy that verifies.
 */
export function loadState(disk: Disk): { state: DurableState; seq: number } {
  let best: { state: DurableState; seq: number } = { state: EMPTY_STATE, seq: 0 };
  for (let slot = 0; slot < 2; slot++) {
    const view = new DataView(disk.read(slot).buffer);
    const seq = view.getUint32(0);
    if (seq === 0 || view.getUint32(20) !== checksum(view)) continue;
    if (seq > best.seq)
      best = {
        seq,
        state: { term: view.getUint32(4), votedFor: view.getInt32(8), version: view.getUint32(12), versionTerm: view.getUint32(16) },
      };
  }
  return best;
}

export function encodeState(state: DurableState, seq: number): Uint8Array {
  const bytes = new Uint8Array(STATE_GEOMETRY.sectorSizeBytes);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, seq);
  view.setUint32(4, state.term);
  view.setInt32(8, state.votedFor);
  view.setUint32(12, state.version);
  view.setUint32(16, state.versionTerm);
  view.setUint32(20, checksum(view));
  return bytes;
}

/** FNV-1a over the 20 header bytes. */
function checksum(view: DataView): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < 20; i++) h = Math.imul(h ^ view.getUint8(i), 0x01000193);
  return h >>> 0;
}
