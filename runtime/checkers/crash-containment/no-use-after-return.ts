import type { Handle } from "../../processes/access";
import { FREE, P, ProcState, SharedMemory } from "../../processes/layout";
import type { Invariant } from "../invariant";
import { type ContainmentWatch, FirstViolation } from "./containment-watch";
import { type EventFedChecker, eventFed } from "./event-fed";

/** No process reaches a page its group gave back, returned pages are zeroed, and epochs never go back. */
export const invariant: Invariant = {
  id: "crash-containment/no-use-after-return",
  description:
    "No process reaches a page through a handle it held before the page went back to the pool, returned pages are zeroed, and epochs never go back.",
};

/**
 * An access through a handle reaches its page only while the page is still in the tenure the handle
 * was first used in — judged by the checker's own watch of the page table (each time a written page
 * leaves its owner, the page starts a new tenure), not by the epochs the accessor compares, so an
 * epoch that was never moved cannot hide a stale handle; an access also reaches only its handle's
 * (arena, epoch) page; a written page that goes back to the pool reads as zero; an arena's pages are
 * freed only once no process of its old incarnation still runs; arena epochs, group epochs and
 * incarnations never go back. Tenures change between simulation events: the simulated host never
 * frees a page and claims it again within one event.
 */
export function noUseAfterReturn(watch: ContainmentWatch): EventFedChecker {
  const v = new FirstViolation();
  const app = watch.app;
  const written = new Map<number, number>();
  let lastOwned = new Map<number, number>();
  const lastArenaEpoch: number[] = [];
  const lastGroupEpoch = new Map<string, number>();
  const lastIncarnation: number[] = [];
  /** Times each written page left the owner it was written under (returned, or taken over). */
  const tenure = new Map<number, number>();
  /** The tenure of its page when each handle was first used (handles are objects in simulation). */
  const firstUsed = new WeakMap<Handle, number>();

  const reachedOwnPage = (pid: number, h: Handle, verb: string): void => {
    const m = app.memory;
    const epoch = m.arenaEpoch(h.arena);
    const word = m.ownerWord(h.page);
    if (epoch !== h.epoch || word !== SharedMemory.owner(h.arena, h.epoch))
      v.set(
        `process ${pid} ${verb} page ${h.page} through a handle of arena ${h.arena} epoch ${h.epoch}; the arena is at epoch ${epoch} and the page is owned by arena ${SharedMemory.arenaOf(word)} epoch ${SharedMemory.epochOf(word)}`,
      );
  };
  watch.onAccess((access, pid, h) => {
    const verb = access === "write" ? "wrote" : "read";
    reachedOwnPage(pid, h, verb);
    const now = tenure.get(h.page) ?? 0;
    const then = firstUsed.get(h);
    if (then === undefined) firstUsed.set(h, now);
    else if (then !== now)
      v.set(
        `process ${pid} ${verb} page ${h.page} through a handle (arena ${h.arena} epoch ${h.epoch}) it used before the page went back to the pool ${now - then} time(s): the accessor let a stale handle through`,
      );
    if (access === "write") written.set(h.page, app.memory.ownerWord(h.page));
  });

  /** After each event: freed pages read as zero, no page freed under a live old incarnation, epochs only move on. */
  const afterEvent = (): string | undefined => {
    const m = app.memory;
    for (const [page, owner] of written) {
      const now = m.ownerWord(page);
      if (now === owner) continue;
      written.delete(page);
      tenure.set(page, (tenure.get(page) ?? 0) + 1);
      if (now === FREE && m.pageWords(page).some((w) => w !== 0))
        return `page ${page} of arena ${SharedMemory.arenaOf(owner)} was returned to the pool without being zeroed`;
    }
    const c = m.census();
    const owned = new Map<number, number>();
    for (const map of [c.live, c.fenced]) for (const [a, n] of map) owned.set(a, (owned.get(a) ?? 0) + n);
    for (const g of app.groups) {
      if ((owned.get(g.arena) ?? 0) < (lastOwned.get(g.arena) ?? 0)) {
        // a faulted process is parked in its handler and touches nothing again; a removed one still
        // runs until its kill lands
        for (const pid of [g.leader, ...g.computes])
          if (m.proc(pid, P.state) === ProcState.removed)
            return `pages of group ${g.id}'s arena were freed while its process ${pid} of the old incarnation was alive (removed, not yet killed)`;
      }
    }
    lastOwned = owned;
    for (const g of app.groups) {
      const epoch = m.arenaEpoch(g.arena);
      if (epoch < (lastArenaEpoch[g.arena] ?? 0)) return `arena ${g.arena} epoch went back from ${lastArenaEpoch[g.arena]} to ${epoch}`;
      lastArenaEpoch[g.arena] = epoch;
      if (g.epoch < (lastGroupEpoch.get(g.id) ?? 0)) return `group ${g.id} epoch went back to ${g.epoch}`;
      lastGroupEpoch.set(g.id, g.epoch);
      for (const pid of [g.leader, ...g.computes]) {
        const inc = m.proc(pid, P.incarnation);
        if (inc < (lastIncarnation[pid] ?? 0)) return `process ${pid} incarnation went back from ${lastIncarnation[pid]} to ${inc}`;
        lastIncarnation[pid] = inc;
      }
    }
    return undefined;
  };
  return eventFed(invariant, v, afterEvent);
}
