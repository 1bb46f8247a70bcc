/**
 * Where a worker thread's script is. Workers run compiled JavaScript: from the built package the
 * script sits beside its module; from the TypeScript sources (tests, tsx) the one under dist/ is
 * used, so real mode always runs what `npm run build` produced.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";

/** The compiled `<runtime folder>/<file>`, e.g. `builtWorkerScript("cache", "cache-worker.js")`. */
export function builtWorkerScript(folder: string, file: string): string {
  const beside = join(__dirname, "..", folder, file);
  if (existsSync(beside)) return beside;
  const built = join(__dirname, "..", "..", "dist", "runtime", folder, file);
  if (existsSync(built)) return built;
  throw new Error(`the ${file} worker script is not built (looked for ${beside} and ${built}). Fix: run \`npm run build\``);
}
