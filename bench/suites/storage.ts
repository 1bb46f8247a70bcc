/**
 * The storage control plane's figures: clone creation time across volume sizes (the goal: flat,
 * since a copy-on-write clone copies nothing) — with no log after the snapshot and with a replay
 * tail of log records, as a clone at "now" has — snapshot time against the blocks changed since
 * the previous one, and point-in-time restore time against the log it replays.
 */
import { BlockStore } from "../../runtime/storage/block-store";
import { BLOCK_SIZE } from "../../runtime/storage/data-plane";
import { ownLog, restoreToPoint } from "../../runtime/storage/point-in-time";
import { SnapshotStore } from "../../runtime/storage/snapshots";
import { Volume } from "../../runtime/storage/volume";
import { type BenchRow, type BenchSuite, fastestMs } from "../harness";

const MiB_BLOCKS = (1024 * 1024) / BLOCK_SIZE;

/** Nanoseconds per record, as text. */
const perRecord = (ms: number, records: number) => `${Math.round((ms * 1e6) / records).toLocaleString("en-US")} ns`;

function filled(blocks: number): { store: BlockStore; snaps: SnapshotStore; volume: Volume } {
  const store = new BlockStore(BLOCK_SIZE);
  const snaps = new SnapshotStore(store);
  const volume = new Volume("v", store);
  const bytes = new Uint8Array(8);
  for (let i = 0; i < blocks; i++) {
    new DataView(bytes.buffer).setUint32(0, i);
    volume.write(i, bytes, 0);
  }
  snaps.take(volume, 1);
  return { store, snaps, volume };
}

export const storageSuite: BenchSuite = {
  name: "storage",
  async run(): Promise<readonly BenchRow[]> {
    const rows: BenchRow[] = [];
    // Clones of 1 MiB and 256 MiB volumes (256 and 65,536 blocks of 4 KiB): at the snapshot (no
    // log to replay), and at the latest point with a tail of log records written after it.
    // The tail writes the same blocks (the first 256) on both sizes, so only the volume size differs.
    // Clones without a tail take microseconds: each sample times a batch of them.
    const cloneMs = async (mib: number, tail: number) => {
      const { store, snaps, volume } = filled(mib * MiB_BLOCKS);
      for (let i = 0; i < tail; i++) volume.write(i % MiB_BLOCKS, new Uint8Array([i & 0xff, i >> 8]), 2 + i);
      const at = tail === 0 ? 1 : 1 + tail;
      const batch = tail === 0 ? 200 : 1;
      let n = 0;
      const ms = await fastestMs(
        () => {
          for (let b = 0; b < batch; b++)
            restoreToPoint(store, snaps, volume, at, { id: `c${n++}`, logs: ownLog(volume, at), clonesOfSource: 0 });
        },
        21,
        3,
      );
      return ms / batch;
    };
    const bare = [await cloneMs(1, 0), await cloneMs(256, 0)] as const;
    const TAIL = 10_000;
    const tailed = [await cloneMs(1, TAIL), await cloneMs(256, TAIL), await cloneMs(256, 10 * TAIL)] as const;
    rows.push(
      {
        name: "copy-on-write clone of a 1 MiB volume at its snapshot",
        value: bare[0] * 1000,
        unit: "µs",
        note: "fastest of 21 batches of 200",
      },
      {
        name: "copy-on-write clone of a 256 MiB volume at its snapshot",
        value: bare[1] * 1000,
        unit: "µs",
        note: "fastest of 21 batches of 200",
      },
      { name: "clone time, 256 MiB ÷ 1 MiB, no log to replay", value: bare[1] / bare[0], unit: "×", goal: { near: 1, withinFactor: 3 } },
      {
        name: `clone of a 1 MiB volume, ${TAIL.toLocaleString("en-US")} log records to replay`,
        value: tailed[0],
        unit: "ms",
        note: "the clone at the latest point: its snapshot plus the log after it",
      },
      { name: `clone of a 256 MiB volume, ${TAIL.toLocaleString("en-US")} log records to replay`, value: tailed[1], unit: "ms" },
      {
        name: `clone time with a ${TAIL.toLocaleString("en-US")}-record tail, 256 MiB ÷ 1 MiB`,
        value: tailed[1] / tailed[0],
        unit: "×",
        goal: { near: 1, withinFactor: 3 },
        note: "the tail costs the same on any volume size",
      },
      {
        name: `clone of a 256 MiB volume, ${(10 * TAIL).toLocaleString("en-US")} ÷ ${TAIL.toLocaleString("en-US")} log records`,
        value: tailed[2] / tailed[1],
        unit: "×",
        goal: { near: 10, withinFactor: 3 },
        note: `∝ the tail, 10× for linear; per record ${perRecord(tailed[1], TAIL)} and ${perRecord(tailed[2], 10 * TAIL)} (records that no longer fit the CPU caches cost more each)`,
      },
    );
    // Snapshots after 100 and after 10,000 changed blocks of a 256 MiB volume.
    const snapMs: number[] = [];
    for (const changed of [100, 10_000]) {
      const { snaps, volume } = filled(256 * MiB_BLOCKS);
      const samples: number[] = [];
      for (let round = 0; round < 7; round++) {
        for (let i = 0; i < changed; i++) volume.write(i, new Uint8Array([i & 0xff, round + 1]), 2 + round);
        const t0 = process.hrtime.bigint();
        snaps.take(volume, 3 + round);
        samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
      snapMs.push(samples.sort((a, b) => a - b)[3] as number);
    }
    rows.push({
      name: "snapshot time, 10,000 ÷ 100 changed blocks (median of 7)",
      value: (snapMs[1] as number) / (snapMs[0] as number),
      unit: "×",
      goal: { near: 100, withinFactor: 3 },
      note: `∝ changed blocks, not volume size: ${(snapMs[0] as number).toFixed(2)} ms and ${(snapMs[1] as number).toFixed(1)} ms on a 256 MiB volume`,
    });
    // Point-in-time restore replaying 10,000 and 100,000 log records (both past the CPU caches, so
    // the ratio shows the algorithm, not the memory hierarchy).
    const pitrMs: number[] = [];
    for (const records of [10_000, 100_000]) {
      const { store, snaps, volume } = filled(MiB_BLOCKS);
      for (let i = 0; i < records; i++) volume.write(i % MiB_BLOCKS, new Uint8Array([i & 0xff, i >> 8]), 10 + i);
      let n = 0;
      pitrMs.push(
        await fastestMs(
          () =>
            restoreToPoint(store, snaps, volume, 10 + records, { id: `p${n++}`, logs: ownLog(volume, 10 + records), clonesOfSource: 0 }),
          7,
          1,
        ),
      );
    }
    rows.push(
      { name: "point-in-time restore replaying 10,000 log records", value: pitrMs[0] as number, unit: "ms" },
      { name: "point-in-time restore replaying 100,000 log records", value: pitrMs[1] as number, unit: "ms" },
      {
        name: "point-in-time restore, 100,000 ÷ 10,000 log records",
        value: (pitrMs[1] as number) / (pitrMs[0] as number),
        unit: "×",
        goal: { near: 10, withinFactor: 3 },
        note: `∝ log length, 10× for linear; per record ${perRecord(pitrMs[0] as number, 10_000)} and ${perRecord(pitrMs[1] as number, 100_000)}`,
      },
    );
    return rows;
  },
};
