/**
 * The content-addressed block store behind volumes and snapshots: a block is stored
 * once per distinct content, with a count of the block maps that reference it. Snapshot storage is
 * therefore the unique blocks only — the EBS accounting: a 10 GiB snapshot, then 4 GiB changed,
 * then 2 GiB added, stores 16 GiB; deleting a snapshot frees only the blocks no other map holds.
 */
import { createHash } from "node:crypto";

export type BlockHash = string;

export class BlockStore {
  private readonly blocks = new Map<BlockHash, { readonly bytes: Uint8Array; refs: number }>();

  constructor(readonly blockSize: number) {}

  /** Stores `bytes` (padded to the block size) and returns its hash; does not add a reference. */
  put(bytes: Uint8Array): BlockHash {
    if (bytes.length > this.blockSize) throw new RangeError(`a block holds at most ${this.blockSize} bytes, got ${bytes.length}`);
    const block = new Uint8Array(this.blockSize);
    block.set(bytes);
    const hash = createHash("sha256").update(block).digest("hex");
    if (!this.blocks.has(hash)) this.blocks.set(hash, { bytes: block, refs: 0 });
    return hash;
  }

  get(hash: BlockHash): Uint8Array {
    const b = this.blocks.get(hash);
    if (!b) throw new Error(`block ${hash.slice(0, 12)} is not in the store`);
    return b.bytes;
  }

  ref(hash: BlockHash): void {
    const b = this.blocks.get(hash);
    if (!b) throw new Error(`block ${hash.slice(0, 12)} is not in the store`);
    b.refs += 1;
  }

  /** Drops one reference; a block nobody references is freed. */
  unref(hash: BlockHash): void {
    const b = this.blocks.get(hash);
    if (!b) return;
    b.refs -= 1;
    if (b.refs <= 0) this.blocks.delete(hash);
  }
}
