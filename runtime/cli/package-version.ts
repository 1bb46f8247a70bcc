import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** This package's version, found by walking up from this file (works from src and dist). */
export function packageVersion(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, "package.json");
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
    if (pkg.name === "cdktf-resilience" && pkg.version) return pkg.version;
  }
  return "0.0.0-unknown";
}
