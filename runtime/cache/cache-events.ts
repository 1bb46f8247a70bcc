/**
 * What a cache rig tells the checkers watching it, as typed facts at the moments they become true.
 * The rig judges nothing itself: the cache survival checkers keep their own model of what every
 * page must read as, and compare.
 */
import type { Disk } from "../sim/ports";
import type { ReadResult } from "./cache-engine";
import type { CacheMemory } from "./layout";
import type { RecoveryOutcome } from "./recovery";
import type { RedoStorage } from "./redo-storage";

export type CacheEvent =
  /** The recovery scan finished (before the new engine starts): the point R it chose and the slots it kept. */
  | {
      readonly kind: "recovered";
      readonly outcome: RecoveryOutcome;
      readonly mode: "eager" | "lazy";
      readonly memory: CacheMemory;
      /** Storage, to read what each page holds at R. */
      readonly storage: RedoStorage;
      readonly pageSize: number;
    }
  /** The new engine is serving: what the recovery read from storage, and the cache as it starts. */
  | {
      readonly kind: "serving";
      readonly outcome: RecoveryOutcome;
      readonly mode: "eager" | "lazy";
      readonly memory: CacheMemory;
      /** Pages read from storage between the crash and the first client operation. */
      readonly storageReads: number;
      /** Reads the placement allows then: the persisted page ids an `identifiers` cache prefetches. */
      readonly prefetchAllowed: number;
    }
  /** A client read the engine answered. */
  | {
      readonly kind: "read";
      readonly page: number;
      readonly result: ReadResult;
      /** The page was still indexed when the read began (a kept page may have been evicted since). */
      readonly stillCached: boolean;
      /** Pages storage served while this read ran (0: the cache answered it, whatever the engine says). */
      readonly storageReads: number;
      /** The slot holding the page after the read, and the engine's epoch. */
      readonly slot: number | undefined;
      readonly epoch: number;
      readonly memory: CacheMemory;
    }
  /** A client write the engine took. */
  | {
      readonly kind: "write";
      readonly page: number;
      readonly offset: number;
      readonly data: Uint8Array;
      readonly lsn: number;
      readonly slot: number | undefined;
      readonly epoch: number;
      readonly memory: CacheMemory;
    }
  /** Storage made a commit durable and the client was told: the client's own record of what must survive. */
  | { readonly kind: "committed"; readonly lsn: number }
  /**
   * The simulator cut the host's power (before the cache reacts): `disk` is the cache file's disk
   * as the power loss left it (`file` placement); `nvm` says a write-through mirror survives;
   * otherwise only DRAM held the cache, and nothing of it survives.
   */
  | { readonly kind: "power-lost"; readonly disk: Disk | undefined; readonly nvm: boolean };

/** Receives a rig's events, in order, as they happen. */
export type CacheObserver = (e: CacheEvent) => void;
