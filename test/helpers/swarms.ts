/**
 * The seed loops of the swarm tests, shared by their fast representative in `npm test` and their
 * long version in `npm run test:long`: the same checks, more seeds.
 */
import type { RunReport } from "../../runtime/sim/run-report";
import { runDurableLogSwarm } from "../../runtime/storage/durable-log-swarm";
import { runSeed } from "./pair-campaign";

/** Seeds 1…`seeds` of `run`, and a line for each that failed (its first violated invariant, or its failure). */
export function failingSeeds(seeds: number, run: (seed: number) => Pick<RunReport, "ok" | "invariants" | "failure">): string[] {
  const failed: string[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    const r = run(seed);
    if (!r.ok) failed.push(`seed ${seed}: ${r.invariants.find((i) => !i.ok)?.firstViolation?.message ?? r.failure?.message}`);
  }
  return failed;
}

/** The durable log's crash swarm over seeds 1…`seeds`: violations per seed, torn records found, recoveries past the acked point. */
export function durableLogSwarm(seeds: number): { violations: string[]; acknowledgedNothing: number[]; torn: number; beyondAcked: number } {
  const violations: string[] = [];
  const acknowledgedNothing: number[] = [];
  let torn = 0;
  let beyondAcked = 0;
  for (let seed = 1; seed <= seeds; seed++) {
    const r = runDurableLogSwarm(seed);
    for (const v of r.violations) violations.push(`seed ${seed}: ${v}`);
    if (r.acknowledged === 0) acknowledgedNothing.push(seed);
    torn += r.stops["bad-checksum"];
    beyondAcked += r.recoveries;
  }
  return { violations, acknowledgedNothing, torn, beyondAcked };
}

/** The failover pair's single-zone faults over seeds 1…`seeds`: the seeds with a violation, and the fault kinds drawn. */
export function singleZoneFaults(seeds: number): { violations: ReturnType<typeof runSeed>[]; faults: Set<string> } {
  const outcomes = Array.from({ length: seeds }, (_, i) => runSeed(i + 1));
  return { violations: outcomes.filter((o) => o.violation), faults: new Set(outcomes.map((o) => o.fault)) };
}
