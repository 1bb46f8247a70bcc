/**
 * Fuzzing the edges: mutated real plans, random text, random scenario files, random command lines,
 * and hostile flags, output paths and scenario files (devices, links, encodings, escape sequences).
 * Whatever comes in, the answer is a result or a typed error naming the problem — never a crash,
 * never a half-written or temporary file, never a character that drives the terminal.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { run } from "../runtime/cli/main";
import { isTerminalSafe } from "../runtime/cli/terminal-text";
import { emulate } from "../runtime/emulation";
import { parsePlan } from "../runtime/plan";
import { isPlanError } from "../runtime/plan/plan-error";
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

describe("fuzz: hostile flags, output paths and scenario files (exit 0, 1 or 2; no temporary file; no control character printed)", () => {
  test("any mix of hostile words exits 0, 1 or 2, leaves no .tmp file and prints nothing that drives a terminal", async () => {
    const plan = writePlan(JSON.stringify(PLAN));
    const dir = mkdtempSync(join(tmpdir(), "fuzz-hostile-"));
    const existing = join(dir, "existing.html");
    writeFileSync(existing, "keep");
    const fifo = join(dir, "fifo");
    spawnSync("mkfifo", [fifo]);
    const link = join(dir, "link.html");
    symlinkSync(existing, link);
    const loop = join(dir, "loop.json");
    symlinkSync(loop, loop);
    const bom = join(dir, "bom.json");
    writeFileSync(bom, `\ufeff{"actions":{"w":{"actionId":"aws:fis:wait","parameters":{"duration":"PT1M"}}}}`);
    const utf16 = join(dir, "utf16.json");
    writeFileSync(utf16, Buffer.from('{"actions":{}}', "utf16le"));
    const dup = join(dir, "dup.json");
    writeFileSync(dup, '{"actions":{"w":{"actionId":"aws:fis:wait","actionId":"aws:fis:wait","parameters":{"duration":"PT1M"}}}}');
    const esc = "\u001b]0;x\u0007\u001b[31m\u202e\u009b";
    const path = fc.constantFrom(
      join(dir, "out.html"),
      join(dir, "t.txt"),
      existing,
      fifo,
      link,
      dir,
      join(dir, "no", "such", "r.html"),
      join(dir, `${"n".repeat(250)}.html`),
      join(dir, `${"n".repeat(300)}.html`),
      join(dir, `${esc}.html`),
      "-",
      "",
    );
    const scenario = fc.constantFrom(
      "writer-crash",
      "az-outage",
      bom,
      utf16,
      dup,
      loop,
      fifo,
      join(dir, "missing.json"),
      `${esc}.json`,
      "nosuch",
    );
    const flag = fc.oneof(
      fc.tuple(fc.constantFrom("--trace", "--report"), path),
      fc.tuple(fc.constantFrom("--scenario"), scenario),
      fc.tuple(fc.constantFrom("--seed", "--first-seed"), fc.constantFrom("1", "9007199254740991", "-1", esc, "")),
      fc.tuple(fc.constantFrom("--max-input-size"), fc.constantFrom("1", "1KiB", "256MiB", "1TiB", "0", esc)),
      fc.tuple(fc.constantFrom("--kind"), fc.constantFrom("fault", "nosuchkind", ",", `x${esc}`)),
      fc.tuple(fc.constantFrom("--parallel"), fc.constantFrom("1", "2", "256", "0")),
      fc.tuple(fc.constantFrom("--force", "--json", "--buggify", `--${esc}`), fc.constant(undefined)),
    );
    const base: Record<string, string[]> = {
      inspect: [],
      check: [],
      emulate: ["--scenario", "writer-crash", "--seed", "1", "--profile", "fast"],
      replay: ["--scenario", "writer-crash", "--seed", "1", "--profile", "fast"],
      drill: ["--profile", "fast"],
      campaign: ["--seeds", "1", "--scenario", "writer-crash", "--profile", "fast", "--parallel", "1", "--no-buggify"],
    };
    const codes = new Set<number>();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(base)),
        fc.constantFrom(plan, plan, fifo, loop, utf16, `${esc}.tf.json`),
        fc.array(flag, { maxLength: 4 }),
        async (command, target, flags) => {
          const argv = [command, target, ...(base[command] ?? []), ...flags.flatMap(([f, v]) => (v === undefined ? [f] : [f, v]))];
          const out: string[] = [];
          const code = await run(argv, { out: (t) => out.push(t), err: (t) => out.push(t) });
          expect([0, 1, 2]).toContain(code);
          codes.add(code);
          const printed = out.join("");
          expect(isTerminalSafe(printed), printed.slice(0, 400)).toBe(true);
          expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
          expect(readFileSync(existing, "utf8")).toBe("keep");
          for (const f of readdirSync(dir))
            if (/^(out\.html|t\.txt|n+\.html|.*\.html)$/.test(f) && f !== "existing.html" && f !== "link.html") rmSync(join(dir, f));
        },
      ),
      { numRuns: 300, seed: 22 },
    );
    expect([...codes].sort()).toEqual([0, 2]);
  }, 600_000);
});
