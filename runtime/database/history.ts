/**
 * The client-side history of one database: every request's invoke and its outcome, in order.
 * Checkers read it (acknowledged-write survival, one outcome per request, no stale results); the
 * failover report measures the client-visible outage from it. Nothing in the model reads it back.
 */

export type Outcome = "ok" | "retryable" | "fatal";

export interface Invoke {
  readonly id: number;
  readonly database: string;
  readonly client: string;
  readonly kind: "read" | "write";
  /** Writes: the client's id of the write; a retry reuses it. */
  readonly writeId?: string;
  readonly atMs: number;
}

export interface Completion {
  readonly id: number;
  readonly outcome: Outcome;
  readonly atMs: number;
  /** Why a request failed (`timeout`, `fenced`, `no-route`, `not-coordinator`). */
  readonly reason?: string;
  /** The cluster the client reached (the coordinator, it believed). */
  readonly via?: string;
  /** The role `via` had when the request arrived. */
  readonly viaRole?: string;
  /** Where the plan ran. */
  readonly executor?: string;
  readonly remote?: boolean;
  /** The epoch the plan was stamped with, and the executor's own epoch when it ran. */
  readonly epoch?: number;
  readonly executorEpoch?: number;
  /** The version the plan was stamped with (what had been committed before it was sent). */
  readonly planVersion?: number;
  /** Writes: the sequence acknowledged. */
  readonly seq?: number;
  /** The version of the executor's own copy the plan ran on (what a read returns). */
  readonly version?: number;
  /** The write the executor's copy holds at `version` (none at version 0): what the client sees as the latest write. */
  readonly seenWrite?: string;
}

export class History {
  readonly invokes: Invoke[] = [];
  readonly completions: Completion[] = [];
  private nextId = 1;

  invoke(i: Omit<Invoke, "id">): Invoke {
    // One literal with every field, always in this order: V8 then shares one hidden class among all
    // invokes. Spreading `i` (whose writeId is there or not) gave each invoke its own hidden class,
    // ~300 bytes more per request — most of a long run's heap.
    const full: Invoke = { id: this.nextId++, database: i.database, client: i.client, kind: i.kind, writeId: i.writeId, atMs: i.atMs };
    this.invokes.push(full);
    return full;
  }

  complete(c: Completion): void {
    this.completions.push(c);
  }

  /** The last ok completion at or before `atMs`. */
  lastOkBefore(atMs: number): Completion | undefined {
    for (let i = this.completions.length - 1; i >= 0; i--) {
      const c = this.completions[i] as Completion;
      if (c.atMs <= atMs && c.outcome === "ok") return c;
    }
    return undefined;
  }

  /** The first ok write acknowledgement at or after `atMs`. */
  firstAckAfter(atMs: number): Completion | undefined {
    return this.completions.find((c) => c.atMs >= atMs && c.outcome === "ok" && c.seq !== undefined);
  }
}
