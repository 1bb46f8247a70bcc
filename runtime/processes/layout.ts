/**
 * The global shared memory of one host: a SharedArrayBuffer split into a control
 * region and fixed-size pages. Everything a crash could leave half-done lives in single 32-bit words
 * changed with one atomic operation, so a process killed at any instruction leaves the table
 * consistent:
 * - page table: one owner word per page, `epoch << 8 | arenaId` (0 = free); a claim is one
 *   compareExchange 0 → owner, so it either happened or did not;
 * - arena epochs: bumping one fences every handle of the old epoch (no use after return);
 * - process table: per slot its arena, role, incarnation, state, elevation depth and write count;
 * - public lock table: owner slot + 1, or 0;
 * - fault mailboxes (what a faulting process tells its cleanup thread): sequence, kind,
 *   elevated-at-fault, job id.
 * The main thread and the workers map the same buffer through this class.
 */

export const FREE = 0;
/** Arena ids: the public arena is 1, group arenas follow; 8 bits in the owner word. */
export const PUBLIC_ARENA = 1;
export const MAX_ARENAS = 255;
const MAX_EPOCH = 2 ** 23 - 1;

export const Role = { leader: 0, compute: 1 } as const;

/** Process states: a faulted process is parked in its handler until it is killed. */
export const ProcState = { idle: 1, running: 2, faulted: 3, removed: 4, killed: 5, starting: 6 } as const;

const KIND_CODES = ["protection-fault", "uncaught-exception", "assertion", "unexpected-exit"] as const;
export const kindCode = (k: (typeof KIND_CODES)[number]): number => KIND_CODES.indexOf(k) + 1;
export const kindOfCode = (c: number): (typeof KIND_CODES)[number] => KIND_CODES[c - 1] ?? "unexpected-exit";

const HEADER_WORDS = 8;
const PROC_WORDS = 6;
const MAIL_WORDS = 4;
/** Process table columns. */
export const P = { arena: 0, role: 1, incarnation: 2, state: 3, elevated: 4, writes: 5 } as const;
/** Mailbox columns. */
export const M = { seq: 0, kind: 1, elevated: 2, jobId: 3 } as const;

export interface MemoryGeometry {
  readonly pageSize: number;
  readonly poolPages: number;
  readonly maxProcesses: number;
  readonly lockCount: number;
}

export class SharedMemory {
  readonly pageSize: number;
  readonly poolPages: number;
  readonly maxProcesses: number;
  readonly lockCount: number;
  readonly words: Int32Array;
  readonly bytes: Uint8Array;
  private readonly epochAt: number;
  private readonly pageTableAt: number;
  private readonly procAt: number;
  private readonly lockAt: number;
  private readonly mailAt: number;
  /** A word nobody ever notifies: a faulted process waits on it forever (the handler's loop). */
  readonly parkAt: number;
  private readonly pagesAt: number;

  constructor(readonly buffer: SharedArrayBuffer) {
    const head = new Int32Array(buffer, 0, HEADER_WORDS);
    this.pageSize = head[1] as number;
    this.poolPages = head[2] as number;
    this.maxProcesses = head[3] as number;
    this.lockCount = head[4] as number;
    this.epochAt = HEADER_WORDS;
    this.pageTableAt = this.epochAt + MAX_ARENAS + 1;
    this.procAt = this.pageTableAt + this.poolPages;
    this.lockAt = this.procAt + this.maxProcesses * PROC_WORDS;
    this.mailAt = this.lockAt + this.lockCount;
    this.parkAt = this.mailAt + this.maxProcesses * MAIL_WORDS;
    const controlBytes = (this.parkAt + 1) * 4;
    this.pagesAt = Math.ceil(controlBytes / 8) * 8;
    this.words = new Int32Array(buffer, 0, this.pagesAt / 4);
    this.bytes = new Uint8Array(buffer);
  }

  static create(g: MemoryGeometry): SharedMemory {
    if (g.pageSize % 8 !== 0 || g.pageSize < 64)
      throw new RangeError(`pageSize must be a multiple of 8 and at least 64, got ${g.pageSize}`);
    const controlWords = HEADER_WORDS + MAX_ARENAS + 1 + g.poolPages + g.maxProcesses * (PROC_WORDS + MAIL_WORDS) + g.lockCount + 1;
    const controlBytes = Math.ceil((controlWords * 4) / 8) * 8;
    const buffer = new SharedArrayBuffer(controlBytes + g.pageSize * g.poolPages);
    const head = new Int32Array(buffer, 0, HEADER_WORDS);
    head.set([0x5eed0002, g.pageSize, g.poolPages, g.maxProcesses, g.lockCount]);
    const m = new SharedMemory(buffer);
    for (let a = 0; a <= MAX_ARENAS; a++) m.words[m.epochAt + a] = 1;
    return m;
  }

  /** Back to the state of a fresh start (application restart): every page free and zero, locks clear. */
  reinitialise(): void {
    for (let a = 0; a <= MAX_ARENAS; a++) Atomics.add(this.words, this.epochAt + a, 1);
    for (let p = 0; p < this.poolPages; p++) this.words[this.pageTableAt + p] = FREE;
    this.words.fill(0, this.lockAt, this.lockAt + this.lockCount);
    // incarnations and mailbox sequences stay monotonic across restarts; privilege does not survive
    for (let pid = 0; pid < this.maxProcesses; pid++) this.setProc(pid, P.elevated, 0);
    this.bytes.fill(0, this.pagesAt);
  }

  // ---- page table ----

  ownerWord(page: number): number {
    return Atomics.load(this.words, this.pageTableAt + page);
  }

  static owner(arena: number, epoch: number): number {
    return ((epoch & MAX_EPOCH) << 8) | arena;
  }

  static arenaOf(word: number): number {
    return word & 0xff;
  }

  static epochOf(word: number): number {
    return word >>> 8;
  }

  arenaEpoch(arena: number): number {
    return Atomics.load(this.words, this.epochAt + arena);
  }

  /**
   * Claims one free page for `arena` at its current epoch: the single compareExchange is the whole
   * claim, so a process killed around it leaves the page either free or owned, never half-claimed.
   */
  claimPage(arena: number, hint = 0): number | undefined {
    const word = SharedMemory.owner(arena, this.arenaEpoch(arena));
    for (let i = 0; i < this.poolPages; i++) {
      const p = (hint + i) % this.poolPages;
      if (Atomics.compareExchange(this.words, this.pageTableAt + p, FREE, word) === FREE) return p;
    }
    return undefined;
  }

  /** Fences every handle of the arena's current epoch (step one of a return); the new epoch. */
  fenceArena(arena: number): number {
    return Atomics.add(this.words, this.epochAt + arena, 1) + 1;
  }

  /**
   * Scrubs and frees the arena's pages of fenced epochs (step two of a return); the number of pages freed.
   * `scrub = false` only for the test-only `noScrub` mutant; `unfenced = true` (the test-only
   * `noRecoveryFence` mutant) frees the current epoch's pages too, so their handles stay valid.
   */
  releaseFenced(arena: number, scrub = true, unfenced = false): number {
    const current = this.arenaEpoch(arena);
    let freed = 0;
    for (let p = 0; p < this.poolPages; p++) {
      const w = this.ownerWord(p);
      if (w === FREE || SharedMemory.arenaOf(w) !== arena || (SharedMemory.epochOf(w) === current && !unfenced)) continue;
      if (scrub) this.page(p).fill(0);
      // the owner word goes last: nobody can claim the page before it reads zero
      if (Atomics.compareExchange(this.words, this.pageTableAt + p, w, FREE) === w) freed++;
    }
    return freed;
  }

  page(p: number): Uint8Array {
    return new Uint8Array(this.buffer, this.pagesAt + p * this.pageSize, this.pageSize);
  }

  pageWords(p: number): Int32Array {
    return new Int32Array(this.buffer, this.pagesAt + p * this.pageSize, this.pageSize / 4);
  }

  /** Pages by owner: free, each arena at its current epoch, and fenced pages not yet returned. */
  census(): { free: number; live: Map<number, number>; fenced: Map<number, number> } {
    let free = 0;
    const live = new Map<number, number>();
    const fenced = new Map<number, number>();
    for (let p = 0; p < this.poolPages; p++) {
      const w = this.ownerWord(p);
      if (w === FREE) {
        free++;
        continue;
      }
      const a = SharedMemory.arenaOf(w);
      const into = SharedMemory.epochOf(w) === this.arenaEpoch(a) ? live : fenced;
      into.set(a, (into.get(a) ?? 0) + 1);
    }
    return { free, live, fenced };
  }

  /** FNV-1a over the arena's live pages in page order: equal before and after means untouched. */
  arenaChecksum(arena: number): string {
    let h = 0x811c9dc5;
    const epoch = this.arenaEpoch(arena);
    for (let p = 0; p < this.poolPages; p++) {
      if (this.ownerWord(p) !== SharedMemory.owner(arena, epoch)) continue;
      h = Math.imul(h ^ p, 0x01000193) >>> 0;
      for (const w of this.pageWords(p)) h = Math.imul(h ^ w, 0x01000193) >>> 0;
    }
    return h.toString(16).padStart(8, "0");
  }

  // ---- process table ----

  proc(pid: number, column: number): number {
    return Atomics.load(this.words, this.procAt + pid * PROC_WORDS + column);
  }

  setProc(pid: number, column: number, value: number): void {
    Atomics.store(this.words, this.procAt + pid * PROC_WORDS + column, value);
  }

  addProc(pid: number, column: number, delta: number): number {
    return Atomics.add(this.words, this.procAt + pid * PROC_WORDS + column, delta) + delta;
  }

  // ---- public locks ----

  lockOwner(lock: number): number | undefined {
    const w = Atomics.load(this.words, this.lockAt + lock);
    return w === 0 ? undefined : w - 1;
  }

  tryLock(lock: number, pid: number): boolean {
    return Atomics.compareExchange(this.words, this.lockAt + lock, 0, pid + 1) === 0;
  }

  unlock(lock: number, pid: number): void {
    Atomics.compareExchange(this.words, this.lockAt + lock, pid + 1, 0);
  }

  ownsAnyLock(pid: number): boolean {
    for (let l = 0; l < this.lockCount; l++) if (Atomics.load(this.words, this.lockAt + l) === pid + 1) return true;
    return false;
  }

  // ---- fault mailboxes (the pipe) ----

  mailboxIndex(pid: number): number {
    return this.mailAt + pid * MAIL_WORDS;
  }

  mail(pid: number, column: number): number {
    return Atomics.load(this.words, this.mailboxIndex(pid) + column);
  }

  /** The handler's only job: the record, then the sequence word last, then a wake-up. */
  postFault(pid: number, kind: number, elevated: boolean, jobId: number): void {
    const at = this.mailboxIndex(pid);
    Atomics.store(this.words, at + M.kind, kind);
    Atomics.store(this.words, at + M.elevated, elevated ? 1 : 0);
    Atomics.store(this.words, at + M.jobId, jobId);
    Atomics.add(this.words, at + M.seq, 1);
    Atomics.notify(this.words, at + M.seq);
  }

  /** Elevated privilege by either sign: an explicit grant or a public lock. */
  elevated(pid: number): boolean {
    return this.proc(pid, P.elevated) > 0 || this.ownsAnyLock(pid);
  }
}
