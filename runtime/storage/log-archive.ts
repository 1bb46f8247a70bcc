/**
 * Log backup: a volume's log is cut into segments. Each backup lists what the
 * archive holds, finds the last sequence number saved, closes the segment being written (so a
 * segment is never copied while it grows), copies it, reads the copy back and compares its checksum
 * with the source's. A copy that does not match is discarded and the backup fails: the next one
 * starts again after the last segment saved, so saved sequence numbers stay contiguous.
 */
import { createHash } from "node:crypto";
import type { LogRecord, Volume } from "./volume";

export interface LogSegment {
  readonly volumeId: string;
  /** First and last sequence number in the segment (inclusive). */
  readonly fromSeq: number;
  readonly toSeq: number;
  /** Time of the last record in it. */
  readonly untilMs: number;
  readonly copiedAtMs: number;
  /** SHA-256 of the source's records (seq, time, block, content hash). */
  readonly checksum: string;
  /** The copy read back had the source's checksum. */
  readonly verified: boolean;
  /** The copy in the archive. */
  readonly records: readonly LogRecord[];
}

export type BackupOutcome = { readonly ok: true; readonly saved: readonly LogSegment[] } | { readonly ok: false; readonly error: string };

export class LogArchive {
  private readonly saved = new Map<string, LogSegment[]>();
  private corruptCopies = 0;

  /** Fault: the next `times` copies arrive damaged (one record's content hash changed in transit). */
  corruptNextCopies(times: number): void {
    this.corruptCopies = times;
  }

  /** Volumes with at least one saved segment. */
  volumes(): string[] {
    return [...this.saved.keys()];
  }

  /** What the archive holds for a volume, oldest first (the bucket listing). */
  list(volumeId: string): readonly LogSegment[] {
    return this.saved.get(volumeId) ?? [];
  }

  /** The last sequence number saved (0: none). */
  lastSavedSeq(volumeId: string): number {
    return this.list(volumeId).at(-1)?.toSeq ?? 0;
  }

  /** Closes the open segment of `volume` at its last record and saves it, verified; nothing new: nothing saved. */
  backup(volume: Volume, nowMs: number): BackupOutcome {
    const from = this.lastSavedSeq(volume.id) + 1;
    const to = volume.lastSeq;
    if (to < from) return { ok: true, saved: [] };
    const source = volume.log.slice(from - 1, to);
    const copy = source.map((r) => ({ ...r }));
    if (this.corruptCopies > 0) {
      this.corruptCopies--;
      const k = copy.length - 1;
      copy[k] = { ...(copy[k] as LogRecord), hash: `damaged-${(copy[k] as LogRecord).hash}` };
    }
    const checksum = checksumOf(source);
    if (checksumOf(copy) !== checksum)
      return {
        ok: false,
        error: `the copy of log ${volume.id} seq ${from}…${to} did not verify; discarded, the next backup copies it again`,
      };
    const segment: LogSegment = {
      volumeId: volume.id,
      fromSeq: from,
      toSeq: to,
      untilMs: (source.at(-1) as LogRecord).atMs,
      copiedAtMs: nowMs,
      checksum,
      verified: true,
      records: copy,
    };
    this.saved.set(volume.id, [...this.list(volume.id), segment]);
    return { ok: true, saved: [segment] };
  }
}

function checksumOf(records: readonly LogRecord[]): string {
  const h = createHash("sha256");
  for (const r of records) h.update(`${r.seq}:${r.atMs}:${r.index}:${r.hash}\n`);
  return h.digest("hex");
}
