import type { CacheEvent } from "../../cache/cache-events";
import { SLOT_HEADER_BYTES, SUPERBLOCK_BYTES } from "../../cache/layout";
import type { Checker } from "../../sim/checker";
import type { Disk } from "../../sim/ports";
import type { Invariant } from "../invariant";
import { type CacheWatch, equalBytes, PerRigViolations, type WatchedRig } from "./cache-watch";

/** After a host's power loss, a recovery keeps only what survived it: the file's durable bytes, or nothing of a DRAM cache. */
export const invariant: Invariant = {
  id: "cache/power-loss-keeps-only-durable",
  description:
    "After a host's power loss, a recovery keeps only what survived it: each kept page is the cache file's bytes as the power loss left them; a cache in DRAM keeps nothing.",
};

/** Bytes 32..47 of a slot header: its page id and page LSN (what names the version a slot holds). */
const IDENTITY_FROM = 32;
const IDENTITY_TO = 48;

/**
 * Judged from the simulator's side of the power loss: the disk the power loss acted on is read
 * back here, sector by sector, and every slot the recovery keeps must hold exactly those bytes —
 * a cache that keeps what was only in DRAM (writes never synced, lost or torn on the disk) breaks
 * it even when every page it serves happens to be right.
 */
export function powerLossKeepsOnlyDurable(watch: CacheWatch): Checker & { readonly violations: PerRigViolations } {
  const violations = new PerRigViolations(watch);
  const lost = new Map<WatchedRig, Extract<CacheEvent, { kind: "power-lost" }>>();
  watch.onCacheEvent(
    (rig, e) => {
      if (e.kind === "power-lost") {
        lost.set(rig, e);
        return;
      }
      if (e.kind !== "recovered") return;
      const power = lost.get(rig);
      if (!power) return;
      lost.delete(rig);
      // The write-through mirror is NVM modelled in memory; its copy is judged by the mirror tests.
      if (power.nvm) return;
      const { outcome, memory } = e;
      if (!power.disk) {
        if (outcome.kept > 0) violations.set(rig, `the power loss took the cache's DRAM, yet the recovery kept ${outcome.kept} pages`);
        return;
      }
      const pageArea = SUPERBLOCK_BYTES + memory.slotCount * SLOT_HEADER_BYTES;
      for (const [page, slot] of outcome.index) {
        const header = SUPERBLOCK_BYTES + slot * SLOT_HEADER_BYTES;
        const onDisk = readBytes(power.disk, header + IDENTITY_FROM, IDENTITY_TO - IDENTITY_FROM);
        if (!equalBytes(onDisk, memory.header(slot).subarray(IDENTITY_FROM, IDENTITY_TO)))
          return violations.set(
            rig,
            `slot ${slot} kept page ${page} at LSN ${memory.pageLsn(slot)}, which is not the version the cache file held after the power loss`,
          );
        const bytes = readBytes(power.disk, pageArea + slot * memory.pageSize, memory.pageSize);
        if (!equalBytes(bytes, memory.page(slot)))
          return violations.set(rig, `slot ${slot} kept page ${page} whose bytes are not what the cache file held after the power loss`);
      }
    },
    ["power-lost", "recovered"],
  );
  return { ...invariant, violations, afterEvent: () => violations.first() };
}

/** `length` bytes at byte `at` of the disk. */
function readBytes(disk: Disk, at: number, length: number): Uint8Array {
  const size = disk.sectorSizeBytes;
  const first = Math.floor(at / size);
  const last = Math.floor((at + length - 1) / size);
  const sectors = disk.read(first, last - first + 1);
  return sectors.subarray(at - first * size, at - first * size + length);
}
