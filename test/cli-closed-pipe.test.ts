/**
 * A reader that stops early (`cdktf-resilience check plan | head`) closes the pipe: the CLI stops
 * writing and exits with the run's own verdict — not an unhandled EPIPE with a stack trace.
 * Judged against the same command whose output is read to the end.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { auroraFleet } from "../bench/suites/scale";
import { cli } from "./helpers/cli";
import { cliBin } from "./helpers/dist";

const fleet = join(mkdtempSync(join(tmpdir(), "closed-pipe-")), "fleet.tf.json");
// 500 clusters: `check` prints far more than a pipe buffer holds, so the writes outlive the reader.
writeFileSync(fleet, auroraFleet(500));

/** Runs the CLI, reads its first chunk of stdout, then closes the pipe; resolves with the exit code and stderr. */
function readFirstChunkThenClose(...args: string[]): Promise<{ code: number | null; stderr: string; first: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliBin(), ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    let first = "";
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.stdout.once("data", (d: Buffer) => {
      first = d.toString();
      child.stdout.destroy();
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr, first }));
  });
}

test.each([["check"], ["inspect"]])(
  "%s | head: the verdict's exit code, no stack trace",
  async (command) => {
    const whole = cli(command, fleet);
    expect([0, 1]).toContain(whole.code);
    expect(whole.stdout.length).toBeGreaterThan(1 << 17);
    const cut = await readFirstChunkThenClose(command, fleet);
    expect(cut.first.length).toBeGreaterThan(0);
    expect(whole.stdout.startsWith(cut.first)).toBe(true);
    expect(cut.code).toBe(whole.code);
    expect(cut.stderr).not.toMatch(/EPIPE|internal error|at \S+ \(/);
  },
  60_000,
);
