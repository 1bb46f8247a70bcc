// `npm run mutate [-- --shard <name>] [-- <stryker options>]`: runs Stryker (stryker.config.mjs),
// then writes the short text summary (scripts/mutation-summary.mjs) beside Stryker's HTML and
// JSON reports, also when the score is below the break threshold. Exits with Stryker's status.
// No --shard: the core shard (under 45 minutes on two cores); `--shard <name>` one shard, `--shard all` everything; `--mutate '<glob>'` any files (reports under
// reports/mutation/custom/); other options go to `stryker run` as they are (e.g. --incremental).
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { SHARDS } from "../stryker.config.mjs";
import { writeSummary } from "./mutation-summary.mjs";

const root = resolve(import.meta.dirname, "..");
const args = process.argv.slice(2);
let shard = "";
const rest = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === "--shard") shard = args[++i] ?? "";
  else if (a.startsWith("--shard=")) shard = a.slice("--shard=".length);
  else rest.push(a);
}
if ((args.includes("--shard") || shard) && !Object.hasOwn(SHARDS, shard)) {
  process.stderr.write(
    `--shard "${shard}" is not a shard. Fix: --shard ${Object.keys(SHARDS).join(", --shard ")}, or no --shard for the core shard\n`,
  );
  process.exit(2);
}
const custom = rest.some((a) => a === "--mutate" || a === "-m" || a.startsWith("--mutate="));
if (custom && shard) {
  process.stderr.write("--shard and --mutate both choose the files. Fix: give one of them\n");
  process.exit(2);
}
const name = custom ? "custom" : shard || "core";
const reportDir = join(root, "reports", "mutation", name);
const json = join(reportDir, "mutation.json");

const core = dirname(createRequire(import.meta.url).resolve("@stryker-mutator/core/package.json"));
const stryker = join(core, "bin", "stryker.js");
const started = Date.now();
const run = spawnSync(process.execPath, [stryker, "run", ...rest], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, MUTATE_SHARD: shard, MUTATE_REPORT_NAME: name },
});
const status = run.status ?? 1;
if (existsSync(json) && statSync(json).mtimeMs >= started) {
  const summary = writeSummary(reportDir, { minutes: (Date.now() - started) / 60_000 });
  process.stdout.write(`\n${summary}\nReports: ${join("reports", "mutation", name)}/ (mutation.html, mutation.json, summary.txt)\n`);
}
process.exit(status);
