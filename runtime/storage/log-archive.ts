/**
 * Log backup: a volume's log is cut into segments. Each backup lists what the
 * archive holds, finds the last sequence number saved, closes the segment being written (so a
 * segment is never copied while it grows), copies it, reads the copy back and compares its checksum
 * with the source's. A copy that does not match is discarded and the backup fails: the next one
 * starts again after the last segment saved, so saved sequence numbers stay contiguous.
 *
 * Restores read the archive back through `replay`, which checks every segment's records against the
 * checksum stored beside them: a segment damaged at rest, or one missing from the listing, ends the
 * replay there, and the restore reports the gap instead of reaching past it.
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
  /** SHA-256 of the source's records (seq, time, block, content hash), stored beside the copy. */
  readonly checksum: string;
  /** The copy read back had the source's checksum when it was saved. */
  readonly verified: boolean;
  /** The copy in the archive. */
  readonly records: readonly LogRecord[];
}

export type BackupOutcome =
  | {
      readonly ok: true;
      readonly saved: readonly LogSegment[];
      /** Segments found damaged or missing in the listing and copied again. */
      readonly repaired: readonly LogSegment[];
    }
  | { readonly ok: false; readonly error: string };

/** Why an archive replay stopped before the end of the listing. */
export interface ArchiveGap {
  /** The first sequence number the archive cannot give back. */
  readonly fromSeq: number;
  readonly reason: "damaged" | "missing";
}

/** What the archive gives back from a sequence number on: the records, how far they reach, and a gap if one stopped it. */
export interface ArchiveReplay {
  /** Records from the asked sequence number, in order, contiguous, each from a segment that verifies. */
  readonly records: readonly LogRecord[];
  /** The last sequence number the verified segments reach (the asked one − 1 when none). */
  readonly throughSeq: number;
  /** When the last verified segment was copied: every record up to then is in it. */
  readonly throughMs: number | undefined;
  readonly gap: ArchiveGap | undefined;
  /** How many saved segments gave records. */
  readonly segments: number;
}

export class LogArchive {
  private readonly saved = new Map<string, LogSegment[]>();
  private corruptCopies = 0;

  /** Fault: the next `times` copies arrive damaged (one record's content hash changed in transit). */
  corruptNextCopies(times: number): void {
    this.corruptCopies = times;
  }

  /**
   * Fault: the object of a saved segment is damaged at rest (bit rot, a bad overwrite): one of its
   * records changes, its stored checksum does not. False when the volume has no segment `k`.
   */
  damageAtRest(volumeId: string, k: number): boolean {
    const list = this.saved.get(volumeId);
    const s = list?.[k];
    if (!list || !s || s.records.length === 0) return false;
    const records = s.records.map((r, i) => (i === 0 ? { ...r, hash: `rot-${r.hash}` } : r));
    list[k] = { ...s, records };
    return true;
  }

  /** Fault: the object of saved segment `k` is deleted from the bucket. */
  lose(volumeId: string, k: number): boolean {
    const list = this.saved.get(volumeId);
    if (!list?.[k]) return false;
    list.splice(k, 1);
    return true;
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

  /**
   * Reads the archive back from `fromSeq` on, checking each segment against its stored checksum;
   * stops at the first segment that is damaged or at a sequence number no segment holds.
   */
  replay(volumeId: string, fromSeq: number): ArchiveReplay {
    const records: LogRecord[] = [];
    let next = fromSeq;
    let throughMs: number | undefined;
    let segments = 0;
    for (const s of this.list(volumeId)) {
      if (s.toSeq < next) {
        throughMs = s.copiedAtMs;
        continue;
      }
      if (s.fromSeq > next) return { records, throughSeq: next - 1, throughMs, gap: { fromSeq: next, reason: "missing" }, segments };
      if (!segmentIntact(s)) return { records, throughSeq: next - 1, throughMs, gap: { fromSeq: next, reason: "damaged" }, segments };
      for (const r of s.records) if (r.seq >= next) records.push(r);
      next = s.toSeq + 1;
      throughMs = s.copiedAtMs;
      segments++;
    }
    return { records, throughSeq: next - 1, throughMs, gap: undefined, segments };
  }

  /**
   * Closes the open segment of `volume` at its last record and saves it, verified; nothing new:
   * nothing saved. First it checks the listing it stands on: a saved segment damaged at rest, or a
   * hole in the sequence numbers, is copied again from the volume's log (which its host still has)
   * — a backup never moves on over a hole it could fill.
   */
  backup(volume: Volume, nowMs: number): BackupOutcome {
    const list = [...this.list(volume.id)];
    const repaired: LogSegment[] = [];
    let next = 1;
    for (let k = 0; k < list.length; k++) {
      const s = list[k] as LogSegment;
      const missing = s.fromSeq > next;
      if (!missing && segmentIntact(s)) {
        next = s.toSeq + 1;
        continue;
      }
      const from = missing ? next : s.fromSeq;
      const to = missing ? s.fromSeq - 1 : s.toSeq;
      const copy = this.copy(volume, from, to, missing ? undefined : s.copiedAtMs);
      if (!copy.ok) return copy;
      list.splice(k, missing ? 0 : 1, copy.segment);
      repaired.push(copy.segment);
      next = to + 1;
    }
    if (repaired.length > 0) this.saved.set(volume.id, list);
    const from = this.lastSavedSeq(volume.id) + 1;
    const to = volume.lastSeq;
    if (to < from) return { ok: true, saved: [], repaired };
    const copy = this.copy(volume, from, to, nowMs);
    if (!copy.ok) return copy;
    this.saved.set(volume.id, [...this.list(volume.id), copy.segment]);
    return { ok: true, saved: [copy.segment], repaired };
  }

  /** Copies seq `from`…`to` of the volume's log, reads the copy back and compares checksums. */
  private copy(
    volume: Volume,
    from: number,
    to: number,
    copiedAtMs: number | undefined,
  ): { readonly ok: true; readonly segment: LogSegment } | { readonly ok: false; readonly error: string } {
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
    const untilMs = (source.at(-1) as LogRecord).atMs;
    return {
      ok: true,
      segment: {
        volumeId: volume.id,
        fromSeq: from,
        toSeq: to,
        untilMs,
        copiedAtMs: copiedAtMs ?? untilMs,
        checksum,
        verified: true,
        records: copy,
      },
    };
  }
}

/** Whether a saved segment's records still match the checksum stored beside them, numbered without a hole. */
export function segmentIntact(s: LogSegment): boolean {
  if (s.records.length !== s.toSeq - s.fromSeq + 1) return false;
  if (s.records.some((r, i) => r.seq !== s.fromSeq + i)) return false;
  return checksumOf(s.records) === s.checksum;
}

export function checksumOf(records: readonly LogRecord[]): string {
  const h = createHash("sha256");
  for (const r of records) h.update(`${r.seq}:${r.atMs}:${r.index}:${r.hash}\n`);
  return h.digest("hex");
}
