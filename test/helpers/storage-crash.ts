/**
 * Real-mode crash consistency of the durable log: a child process appends to a log on a real
 * file with fdatasync, keeping several appends in flight, and is killed with SIGKILL at a seeded
 * random point; the file is then read back and the next child continues it. Checked every round:
 * every acknowledged record is there, written by the life that acknowledged it; every record holds
 * exactly what its writer wrote; each open is a new life. Uses the built child (npm test builds
 * first). A process kill keeps the page cache; torn and lost sectors of a power loss are the
 * simulated disk's part (runtime/storage/durable-log.test.ts).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { expect } from "vitest";
import { RealDisk } from "../../runtime/real/real-disk";
import { builtWorkerScript } from "../../runtime/real/worker-script";
import { SeededRandom } from "../../runtime/sim/random";
import { DurableLog } from "../../runtime/storage/durable-log";
import { LOG_WRITER_GEOMETRY, LOG_WRITER_PAYLOAD_BYTES, logPayload } from "../../runtime/storage/log-writer-process";

interface Life {
  readonly life: number;
  readonly recovered: number;
  readonly acked: number[];
  /** The child stopped by itself because its log is (nearly) full. */
  readonly full: boolean;
}

/** Runs one child until it has acknowledged `acks` records (then SIGKILL), or it stops by itself. */
function runChild(file: string, inFlight: number, acks: number): Promise<Life> {
  const script = builtWorkerScript("storage", "log-writer-process.js");
  const child: ChildProcess = spawn(process.execPath, [script, file, String(inFlight)], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let life = 0;
    let recovered = -1;
    let full = false;
    const acked: number[] = [];
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on("line", (line) => {
      const [word, a, b] = line.split(" ");
      if (word === "open") [life, recovered] = [Number(a), Number(b)];
      if (word === "ack") acked.push(Number(a));
      if (word === "full") full = true;
      if (acked.length >= acks && !child.killed) child.kill("SIGKILL");
    });
    child.on("error", reject);
    // `close`, not `exit`: only then has every line the child wrote been read
    child.on("close", () => resolve({ life, recovered, acked, full }));
  });
}

/** Kills `rounds` children at seeded random points, checking the log after each (see the file's comment). */
export async function crashRounds(rounds: number): Promise<void> {
  const ROUNDS = rounds;
  const dir = mkdtempSync(join(tmpdir(), "resilience-crash-"));
  try {
    const random = new SeededRandom(15);
    let files = 0;
    let file = "";
    let ackedThrough = 0;
    let ackedBy = new Map<number, number>();
    let previousLife = 0;
    let longest = 0;
    let acknowledged = 0;
    const freshFile = () => {
      file = join(dir, `log-${++files}.bin`);
      [ackedThrough, previousLife, longest, ackedBy] = [0, 0, 0, new Map()];
    };
    freshFile();
    for (let round = 1; round <= ROUNDS; round++) {
      // A long loop fills a log (10,000 records): go on in a new file rather than test nothing.
      if (longest > 9_000) freshFile();
      const child = await runChild(file, 1 + random.int(16), 1 + random.int(300));
      expect(child.full && child.acked.length === 0, `round ${round}: the child appended nothing`).toBe(false);
      acknowledged += child.acked.length;
      expect(child.life, `round ${round}`).toBe(previousLife + 1);
      expect(child.recovered, `round ${round}: recovered`).toBeGreaterThanOrEqual(ackedThrough);
      previousLife = child.life;
      for (const seq of child.acked) ackedBy.set(seq, child.life);
      ackedThrough = Math.max(ackedThrough, ...child.acked);

      const disk = new RealDisk(file, LOG_WRITER_GEOMETRY);
      const found = DurableLog.inspect(disk, { payloadBytes: LOG_WRITER_PAYLOAD_BYTES });
      disk.close();
      expect(found.life).toBe(child.life);
      expect(found.entries.length, `round ${round}: records`).toBeGreaterThanOrEqual(ackedThrough);
      const wrong = found.entries.filter((e) => Buffer.compare(e.payload, logPayload(e.life, e.seq)) !== 0).map((e) => e.seq);
      expect(wrong, `round ${round}: records that differ from what their life wrote`).toEqual([]);
      const reattributed = found.entries.filter((e) => (ackedBy.get(e.seq) ?? e.life) !== e.life).map((e) => e.seq);
      expect(reattributed, `round ${round}: acknowledged records now holding another life's bytes`).toEqual([]);
      longest = found.entries.length;
    }
    expect(acknowledged).toBeGreaterThan(ROUNDS);
    expect(longest).toBeGreaterThanOrEqual(ackedThrough);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
