import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

/** The repository root. */
export const ROOT = resolve(__dirname, "../..");

/** Path of a built file under dist/; fails with the fix when the build is missing. */
export function distFile(relative: string): string {
  const file = join(ROOT, "dist", relative);
  if (!existsSync(file)) throw new Error(`${file} is missing. Fix: run \`npm run build\` (npm test does it first).`);
  return file;
}

/** The CLI entry users run (bin/ → dist/runtime/cli). */
export function cliBin(): string {
  distFile("runtime/cli/main.js");
  return join(ROOT, "bin", "cdktf-resilience.js");
}
