/**
 * Firing an injected fault inside a process, the same in both modes: a
 * `protection-fault` is a real illegal access through the checked accessor, an `assertion` comes
 * from the stub third-party library, an `uncaught-exception` is a plain throw. `whileElevated`
 * takes the result-cache lock, writes half an entry, then fails inside the elevation window;
 * `afterCommit` completes a whole update first and fails after lowering.
 */
import type { Handle, ProcessMemory } from "./access";
import type { FaultSpec } from "./host";
import { thirdParty } from "./workload";

export const RESULT_CACHE_LOCK = 0;
/** What an `afterCommit` fault commits to the result cache before it faults. */
export const COMMITTED_ENTRY: readonly number[] = [42, 43, 44];

/** The public objects a process may need to misuse; the application lays them out. */
export interface PublicObjects {
  /** A results cache entry, guarded by `RESULT_CACHE_LOCK`. */
  readonly resultCache: Handle;
  /** A log record, guarded by `LOG_LOCK`. */
  readonly log: Handle;
}

/** Runs the fault; it always throws (or, for `unexpected-exit`, never returns to the caller's job). */
export function fireFault(mem: ProcessMemory, f: FaultSpec, objects: PublicObjects): never {
  const at = f.at ?? "now";
  if (typeof at === "object" && "whileElevated" in at) {
    const cache = objects.resultCache;
    return mem.update(RESULT_CACHE_LOCK, () => {
      // half an entry: the other half never comes
      mem.write(cache, 0, new Int32Array(cache.length / 2).fill(0x0bad));
      return raise(mem, f, objects);
    });
  }
  if (typeof at === "object" && "afterCommit" in at) {
    mem.update(RESULT_CACHE_LOCK, () => mem.write(objects.resultCache, 0, COMMITTED_ENTRY));
  }
  return raise(mem, f, objects);
}

function raise(mem: ProcessMemory, f: FaultSpec, objects: PublicObjects): never {
  if (f.kind === "protection-fault") {
    const h = f.via ?? objects.log;
    if (f.access === "read") mem.read(h, 0, 1);
    else if (f.via) mem.write(h, 0, [0xdead]);
    // elevated, the public object is writable: the illegal access is past its end
    else if (mem.memory.elevated(mem.pid)) mem.write(h, h.length, [0xdead]);
    else mem.write(h, 0, [0xdead]);
    throw new Error(`the injected protection fault through ${JSON.stringify(h)} did not fault`);
  }
  if (f.kind === "assertion") thirdParty.assertSorted([3, 1, 2]);
  throw new Error(`uncaught exception injected in process ${mem.pid}`);
}

/** Whether an armed fault is due, given the process's arena writes so far. */
export function faultDue(f: FaultSpec, writes: number): boolean {
  const at = f.at ?? "now";
  return !(typeof at === "object" && "afterArenaWrites" in at && writes < at.afterArenaWrites);
}
