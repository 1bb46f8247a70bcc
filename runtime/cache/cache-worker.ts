/**
 * Real mode: the database engine in a worker thread, over the cache buffer the main
 * thread (the supervisor) owns. The supervisor can terminate the worker at any instruction; the
 * buffer survives and the supervisor recovers it. Redo goes to the supervisor's storage as
 * messages; storage's acknowledgements are the supervisor's business.
 *
 * Behaviours:
 * - `write-loop`: writes whole pages, each filled with one byte value (the LSN's low byte), in a
 *   loop until terminated — a torn page shows as two values in one slot;
 * - `deadlock`: writes a few pages, then waits forever on a word of the buffer (a hung engine that
 *   must be fenced); when woken it tries one more write, which the fence refuses.
 */
import { parentPort, workerData } from "node:worker_threads";
import { CacheEngine, FencedError } from "./cache-engine";
import { CacheMemory } from "./layout";
import type { RedoRecord } from "./redo-storage";

export interface CacheWorkerData {
  readonly buffer: SharedArrayBuffer;
  /** The epoch the supervisor's recovery gave this engine. */
  readonly epoch: number;
  readonly pages: number;
  readonly chunkBytes: number;
  readonly behaviour: "write-loop" | "deadlock";
  /** Int32 word the deadlocked engine waits on (a separate SharedArrayBuffer). */
  readonly wait?: SharedArrayBuffer;
}

export type CacheWorkerMessage =
  | { readonly type: "redo"; readonly record: RedoRecord }
  | { readonly type: "waiting" }
  | { readonly type: "fenced"; readonly message: string };

function main(data: CacheWorkerData): void {
  const port = parentPort;
  if (!port) return;
  const memory = CacheMemory.attach(data.buffer);
  const index = new Map<number, number>();
  for (let s = 0; s < memory.slotCount; s++) index.set(memory.pageId(s), s);
  const engine = new CacheEngine(
    memory,
    {
      readPage: () => {
        throw new Error("the worker's pages are all cached: no storage read expected");
      },
      ship: (record) => port.postMessage({ type: "redo", record } satisfies CacheWorkerMessage),
      durablePoint: () => 0,
    },
    { epoch: data.epoch, mode: "eager", chunkBytes: data.chunkBytes },
    index,
  );
  const page = new Uint8Array(memory.pageSize);
  const writeOne = (n: number) => {
    const id = n % data.pages;
    page.fill((memory.nextLsnFloor + 1) & 0xff);
    engine.write(id, 0, page);
  };
  if (data.behaviour === "write-loop") {
    for (let n = 0; ; n++) writeOne(n);
  }
  for (let n = 0; n < data.pages; n++) writeOne(n);
  port.postMessage({ type: "waiting" } satisfies CacheWorkerMessage);
  Atomics.wait(new Int32Array(data.wait as SharedArrayBuffer), 0, 0);
  try {
    writeOne(0);
  } catch (e) {
    if (e instanceof FencedError) port.postMessage({ type: "fenced", message: e.message } satisfies CacheWorkerMessage);
    else throw e;
  }
}

main(workerData as CacheWorkerData);
