/**
 * Fuzzing the edges (issue 15): mutated real plans, random text, random scenario files and random
 * command lines. Whatever comes in, the answer is a result or a typed error naming the problem —
 * never a crash, and never a half-written output file.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { run } from "../runtime/cli/main";
import { parsePlan } from "../runtime/plan";
import { isPlanError } from "../runtime/plan/plan-error";
import { emulate } from "../runtime/scenarios";
import { isScenarioError } from "../runtime/scenarios/scenario-error";
import { synthAuroraExample, writePlan } from "./helpers/examples";

const PLAN = JSON.parse(synthAuroraExample()) as Record<string, unknown>;

/** Every path to a value in a JSON document. */
function paths(x: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (x === null || typeof x !== "object") return [at];
  const keys = Array.isArray(x) ? x.map((_, i) => i) : Object.keys(x);
  return [at, ...keys.flatMap((k) => paths((x as Record<string | number, unknown>)[k], [...at, k]))];
}
const ALL_PATHS = paths(PLAN).filter((p) => p.length > 0);

type Mutation = { readonly path: number; readonly kind: "delete" | "replace"; readonly value: unknown };

function mutate(doc: unknown, m: Mutation): unknown {
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  const path = ALL_PATHS[m.path % ALL_PATHS.length] as (string | number)[];
  let parent: Record<string | number, unknown> = copy;
  for (const k of path.slice(0, -1)) {
    const next = parent[k];
    // An earlier mutation removed or replaced this branch: nothing to mutate here.
    if (next === null || typeof next !== "object") return copy;
    parent = next as Record<string | number, unknown>;
  }
  const last = path[path.length - 1] as string | number;
  if (m.kind === "delete") {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else parent[last] = m.value;
  return copy;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  path: fc.nat(),
  kind: fc.constantFrom("delete" as const, "replace" as const),
  value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom("${aws_nope.x.id}", "${aws_rds_cluster.Orders.nope}", -1, 1e300, "")),
});

const typed = (e: unknown) => isPlanError(e) || isScenarioError(e) || e instanceof RangeError;

describe("fuzz: plans", () => {
  test("a mutated real plan loads, or fails with one PlanError naming JSON paths", () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (ms) => {
        const doc = ms.reduce<unknown>((d, m) => mutate(d, m), PLAN);
        try {
          parsePlan(JSON.stringify(doc), "fuzz.tf.json");
        } catch (e) {
          expect(isPlanError(e), String(e)).toBe(true);
          expect((e as Error).message).toMatch(/fuzz\.tf\.json/);
        }
      }),
      { numRuns: 400, seed: 15 },
    );
  });

  test("random text is refused as a plan, never a crash", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        try {
          parsePlan(text, "fuzz.tf.json");
        } catch (e) {
          expect(isPlanError(e), String(e)).toBe(true);
        }
      }),
      { numRuns: 300, seed: 16 },
    );
  });

  test("a mutated plan that loads also emulates, or fails with a typed error", () => {
    fc.assert(
      fc.property(mutation, fc.nat(1000), (m, seed) => {
        let topology: ReturnType<typeof parsePlan>;
        try {
          topology = parsePlan(JSON.stringify(mutate(PLAN, m)), "fuzz.tf.json");
        } catch (e) {
          expect(isPlanError(e)).toBe(true);
          return;
        }
        try {
          const { result } = emulate({ topology, scenario: "az-outage", seed, profile: "fast" });
          expect(result.invariants.length).toBeGreaterThan(0);
        } catch (e) {
          expect(typed(e), String(e)).toBe(true);
        }
      }),
      { numRuns: 25, seed: 17 },
    );
  }, 120_000);
});

describe("fuzz: scenario files", () => {
  test("a random FIS-shaped file runs or is refused with a ScenarioError", () => {
    const topology = parsePlan(JSON.stringify(PLAN), "aurora.tf.json");
    const dir = mkdtempSync(join(tmpdir(), "fuzz-scenario-"));
    const action = fc.record({
      actionId: fc.constantFrom(
        "aws:fis:wait",
        "aws:rds:failover-db-cluster",
        "aws:network:disrupt-connectivity",
        "sim:az:power-loss",
        "aws:nope",
      ),
      parameters: fc.dictionary(
        fc.constantFrom("duration", "scope", "availabilityZoneIdentifier", "x"),
        fc.constantFrom("PT1M", "PT30M", "all", "us-east-1a", "", "-1"),
      ),
      targets: fc.dictionary(fc.constantFrom("Clusters", "Subnets", "X"), fc.constantFrom("t", "nope")),
      startAfter: fc.array(fc.constantFrom("a", "b", "zz"), { maxLength: 2 }),
    });
    const file = fc.record({
      description: fc.string(),
      targets: fc.dictionary(
        fc.constantFrom("t", "u"),
        fc.record({
          resourceType: fc.constantFrom("aws:rds:cluster", "aws:ec2:subnet", "aws:bogus"),
          selectionMode: fc.constantFrom("ALL", "COUNT(1)", "PERCENT(50)", "SOME"),
        }),
      ),
      actions: fc.dictionary(fc.constantFrom("a", "b"), action),
      stopConditions: fc.constant([{ source: "none" }]),
    });
    let n = 0;
    fc.assert(
      fc.property(fc.oneof(file, fc.jsonValue({ maxDepth: 3 })), (doc) => {
        const path = join(dir, `s${n++}.json`);
        writeFileSync(path, JSON.stringify(doc));
        try {
          emulate({ topology, scenario: path, seed: 1, profile: "fast" });
        } catch (e) {
          expect(typed(e), String(e)).toBe(true);
        }
      }),
      { numRuns: 40, seed: 18 },
    );
  }, 120_000);
});

describe("fuzz: command lines", () => {
  test("any command line exits 0, 1 or 2, never throws, and bad input writes no file", async () => {
    const plan = writePlan(JSON.stringify(PLAN));
    const out = mkdtempSync(join(tmpdir(), "fuzz-cli-"));
    const word = fc.constantFrom(
      "inspect",
      "check",
      "emulate",
      "replay",
      "drill",
      plan,
      "/nonexistent/cdk.tf.json",
      out,
      "--scenario",
      "az-outage",
      "writer-crash",
      "meteor",
      "--seed",
      "1",
      "-3",
      "1.5",
      "99999999999999999999",
      "--profile",
      "fast",
      "slow",
      "--json",
      "--kind",
      "fault",
      "--from",
      "2m",
      "--to",
      "soon",
      "--template",
      "--az",
      "us-east-1b",
      "--bogus",
      "",
    );
    const codes = new Set<number>();
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          command: fc.constantFrom("inspect", "check", "emulate", "replay", "drill"),
          plan: fc.constantFrom(plan, plan, plan, "/nonexistent/cdk.tf.json", out),
          // a well-formed run most of the time, so real runs are reached too
          base: fc.boolean(),
          extra: fc.array(word, { maxLength: 4 }),
        }),
        fc.boolean(),
        async ({ command, plan: target, base, extra }, withFiles) => {
          const words = [command, target, ...(base ? ["--scenario", "writer-crash", "--seed", "1", "--profile", "fast"] : []), ...extra];
          const trace = join(out, "t.txt");
          const report = join(out, "r.html");
          const argv = withFiles && command === "emulate" ? [...words, "--trace", trace, "--report", report] : words;
          const err: string[] = [];
          const code = await run(argv, { out: () => {}, err: (t) => err.push(t) });
          expect([0, 1, 2]).toContain(code);
          codes.add(code);
          if (code === 2) {
            expect(existsSync(trace)).toBe(false);
            expect(existsSync(report)).toBe(false);
          }
          for (const f of readdirSync(out)) expect(f.endsWith(".tmp")).toBe(false);
          for (const f of [trace, report]) if (existsSync(f)) rmSync(f);
        },
      ),
      { numRuns: 150, seed: 19 },
    );
    // the vocabulary reaches both real runs and refusals
    expect([...codes].sort()).toEqual([0, 2]);
  }, 180_000);
});
