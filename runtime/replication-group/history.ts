/**
 * The replication group's clients' own record: every request and its answer, with what the client
 * could see of the node that answered (its id and the replication id it reported, which changes at
 * each promotion). The recovery measures and the invariants read only this.
 */

export interface Request {
  readonly id: number;
  readonly client: string;
  readonly shard: string;
  readonly kind: "write" | "read";
  /** The value a write sets (unique per write). */
  readonly writeId?: number;
  readonly sentAtMs: number;
}

export type Outcome =
  /** Acknowledged write, or a read that returned. */
  | "ok"
  /** The node refused the write: `READONLY You can't write against a read only replica`. */
  | "readonly"
  /** No answer within the client's timeout. */
  | "timeout";

export interface Answer {
  readonly id: number;
  readonly atMs: number;
  readonly outcome: Outcome;
  /** The node that answered (absent on a timeout). */
  readonly node?: string;
  /** The replication id (term) that node reported as primary; absent from a replica. */
  readonly term?: number;
  /** A read's value: the write id it returned, or null for an empty key. */
  readonly value?: number | null;
}

export class ClientHistory {
  readonly requests: Request[] = [];
  /** Answers in the order they were given (a timeout is given when it expires). */
  private readonly answers: Answer[] = [];
  private sorted = true;

  request(r: Omit<Request, "id">): Request {
    const full = { ...r, id: this.requests.length + 1 };
    this.requests.push(full);
    return full;
  }

  answer(a: Answer): void {
    const last = this.answers[this.answers.length - 1];
    if (last && (last.atMs > a.atMs || (last.atMs === a.atMs && last.id > a.id))) this.sorted = false;
    this.answers.push(a);
  }

  /** Every answer in time order (ties by request id). */
  inOrder(): readonly Answer[] {
    if (!this.sorted) {
      this.answers.sort((a, b) => a.atMs - b.atMs || a.id - b.id);
      this.sorted = true;
    }
    return this.answers;
  }

  requestOf(a: Answer): Request {
    return this.requests[a.id - 1] as Request;
  }
}
