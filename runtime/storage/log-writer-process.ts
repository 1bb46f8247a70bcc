/**
 * A child process that appends to a durable log on a real file until it is killed: the subject of
 * the real-mode crash-consistency test and loop. Run as
 * `node log-writer-process.js <file> <in-flight>`; it prints `open <life> <recovered>` once, then
 * `ack <seq>` for each record a completed fdatasync covered. Record `seq` of life `l` holds
 * `logPayload(l, seq)`, so whoever reads the file later can tell which life wrote what.
 */
import { createHash } from "node:crypto";
import { RealClock } from "../real/real-clock";
import { RealDisk } from "../real/real-disk";
import { DurableLog } from "./durable-log";

/** Geometry of the crash test's log file: 512-byte sectors, 16 MiB sparse. */
export const LOG_WRITER_GEOMETRY = { sectorSizeBytes: 512, sectorCount: 32_768 } as const;
export const LOG_WRITER_PAYLOAD_BYTES = 1_000;

/** The bytes record `seq` of life `life` carries: 1–1,000 bytes derived from both. */
export function logPayload(life: number, seq: number): Uint8Array {
  const digest = createHash("sha256").update(`${life}:${seq}`).digest();
  const length = 1 + (digest.readUInt16LE(0) % LOG_WRITER_PAYLOAD_BYTES);
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = digest[i % digest.length] as number;
  return out;
}

function main(file: string, inFlight: number): void {
  const disk = new RealDisk(file, LOG_WRITER_GEOMETRY);
  const { log, recovery } = DurableLog.open(disk, { payloadBytes: LOG_WRITER_PAYLOAD_BYTES });
  const clock = new RealClock();
  process.stdout.write(`open ${recovery.life} ${recovery.entries.length}\n`);
  const appendOne = (): void => {
    const seq = log.next;
    // 3-sector records on 32,766 sectors hold 10,922; stop short of LogFullError
    if (seq > 10_000) {
      process.stdout.write("full\n");
      process.exit(0);
    }
    log.append(seq % 1_024, logPayload(log.life, seq), clock.nowMs(), () => {
      process.stdout.write(`ack ${seq}\n`);
      appendOne();
    });
  };
  for (let i = 0; i < inFlight; i++) appendOne();
}

if (require.main === module) main(process.argv[2] as string, Number(process.argv[3] ?? 8));
