import { spawnSync } from "node:child_process";
import { cliBin, ROOT } from "./dist";

/** What a run of the built `cdktf-resilience` binary produced. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built binary (bin/ → dist/) as users do, from the repository root. */
export function cli(...args: string[]): CliRun {
  return cliIn(ROOT, ...args);
}

/** Runs the built binary from `cwd` (e.g. a project folder holding `cdktf.out/`). */
export function cliIn(cwd: string, ...args: string[]): CliRun {
  const r = spawnSync(process.execPath, [cliBin(), ...args], { cwd, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
