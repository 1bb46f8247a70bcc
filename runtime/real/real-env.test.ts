import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import type { ActorContext } from "../sim/ports";
import { RealDisk } from "./real-disk";
import { createRealEnv, type RealEnv } from "./real-env";

const dirs: string[] = [];
const envs: RealEnv[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "sim-real-"));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const e of envs.splice(0)) e.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("real ports", () => {
  test("a file disk reads back synced sectors after reopening, and zeros where nothing was written", async () => {
    const path = join(tempDir(), "a", "wal.disk");
    const disk = new RealDisk(path, { sectorSizeBytes: 512, sectorCount: 8 });
    disk.write(2, new Uint8Array(1024).fill(7));
    await new Promise<void>((resolve) => disk.sync(resolve));
    disk.close();
    const again = new RealDisk(path, { sectorSizeBytes: 512, sectorCount: 8 });
    expect([...again.read(2, 2)].every((b) => b === 7)).toBe(true);
    expect([...again.read(0)].every((b) => b === 0)).toBe(true);
    expect(() => again.write(8, new Uint8Array(512))).toThrow(/outside 0\.\.7/);
    again.close();
  });

  test("the same actor code runs on the real env: timers fire, messages arrive, buggify never fires", async () => {
    const lines: string[] = [];
    const env = createRealEnv({ seed: 5, dataDir: tempDir(), traceSink: (l) => lines.push(l) });
    envs.push(env);
    const got: string[] = [];
    const done = new Promise<void>((resolve) => {
      env.spawn<string>("echo", { zone: "local", boot: (ctx) => ({ receive: (m, from) => ctx.network.send(from, `${m}!`) }) });
      env.spawn<string>("caller", {
        zone: "local",
        boot: (ctx: ActorContext<string>) => {
          ctx.timers.after(1, "call", () => ctx.network.send("echo", "hi"));
          return {
            receive: (m) => {
              got.push(m);
              ctx.trace.record("answered", m);
              resolve();
            },
          };
        },
      });
    });
    await done;
    expect(got).toEqual(["hi!"]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\d+ answered caller hi!$/);
    expect([env.mode, env.seed, env.buggify("anything"), env.sometimes("reached")]).toEqual(["real", 5, false, true]);
    expect(env.coverage()).toEqual({ reached: { evaluations: 1, hits: 1 } });
  });

  test("retiring an actor cancels its timers and later messages to it are ignored", async () => {
    const env = createRealEnv();
    envs.push(env);
    let ticks = 0;
    env.spawn("ticker", {
      zone: "local",
      boot: (ctx) => {
        ctx.timers.every(1, "tick", () => ticks++);
        return { receive: () => ticks++ };
      },
    });
    await new Promise((r) => env.timers.after(15, "wait", () => r(undefined)));
    env.retire("ticker");
    const frozen = ticks;
    await new Promise((r) => env.timers.after(15, "wait", () => r(undefined)));
    expect(frozen).toBeGreaterThan(0);
    expect(ticks).toBe(frozen);
    expect(env.actor("ticker")?.up).toBe(false);
  });

  test("opening a disk without a data folder names the missing option", () => {
    const env = createRealEnv();
    envs.push(env);
    expect(() =>
      env.spawn("db", {
        zone: "local",
        boot: (ctx) => {
          ctx.disk("wal");
          return { receive() {} };
        },
      }),
    ).toThrow(/no dataDir/);
  });
});
