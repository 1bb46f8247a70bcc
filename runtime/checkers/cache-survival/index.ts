/**
 * The cache survival invariants over every cache rig of a simulation, fed by the rigs' typed
 * events. Registered once per simulation, with the first rig made through `checkedCacheRig`; each
 * reports the first rig to break it.
 */
import { CacheRig, type CacheRigOptions } from "../../cache/cache-rig";
import type { Checker } from "../../sim/checker";
import type { Simulation } from "../../sim/simulation";
import { acknowledgedCommitsSurvive } from "./acknowledged-commits-survive";
import { CacheWatch, type PerRigViolations, type WatchedRig } from "./cache-watch";
import { invalidatedStaysInvalid } from "./invalidated-stays-invalid";
import { keptEqualsStorage } from "./kept-equals-storage";
import { keptPagesHit } from "./kept-pages-hit";
import { lsnsAboveCrash } from "./lsns-above-crash";
import { noStorageReadsInRecovery } from "./no-storage-reads-in-recovery";
import { powerLossKeepsOnlyDurable } from "./power-loss-keeps-only-durable";
import { readsAtRecoveryPoint } from "./reads-at-recovery-point";

type CacheChecker = Checker & { readonly violations: PerRigViolations };

interface Watched {
  readonly watch: CacheWatch;
  readonly checkers: readonly CacheChecker[];
}

const bySim = new WeakMap<Simulation, Watched>();
const rigs = new WeakMap<CacheRig, { readonly watched: Watched; readonly rig: WatchedRig }>();

/** Every cache survival checker over `watch`, in the order they are registered. */
function cacheCheckers(watch: CacheWatch): CacheChecker[] {
  return [
    acknowledgedCommitsSurvive(watch),
    readsAtRecoveryPoint(watch),
    keptEqualsStorage(watch),
    noStorageReadsInRecovery(watch),
    keptPagesHit(watch),
    invalidatedStaysInvalid(watch),
    lsnsAboveCrash(watch),
    powerLossKeepsOnlyDurable(watch),
  ];
}

/** A cache rig on `sim` with the cache survival invariants watching it (registered with the simulation's first rig). */
export function checkedCacheRig(sim: Simulation, name: string, options: CacheRigOptions = {}): CacheRig {
  let watched = bySim.get(sim);
  if (!watched) {
    const watch = new CacheWatch();
    watched = { watch, checkers: cacheCheckers(watch) };
    bySim.set(sim, watched);
    for (const c of watched.checkers) sim.checkers.add(c);
  }
  const observer = watched.watch.observe(name);
  const rig = new CacheRig(sim, name, options, observer);
  rigs.set(rig, { watched, rig: watched.watch.rigs.at(-1) as WatchedRig });
  return rig;
}

/** The first violation of each invariant `rig` broke, by id, in the order they broke. */
export function cacheViolations(rig: CacheRig): ReadonlyMap<string, string> {
  const w = rigs.get(rig);
  const out: [string, string, number][] = [];
  if (!w) return new Map();
  for (const c of w.watched.checkers) {
    const v = c.violations.of(w.rig);
    if (v !== undefined) out.push([c.id, v, c.violations.orderOf(w.rig)]);
  }
  return new Map(out.sort((a, b) => a[2] - b[2]).map(([id, v]) => [id, v]));
}

/** The ids of the cache survival invariants, in the order a run lists them. */
export const CACHE_INVARIANTS: readonly string[] = cacheCheckers(new CacheWatch()).map((c) => c.id);
