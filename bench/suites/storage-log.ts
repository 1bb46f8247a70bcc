/**
 * The durable log on a real file against the disk's own limit: records appended and acknowledged
 * (each after the fdatasync that covers it) per second, side by side with a raw loop of
 * `pwrite` + `fdatasync` of the same record size on the same disk. One appender waits for each
 * ack (the worst case for the log: every record pays a sync); sixteen in flight show group commit.
 */
import { closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RealDisk } from "../../runtime/real/real-disk";
import { DurableLog } from "../../runtime/storage/durable-log";
import type { BenchRow, BenchSuite } from "../harness";

const RECORDS = 2_000;
const PAYLOAD = 4_096;
/** A 4 KiB block plus the 40-byte header, in 512-byte sectors. */
const RECORD_BYTES = Math.ceil((40 + PAYLOAD) / 512) * 512;

function rawLoop(file: string): number {
  const fd = openSync(file, "w+");
  const buf = Buffer.alloc(RECORD_BYTES, 7);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < RECORDS; i++) {
    writeSync(fd, buf, 0, buf.length, i * RECORD_BYTES);
    fdatasyncSync(fd);
  }
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  closeSync(fd);
  return RECORDS / s;
}

function logAppends(file: string, inFlight: number): Promise<number> {
  const disk = new RealDisk(file, { sectorSizeBytes: 512, sectorCount: 2 + RECORDS * (RECORD_BYTES / 512) });
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
          resolve(RECORDS / (Number(process.hrtime.bigint() - t0) / 1e9));
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
      const raw: number[] = [];
      const one: number[] = [];
      const sixteen: number[] = [];
      for (let round = 0; round < 3; round++) {
        raw.push(rawLoop(join(dir, `raw-${round}.bin`)));
        one.push(await logAppends(join(dir, `one-${round}.bin`), 1));
        sixteen.push(await logAppends(join(dir, `sixteen-${round}.bin`), 16));
      }
      const median = (xs: number[]) => xs.sort((a, b) => a - b)[1] as number;
      const [r, o, g] = [median(raw), median(one), median(sixteen)];
      const note = `${RECORDS.toLocaleString("en-US")} records of ${RECORD_BYTES.toLocaleString("en-US")} bytes, median of 3 interleaved rounds`;
      return [
        { name: "raw pwrite + fdatasync loop", value: r, unit: "records/s", note },
        { name: "durable log, 1 append in flight", value: o, unit: "records/s", note },
        { name: "durable log, 16 in flight (group commit)", value: g, unit: "records/s", note },
        { name: "log ÷ raw loop, 1 in flight", value: (100 * o) / r, unit: "%", goal: "≥ 50 %", met: o / r >= 0.5 },
        { name: "log ÷ raw loop, 16 in flight", value: (100 * g) / r, unit: "%", goal: "≥ 50 %", met: g / r >= 0.5 },
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
