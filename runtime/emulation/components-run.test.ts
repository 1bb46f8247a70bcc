/**
 * A run says which components ran and why the others did not, so a user never reads "held" for a
 * system the run never exercised. The buffer cache models Aurora's survivable page cache, which
 * lives outside the database process and survives a restart of the engine
 * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Overview.html): it has
 * something to judge only when the writer's engine stops. The storage control plane runs for the
 * scenarios that act on it by name, or for an experiment that targets EBS volumes.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { CACHE_INVARIANTS } from "../checkers/cache-survival";
import { formatSummary } from "../cli/emulate";
import { parsePlan } from "../plan/load-plan";
import { defaultRegistry } from "./default-registry";
import { emulate } from "./emulate";

const fixtures = join(__dirname, "../../test/fixtures");
const load = (name: string) => parsePlan(readFileSync(join(fixtures, `${name}.tf.json`), "utf8"), `${name}.tf.json`);
const aurora = load("hand-written-aurora");
const multiAzCluster = load("hand-written-multi-az-cluster");

const run = (topology: typeof aurora, scenario: string, az?: string) =>
  emulate({ topology, scenario, seed: 2, profile: "fast", ...(az ? { az } : {}) }).result;
const ran = (r: ReturnType<typeof run>) => new Set(r.modelled.map((m) => m.component));
const notRun = (r: ReturnType<typeof run>) => new Map(r.notRun.map((n) => [n.component, n.why]));
const cacheInvariants = (r: ReturnType<typeof run>) => r.invariants.filter((i) => CACHE_INVARIANTS.includes(i.id));

describe("which components run, and why the others did not", () => {
  test("az-outage of the writer's zone stops the writer: the buffer cache runs and its invariants are checked; storage says why it did not run", () => {
    const r = run(aurora, "az-outage");
    // The writer was lost (independent of the cache: the cloud failed the cluster over).
    expect(r.failovers).toHaveLength(1);
    expect(ran(r).has("buffer-cache")).toBe(true);
    expect(notRun(r).has("buffer-cache")).toBe(false);
    expect(r.cache).toBeDefined();
    expect(cacheInvariants(r).map((i) => i.id)).toEqual([...CACHE_INVARIANTS]);
    expect(cacheInvariants(r).every((i) => i.ok && i.checks > 0)).toBe(true);
    expect(notRun(r).get("storage")).toMatch(/pitr-restore, clone and hibernate-wake scenarios .*EBS volumes.*az-outage does neither/);
    expect(r.invariants.some((i) => i.id.startsWith("storage/"))).toBe(false);
  });

  test("a scenario that never stops the writer (pitr-restore) leaves the cache out: no cache invariant, no cache section, and it says why", () => {
    const r = run(aurora, "pitr-restore");
    expect(r.failovers).toEqual([]);
    expect(ran(r).has("storage")).toBe(true);
    expect(ran(r).has("buffer-cache")).toBe(false);
    expect(notRun(r).get("buffer-cache")).toMatch(/^the writer of aws_rds_cluster\.\S+ never stopped in this scenario/);
    expect(cacheInvariants(r)).toEqual([]);
    expect(r.cache).toBeUndefined();
  });

  test("a zone outage away from the writer does not stop it either: the cache is not run, and the run is not judged on it", () => {
    const r = run(aurora, "az-outage", "eu-west-1c");
    expect(r.failovers).toEqual([]);
    expect(notRun(r).has("buffer-cache")).toBe(true);
    expect(cacheInvariants(r)).toEqual([]);
    expect(r.verdict).toBe("not-judged");
  });

  test("a Multi-AZ DB cluster (community engine, its cache dies with the process) gets no buffer cache even when its writer is lost", () => {
    const r = run(multiAzCluster, "az-outage");
    expect(r.failovers).toHaveLength(1);
    expect(notRun(r).get("buffer-cache")).toMatch(/no Aurora cluster with a writer/);
    expect(cacheInvariants(r)).toEqual([]);
  });

  test("every registered component either ran or says why not, never both", () => {
    const names = defaultRegistry()
      .components()
      .map((c) => c.name);
    for (const [topology, scenario] of [
      [aurora, "az-outage"],
      [aurora, "writer-crash"],
      [aurora, "pitr-restore"],
      [aurora, "disk-stall"],
      [multiAzCluster, "writer-crash"],
    ] as const) {
      const r = run(topology, scenario);
      const both = [...ran(r)].filter((c) => notRun(r).has(c));
      expect(both, scenario).toEqual([]);
      expect(new Set([...ran(r), ...notRun(r).keys()]), scenario).toEqual(new Set(names));
    }
  });

  test("the summary lists what did not run, one component a line, before the invariants", () => {
    const r = run(aurora, "pitr-restore");
    const text = formatSummary("plan", r, [], "replay");
    const lines = text.split("\n");
    const first = lines.findIndex((l) => l.startsWith("Not run   "));
    expect(lines[first]).toMatch(/^Not run {3}buffer-cache: the writer of .* never stopped/);
    expect(lines.slice(first + 1, first + r.notRun.length)).toEqual(r.notRun.slice(1).map((n) => `          ${n.component}: ${n.why}`));
    expect(first).toBeLessThan(lines.indexOf("Invariants"));
  });
});
