/**
 * Seed 003's storage figures: clone creation time across volume sizes (the goal: flat, since a
 * copy-on-write clone copies nothing), snapshot time against the blocks changed since the previous
 * one, and point-in-time restore time against the log it replays.
 */
import { BlockStore } from "../../runtime/storage/block-store";
import { BLOCK_SIZE } from "../../runtime/storage/data-plane";
import { restoreToPoint } from "../../runtime/storage/point-in-time";
import { SnapshotStore } from "../../runtime/storage/snapshots";
import { Volume } from "../../runtime/storage/volume";
import { type BenchRow, type BenchSuite, medianMs } from "../harness";

const MiB_BLOCKS = (1024 * 1024) / BLOCK_SIZE;

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
    // Clones of 1 MiB and 256 MiB volumes (256 and 65,536 blocks of 4 KiB), no log to replay.
    const cloneMs: number[] = [];
    for (const mib of [1, 256]) {
      const { store, snaps, volume } = filled(mib * MiB_BLOCKS);
      let n = 0;
      cloneMs.push(
        await medianMs(() => restoreToPoint(store, snaps, volume, 1, { id: `c${n++}`, logsUntilMs: 1, clonesOfSource: 0 }), 21, 3),
      );
    }
    rows.push(
      { name: "copy-on-write clone of a 1 MiB volume", value: cloneMs[0] as number, unit: "ms", note: "median of 21" },
      { name: "copy-on-write clone of a 256 MiB volume", value: cloneMs[1] as number, unit: "ms", note: "median of 21" },
      {
        name: "clone time, 256 MiB ÷ 1 MiB",
        value: (cloneMs[1] as number) / (cloneMs[0] as number),
        unit: "×",
        goal: "≈ 1 (flat)",
        met: (cloneMs[1] as number) / (cloneMs[0] as number) < 3,
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
      name: "snapshot time, 10,000 ÷ 100 changed blocks",
      value: (snapMs[1] as number) / (snapMs[0] as number),
      unit: "×",
      goal: "∝ changed blocks (~100×), not volume size",
      note: `${(snapMs[0] as number).toFixed(2)} ms and ${(snapMs[1] as number).toFixed(1)} ms on a 256 MiB volume`,
    });
    // Point-in-time restore replaying 1,000 and 100,000 log records.
    const pitrMs: number[] = [];
    for (const records of [1_000, 100_000]) {
      const { store, snaps, volume } = filled(MiB_BLOCKS);
      for (let i = 0; i < records; i++) volume.write(i % MiB_BLOCKS, new Uint8Array([i & 0xff, i >> 8]), 10 + i);
      let n = 0;
      pitrMs.push(
        await medianMs(
          () => restoreToPoint(store, snaps, volume, 10 + records, { id: `p${n++}`, logsUntilMs: 10 + records, clonesOfSource: 0 }),
          5,
          1,
        ),
      );
    }
    rows.push(
      { name: "point-in-time restore replaying 1,000 log records", value: pitrMs[0] as number, unit: "ms" },
      {
        name: "point-in-time restore replaying 100,000 log records",
        value: pitrMs[1] as number,
        unit: "ms",
        goal: "∝ log length",
        note: `${((pitrMs[1] as number) / (pitrMs[0] as number)).toFixed(0)}× the 1,000-record restore`,
      },
    );
    return rows;
  },
};
