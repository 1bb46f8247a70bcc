/**
 * `npm run mutate`: mutation testing of the runtime's state machines and of the checkers that
 * judge them (docs/contributing/mutation-testing.md). Stryker plants one small bug at a time
 * (a flipped comparison, a removed branch, an emptied string) and runs the tests that cover it;
 * a mutant no test notices "survives" and is either killed by a new test or argued equivalent
 * below.
 *
 * The files are globs, so files added or renamed under these folders are mutated without editing
 * this list. Shards (`npm run mutate:<shard>`, or `npm run mutate -- --mutate '<glob>'`) run one
 * part of it; scripts/mutation-summary.mjs writes the score per file and the survivors.
 */

import { readdirSync } from "node:fs";

/** The systems' state machines, by system. */
const SYSTEMS = {
  // Lease states of designated contingency capacity (idle → leased → revoking → claimed → activated).
  "contingency-capacity": ["runtime/capacity/contingency-pool.ts"],
  // Workflow states of the storage control plane (snapshots, clones, restores, hibernation).
  "storage-control-plane": ["runtime/storage/control/**/*.ts"],
  // Roles of the failover pair's clusters and the control plane that moves them.
  "failover-pair": ["runtime/database/cluster.ts", "runtime/database/control-plane.ts"],
  // Group states of processing groups (recovery of one group vs a restart of the application).
  "crash-containment": ["runtime/processes/application.ts"],
  // Recovery of the survivable cache after an engine crash.
  "cache-survival": ["runtime/cache/recovery.ts"],
};

/** One folder per system under runtime/checkers/, read from the disk so a new system gets its shard. */
const CHECKER_FOLDERS = readdirSync(new URL("runtime/checkers/", import.meta.url), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

/**
 * What is mutated, by shard (`npm run mutate -- --shard <name>`). The small shards are each meant
 * to finish well within 45 minutes on two cores; `sim`, `systems` and `checkers` are their unions,
 * and no shard at all runs everything (several hours: see docs/contributing/mutation-testing.md).
 */
export const SHARDS = {
  // The checker framework: which violations a run records and reports, the `sometimes` coverage
  // points, the invariant type every checker is built from.
  sim: ["runtime/sim/checkers.ts", "runtime/sim/checker.ts", "runtime/sim/coverage.ts", "runtime/checkers/invariant.ts"],
  ...Object.fromEntries(Object.entries(SYSTEMS).map(([name, globs]) => [`systems-${name}`, globs])),
  systems: Object.values(SYSTEMS).flat(),
  ...Object.fromEntries(CHECKER_FOLDERS.map((name) => [`checkers-${name}`, [`runtime/checkers/${name}/**/*.ts`]])),
  checkers: ["runtime/checkers/**/*.ts"],
  // What `npm run mutate` runs with no --shard: the checker type every invariant is built from and
  // one state machine of three systems (roles of the failover pair's clusters, the storage
  // workflows' saga, the cache's recovery scan) — under 45 minutes on two cores. The checker
  // registry and the coverage counter (runtime/sim/checkers.ts, coverage.ts) are reached by every
  // emulation, so each of their mutants reruns hundreds of tests: they are the `sim` shard, run on
  // its own. The rest is in the shards above.
  core: [
    "runtime/sim/checker.ts",
    "runtime/checkers/invariant.ts",
    "runtime/database/cluster.ts",
    "runtime/storage/control/workflow-engine.ts",
    "runtime/cache/recovery.ts",
  ],
  // Everything above: several hours on two cores.
  all: [
    "runtime/sim/checkers.ts",
    "runtime/sim/checker.ts",
    "runtime/sim/coverage.ts",
    "runtime/checkers/invariant.ts",
    ...Object.values(SYSTEMS).flat(),
    "runtime/checkers/**/*.ts",
  ],
};

/** Never mutated: tests. */
const NOT_MUTATED = ["!**/*.test.ts", "!**/*.test-d.ts"];

// scripts/mutate.mjs sets these: the shard asked for (`--shard <name>`), and where its reports go.
const shard = process.env.MUTATE_SHARD || undefined;
if (shard !== undefined && !Object.hasOwn(SHARDS, shard))
  throw new Error(
    `--shard "${shard}" is not a shard. Fix: use one of ${Object.keys(SHARDS).join(", ")}, or omit --shard for the core shard`,
  );
const reportDir = `reports/mutation/${process.env.MUTATE_REPORT_NAME || shard || "all"}`;

/**
 * Mutants argued equivalent (no test can tell them from the original). Each is either disabled
 * where it is with `// Stryker disable next-line <mutator>: <why>`, or — when a disable comment
 * would also hide killable mutants of the same mutator on that line — left to survive and listed
 * here with its argument, so a reviewer sees every equivalence claim in one place:
 *
 * - runtime/sim/coverage.ts, toRecord's comparator `a < b ? -1 : a > b ? 1 : 0`: the mutants
 *   `a <= b`, `a >= b` (second comparison) and `a > b` → `true` differ from it only when a === b,
 *   and the keys come from a Map, so two are never equal. The other mutants of the line
 *   (`a < b` → `a >= b`, → false, …) reorder keys and are killed by
 *   runtime/sim/checker-framework.test.ts.
 * - runtime/cache/recovery.ts, recoverCache's first line
 *   `o.epochFloor !== undefined && o.epochFloor > stale && …`: the mutants of its first clause
 *   (`→ true`) are equivalent, because `undefined > stale` is already false; and `o.epochFloor >= stale`
 *   only adds a compare-and-swap of the epoch to itself when the floor equals it, which changes
 *   nothing. The other mutants of the line are killed by recovery-scan.test.ts ("a reloaded cache's
 *   epoch rises above storage's last fence").
 * - runtime/database/cluster.ts, the actor's `boot: () => ({ receive() {} })` (→ `() => undefined`,
 *   → `{}`): the cluster's actor stands for its leader process being up or down; nothing sends it a
 *   message, so its receive is never called.
 * - runtime/database/cluster.ts, `appliedAt`'s `version > 0 ? … : undefined` (→ `true`, → `>= 0`):
 *   `this.applied[version - 1]` is already undefined at version 0 (index -1).
 * - runtime/database/cluster.ts, `up`'s `this.status !== "released"` (→ `true`): release() retires
 *   the cluster's actor, and the simulator never starts a retired actor again (cluster-roles.test.ts:
 *   "a released cluster stays down even if its process is started again"), so `this.actor.up` is
 *   already false whenever the status is released. The clause stays as the statement of intent.
 * - runtime/storage/control/workflow-engine.ts, `hangs = []` (→ `["Stryker was here"]`): a string
 *   has no `after`, so `hangs.find(h => h.after === spec.name)` never matches it and no hang happens.
 * - runtime/storage/control/workflow-engine.ts, `tasks[k]?.compensate?.()` (→ `tasks[k].compensate?.()`):
 *   k runs from i - 1 down to 0, so `tasks[k]` is always one of the workflow's tasks.
 */

/** Stryker's options (node_modules/@stryker-mutator/core/schema/stryker-schema.json says what each means). */
export default {
  $schema: "./node_modules/@stryker-mutator/core/schema/stryker-schema.json",
  packageManager: "npm",
  testRunner: "vitest",
  // The tests of `npm test` that run the sources in process (not dist/, not the long ones).
  vitest: { configFile: "vitest.stryker.config.mts", related: true },
  // Each mutant runs only the tests that reached it in the first (dry) run.
  coverageAnalysis: "perTest",
  mutate: [...SHARDS[shard ?? "core"], ...NOT_MUTATED],
  // Messages, ids and trace lines are for people; a mutated sentence is caught by the docs tests,
  // not by an invariant, and strings are a fifth of all mutants. Static mutants (module-level
  // constants) would rerun every test each.
  mutator: { excludedMutations: ["StringLiteral"] },
  ignoreStatic: true,
  // A TypeScript check of every mutant would double the run; a mutant that does not compile fails
  // its tests at import (esbuild strips types), which counts as killed or as a runtime error.
  checkers: [],
  // Both cores run a test runner; the main process mostly waits.
  concurrency: 2,
  // Simulations run on virtual time; a mutant that loops forever is cut by the hit limit, a slow
  // one by the timeout (dry-run time × factor + ms).
  dryRunTimeoutMinutes: 30,
  timeoutFactor: 1.5,
  timeoutMS: 5_000,
  reporters: ["html", "json", "clear-text", "progress"],
  htmlReporter: { fileName: `${reportDir}/mutation.html` },
  jsonReporter: { fileName: `${reportDir}/mutation.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true, reportMutants: false },
  // `npm run mutate -- --incremental` reruns only mutants whose code or tests changed since the last run.
  incrementalFile: `${reportDir}/incremental.json`,
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
  // Below `break` the run fails (exit 1): a drop in the score is a failure, not a number to read.
  thresholds: { high: 90, low: 85, break: 85 },
};
