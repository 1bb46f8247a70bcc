/**
 * The durable log on a real file against the same work done plainly: records appended and
 * acknowledged (each after the `fdatasync` that covers it) per second.
 *
 * The baselines are the strongest plain loops doing what the log does, on the same kind of file
 * through the same calls: a `RealDisk` (a pre-sized file, `pwrite` for writes, asynchronous
 * `fdatasync` for syncs) with the log's slot size and offsets, and no log on top (no header, no
 * CRC, no bookkeeping).
 * - One append in flight pays one sync per record; its baseline writes one record and waits for
 *   its sync, record after record.
 * - Sixteen appends in flight let group commit cover several records with one sync; its baseline
 *   writes sixteen records and syncs once, batch after batch.
 * A log cannot beat its baseline (it does the same I/O and more CPU); the goal is that it costs
 * little on top.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RealDisk } from "../../runtime/real/real-disk";
import { DurableLog } from "../../runtime/storage/durable-log";
import { type BenchRow, type BenchSuite, median } from "../harness";

const RECORDS = 1_000;
const ROUNDS = 5;
const PAYLOAD = 4_096;
const SECTOR = 512;
/** A 4 KiB block plus the 40-byte header, in 512-byte sectors: the log's slot. */
const SLOT_SECTORS = Math.ceil((40 + PAYLOAD) / SECTOR);
/** The log's two superblock sectors come first. */
const FIRST_SLOT = 2;
const GEOMETRY = { sectorSizeBytes: SECTOR, sectorCount: FIRST_SLOT + RECORDS * SLOT_SECTORS };
const BATCH = 16;

const rate = (t0: bigint) => RECORDS / (Number(process.hrtime.bigint() - t0) / 1e9);

/** Plain writes of whole slots, one `fdatasync` per `batch` records, the next batch after it completes. */
function plainLoop(file: string, batch: number): Promise<number> {
  const disk = new RealDisk(file, GEOMETRY);
  const slot = new Uint8Array(SLOT_SECTORS * SECTOR).fill(7);
  return new Promise((resolve) => {
    let written = 0;
    const t0 = process.hrtime.bigint();
    const next = (): void => {
      if (written === RECORDS) {
        disk.close();
        resolve(rate(t0));
        return;
      }
      const end = Math.min(RECORDS, written + batch);
      for (; written < end; written++) disk.write(FIRST_SLOT + written * SLOT_SECTORS, slot);
      disk.sync(next);
    };
    next();
  });
}

/** The log with `inFlight` appenders, each appending its next record once the previous one is durable. */
function logAppends(file: string, inFlight: number): Promise<number> {
  const disk = new RealDisk(file, GEOMETRY);
  const { log } = DurableLog.open(disk, { payloadBytes: PAYLOAD });
  const payload = new Uint8Array(PAYLOAD).fill(7);
  return new Promise((resolve) => {
    let started = 0;
    let acked = 0;
    const t0 = process.hrtime.bigint();
    const one = (): void => {
      if (started === RECORDS) return;
      started++;
      log.append(started % 1_024, payload, started, () => {
        if (++acked === RECORDS) {
          disk.close();
          resolve(rate(t0));
        } else one();
      });
    };
    for (let i = 0; i < inFlight; i++) one();
  });
}

export const storageLogSuite: BenchSuite = {
  name: "storage-log",
  async run(): Promise<readonly BenchRow[]> {
    const dir = mkdtempSync(join(tmpdir(), "bench-log-"));
    try {
      // Interleaved rounds, medians: the disk's speed drifts, so each figure sees the same drift.
      const plainOne: number[] = [];
      const one: number[] = [];
      const plainBatch: number[] = [];
      const batched: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        plainOne.push(await plainLoop(join(dir, `plain-1-${round}.bin`), 1));
        one.push(await logAppends(join(dir, `log-1-${round}.bin`), 1));
        plainBatch.push(await plainLoop(join(dir, `plain-${BATCH}-${round}.bin`), BATCH));
        batched.push(await logAppends(join(dir, `log-${BATCH}-${round}.bin`), BATCH));
      }
      const [p1, l1, pb, lb] = [median(plainOne), median(one), median(plainBatch), median(batched)];
      const note = `${RECORDS.toLocaleString("en-US")} records of ${(SLOT_SECTORS * SECTOR).toLocaleString("en-US")} bytes on a pre-sized file, pwrite + async fdatasync; median of ${ROUNDS} interleaved rounds`;
      return [
        { name: "plain: write one record, fdatasync, repeat", value: p1, unit: "records/s", note },
        { name: "durable log, 1 append in flight", value: l1, unit: "records/s" },
        { name: `plain: write ${BATCH} records, one fdatasync, repeat`, value: pb, unit: "records/s" },
        { name: `durable log, ${BATCH} appends in flight (group commit)`, value: lb, unit: "records/s" },
        { name: "log ÷ plain, one record per sync", value: (100 * l1) / p1, unit: "%", goal: { atLeast: 80 } },
        {
          name: `log ÷ plain, ${BATCH} records per sync`,
          value: (100 * lb) / pb,
          unit: "%",
          goal: { atLeast: 80 },
          note: "group commit's first sync covers one record; later ones whatever was appended while it ran",
        },
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
