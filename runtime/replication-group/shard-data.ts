/**
 * What each node of one shard holds: a prefix of a lineage of writes. The primary appends; a
 * replica applies the primary's lineage up to what its replication lag lets it have; a promoted
 * replica's prefix becomes the new lineage (the old primary's unreplicated tail is gone: replication
 * is asynchronous); a node that comes back resyncs from the primary in full, as Valkey and Redis OSS
 * replicas do after a failover, and a primary that lost its memory comes back empty.
 * https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Replication.Redis.Groups.html
 */

/** One acknowledged write as a node holds it. */
export interface Entry {
  readonly writeId: number;
  /** When the primary acknowledged it. */
  readonly ackedAtMs: number;
}

interface Holding {
  lineage: Entry[];
  /** How many entries of `lineage` the node holds. */
  length: number;
}

export class ShardData {
  private readonly holding = new Map<string, Holding>();

  constructor(nodes: readonly string[]) {
    const lineage: Entry[] = [];
    for (const n of nodes) this.holding.set(n, { lineage, length: 0 });
  }

  private of(node: string): Holding {
    const h = this.holding.get(node);
    if (!h) throw new RangeError(`no node ${node} in this shard`);
    return h;
  }

  /** The primary takes a write: it holds it at once (acknowledged before any replica has it). */
  append(primary: string, entry: Entry): void {
    const h = this.of(primary);
    // A primary that holds less than its lineage (a promoted replica) starts its own.
    if (h.length < h.lineage.length) h.lineage = h.lineage.slice(0, h.length);
    h.lineage.push(entry);
    h.length = h.lineage.length;
  }

  /** A replica applies what the primary acknowledged up to `uptoMs`; false when it had to resync. */
  apply(replica: string, primary: string, uptoMs: number): boolean {
    const r = this.of(replica);
    const p = this.of(primary);
    let resynced = false;
    if (r.lineage !== p.lineage || r.length > p.length) {
      // Not a prefix of the primary's data: a full resync (Valkey's PSYNC falls back to a full copy).
      r.lineage = p.lineage;
      r.length = 0;
      resynced = true;
    }
    while (r.length < p.length && (p.lineage[r.length] as Entry).ackedAtMs <= uptoMs) r.length++;
    return !resynced;
  }

  /** The node becomes primary with what it holds. */
  promote(node: string): void {
    const h = this.of(node);
    if (h.length < h.lineage.length) h.lineage = h.lineage.slice(0, h.length);
  }

  /** The node lost its memory (a primary back with no failover): it holds nothing. */
  wipe(node: string): void {
    const h = this.of(node);
    h.lineage = [];
    h.length = 0;
  }

  /** How many writes the node holds (the replica with the most has the least replication lag). */
  length(node: string): number {
    return this.of(node).length;
  }

  /** The newest write the node holds (what a read of the key returns), or undefined. */
  latest(node: string): number | undefined {
    const h = this.of(node);
    return h.length === 0 ? undefined : (h.lineage[h.length - 1] as Entry).writeId;
  }

  /** Every write id the node holds. */
  held(node: string): Set<number> {
    const h = this.of(node);
    const out = new Set<number>();
    for (let i = 0; i < h.length; i++) out.add((h.lineage[i] as Entry).writeId);
    return out;
  }
}
