/**
 * The checked accessor a process gets instead of raw views: JavaScript cannot mprotect a
 * page, so every access checks the page's owner word, the handle's epoch and the caller's rights,
 * and raises `ProtectionFault` in the caller. Objects are runs of 32-bit words inside one page;
 * the page's first word is its bump pointer, kept in the arena's own page so a corrupt pointer
 * harms only that arena.
 */
import { ProtectionFault } from "./errors";
import { P, PUBLIC_ARENA, SharedMemory } from "./layout";

/** Where an object lives; the epoch makes a handle to a returned arena fault instead of reading reused pages. */
export interface Handle {
  readonly arena: number;
  readonly epoch: number;
  readonly page: number;
  /** Word offset inside the page (≥ 1: word 0 is the bump pointer). */
  readonly offset: number;
  /** Length in words. */
  readonly length: number;
}

/** Called after every write that passed the checks (the simulator's checkers watch it). */
export type WriteObserver = (pid: number, h: Handle) => void;

export interface AccessOptions {
  /** Called after every read that passed the checks (the no-use-after-return checker re-verifies it). */
  readonly onRead?: WriteObserver;
  /** Test-only planted bug: the stale-handle check is skipped, so a returned page can be reached. */
  readonly skipStaleCheck?: boolean;
}

export class ProcessMemory {
  private current: number | undefined;

  constructor(
    readonly memory: SharedMemory,
    readonly pid: number,
    private readonly observer?: WriteObserver,
    private readonly options: AccessOptions = {},
  ) {}

  get arena(): number {
    return this.memory.proc(this.pid, P.arena);
  }

  /** Allocates `words` in this process's group arena, claiming a page from the pool when needed. */
  alloc(words: number): Handle | undefined {
    return allocIn(this.memory, this.arena, words, this.current, (p) => {
      this.current = p;
    });
  }

  write(h: Handle, offset: number, values: ArrayLike<number>): void {
    this.check(h, offset, values.length, true);
    this.memory.pageWords(h.page).set(values, h.offset + offset);
    this.memory.addProc(this.pid, P.writes, 1);
    this.observer?.(this.pid, h);
  }

  read(h: Handle, offset: number, count: number): Int32Array {
    this.check(h, offset, count, false);
    this.options.onRead?.(this.pid, h);
    return this.memory.pageWords(h.page).slice(h.offset + offset, h.offset + offset + count);
  }

  /**
   * An update of public memory: elevate (take the public lock), modify and commit, lower. If `fn`
   * throws, the process is left elevated on purpose: it is crashing inside the window, and its
   * handler must report that.
   */
  update<T>(lock: number, fn: () => T): T {
    if (!this.memory.tryLock(lock, this.pid)) {
      throw new Error(`public lock ${lock} is held by process ${this.memory.lockOwner(lock)}; retry after it is released`);
    }
    this.memory.addProc(this.pid, P.elevated, 1);
    const out = fn();
    this.memory.addProc(this.pid, P.elevated, -1);
    this.memory.unlock(lock, this.pid);
    return out;
  }

  private check(h: Handle, offset: number, count: number, write: boolean): void {
    const m = this.memory;
    const fault = (reason: ConstructorParameters<typeof ProtectionFault>[0], detail: string) =>
      new ProtectionFault(reason, this.pid, h.page, detail);
    if (h.page < 0 || h.page >= m.poolPages) throw fault("out-of-bounds", `page ${h.page} is outside the pool of ${m.poolPages}`);
    if (offset < 0 || offset + count > h.length)
      throw fault("out-of-bounds", `words ${offset}..${offset + count} outside an object of ${h.length}`);
    const mine = this.arena;
    if (h.arena !== mine && h.arena !== PUBLIC_ARENA)
      throw fault("foreign-arena", `arena ${h.arena} belongs to another group (this process is in arena ${mine})`);
    const stale = m.arenaEpoch(h.arena) !== h.epoch || m.ownerWord(h.page) !== SharedMemory.owner(h.arena, h.epoch);
    if (stale && !this.options.skipStaleCheck) {
      throw fault("stale-handle", `handle of arena ${h.arena} epoch ${h.epoch}; the arena is at epoch ${m.arenaEpoch(h.arena)}`);
    }
    if (write && h.arena === PUBLIC_ARENA && !m.elevated(this.pid)) {
      throw fault("public-read-only", "the public arena is read-only outside an elevation scope (update())");
    }
  }
}

/** Bump allocation inside the arena's pages; objects never straddle pages. */
export function allocIn(
  m: SharedMemory,
  arena: number,
  words: number,
  current: number | undefined,
  setCurrent: (p: number) => void,
): Handle | undefined {
  const capacity = m.pageSize / 4;
  if (words < 1 || words > capacity - 1) throw new RangeError(`objects are 1..${capacity - 1} words, got ${words}`);
  const epoch = m.arenaEpoch(arena);
  let page = current;
  if (
    page === undefined ||
    m.ownerWord(page) !== SharedMemory.owner(arena, epoch) ||
    (m.pageWords(page)[0] as number) + 1 + words > capacity
  ) {
    page = m.claimPage(arena, page === undefined ? 0 : page + 1);
    if (page === undefined) return undefined;
    setCurrent(page);
  }
  const pw = m.pageWords(page);
  const offset = (pw[0] as number) + 1;
  pw[0] = offset - 1 + words;
  return { arena, epoch, page, offset, length: words };
}
