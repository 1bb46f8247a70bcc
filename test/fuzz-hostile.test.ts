/**
 * Fuzzing with hostile values rather than random ones: the real plan's attributes replaced by
 * what an attacker writes (control characters, spaces and bidi controls in identifiers, numbers
 * beyond AWS's ranges or beyond finite, keys such as `__proto__`, nesting thousands deep, long
 * chains of references), run through the CLI in this process; and the constructs' props replaced
 * the same way. Whatever comes in: exit 0, 1 or 2 (never the internal error, 70, which `run`
 * signals by rejecting), output free of control characters, exit 2 always saying why; a
 * construct either builds or throws its own validation error.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { isResilienceError, MultiAzDatabase } from "../lib";
import { run } from "../runtime/cli/main";
import { isTerminalSafe } from "../runtime/cli/terminal-text";
import { MINIMAL, newStack } from "./helpers/databases";
import { synthAuroraExample, writePlan } from "./helpers/examples";

const PLAN_TEXT = synthAuroraExample();

/** Attribute values an attacker writes; some are raw JSON text (deep nesting, 1e999) that JSON.stringify could not produce. */
const hostileText = fc.oneof(
  fc.constantFrom(
    '"a\\nb"',
    '"FORGED-LANE status=failed"',
    '"x\\u001b]0;pwned\\u0007"',
    '"\\u202eexe.txt"',
    '"eu west-1a"',
    "-5",
    "16",
    "1e999",
    "-1e999",
    "1.5",
    '"PERCENT(1000)"',
    '"COUNT(0)"',
    '{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}',
    `${"[".repeat(5000)}1${"]".repeat(5000)}`,
    `${'{"a":'.repeat(300)}1${"}".repeat(300)}`,
    `"\${${"(".repeat(3000)}1${")".repeat(3000)}}"`,
    `"\${${"!".repeat(3000)}true}"`,
    '"${local.l199}"',
    '"${aws_rds_cluster.nope.id}"',
    `"${"a".repeat(100_000)}"`,
  ),
  fc.string({ unit: "binary", maxLength: 12 }).map((s) => JSON.stringify(s)),
);

/** The names of the plan's string/number attributes (`"name": value` pairs), to replace one of them. */
const ATTRIBUTES = [...PLAN_TEXT.matchAll(/"([a-z_]+)": ("[^"\n]*"|-?\d+(?:\.\d+)?|true|false)/g)].map((m) => ({
  text: m[0],
  key: m[1] as string,
}));

/** 200 locals, each naming the last: a chain longer than the loader follows. */
const LOCALS = `"locals": {"l0": "x", ${Array.from({ length: 199 }, (_, i) => `"l${i + 1}": "\${local.l${i}}"`).join(", ")}},`;

function hostilePlan(picks: readonly { at: number; value: string }[]): string {
  let text = PLAN_TEXT.replace("{", `{${LOCALS}`);
  for (const { at, value } of picks) {
    const a = ATTRIBUTES[at % ATTRIBUTES.length];
    if (a) text = text.replace(a.text, `"${a.key}": ${value}`);
  }
  return text;
}

async function cliRun(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, stdout: out.join(""), stderr: err.join("") };
}

describe("fuzz: hostile values in a real plan, through the CLI", () => {
  test("inspect and check end with 0, 1 or 2, print no control character, and say why on 2", async () => {
    expect(ATTRIBUTES.length).toBeGreaterThan(50);
    const codes = new Set<number>();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ at: fc.nat(), value: hostileText }), { minLength: 1, maxLength: 3 }),
        fc.constantFrom("inspect", "check"),
        async (picks, verb) => {
          const plan = writePlan(hostilePlan(picks));
          const r = await cliRun(verb, plan);
          codes.add(r.code);
          expect([0, 1, 2]).toContain(r.code);
          expect(isTerminalSafe(r.stdout), r.stdout.slice(0, 300)).toBe(true);
          expect(isTerminalSafe(r.stderr), r.stderr.slice(0, 300)).toBe(true);
          if (r.code === 2) expect(r.stderr).toMatch(/\nFix: /);
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        },
      ),
      { numRuns: 60, seed: 22 },
    );
    // Both sides were exercised: plans that still load (a hostile value in an attribute nobody
    // reads) and plans refused with a reason.
    expect(codes.has(2) && (codes.has(0) || codes.has(1)), [...codes].join(",")).toBe(true);
  }, 300_000);
});

describe("fuzz: hostile construct props", () => {
  const number = fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -5, 16, 0.5, 2 ** 53);
  const text = fc.constantFrom("a\nb", "x\u001b]0;t\u0007", "", " ", "\u202e", "a".repeat(300));

  test("MultiAzDatabase builds or throws its validation error naming the field, never anything else", () => {
    fc.assert(
      fc.property(
        fc.record(
          {
            backupRetentionDays: number,
            identifier: text,
            standbyCount: fc.integer({ min: 0, max: 40 }),
            promotionTier: number,
            zone: text,
          },
          { requiredKeys: [] },
        ),
        (p) => {
          const standby: Record<string, unknown> = { ...MINIMAL.aurora.standbys[0] };
          const props = {
            ...MINIMAL.aurora,
            ...(p.backupRetentionDays === undefined ? {} : { backupRetentionDays: p.backupRetentionDays }),
            ...(p.identifier === undefined ? {} : { identifier: p.identifier }),
            standbys: Array.from({ length: p.standbyCount ?? 1 }, (_, i) => ({
              ...standby,
              id: `s${i}`,
              ...(p.promotionTier === undefined ? {} : { promotionTier: p.promotionTier }),
              ...(p.zone === undefined ? {} : { availabilityZone: p.zone }),
            })),
          };
          try {
            new MultiAzDatabase(newStack(), "Orders", props as never);
          } catch (e) {
            expect(isResilienceError(e), String(e)).toBe(true);
            expect((e as Error).message.includes("\u001b") || (e as Error).message.includes("\u0007")).toBe(false);
          }
        },
      ),
      { numRuns: 150, seed: 23 },
    );
  });

  test("16 standbys are refused with Aurora's limit; 15 are not refused for their number", () => {
    const standby: Record<string, unknown> = { ...MINIMAL.aurora.standbys[0] };
    const withStandbys = (n: number) => () =>
      new MultiAzDatabase(newStack(), "Orders", {
        ...MINIMAL.aurora,
        standbys: Array.from({ length: n }, (_, i) => ({ ...standby, id: `s${i}`, role: i === 0 ? "failover" : "read" })),
      } as never);
    expect(withStandbys(16)).toThrow(/standbys: at most 15: an Aurora DB cluster holds a writer and up to 15 Aurora Replicas/);
    let fifteen: unknown;
    try {
      withStandbys(15)();
    } catch (e) {
      fifteen = e;
    }
    expect(String(fifteen ?? "")).not.toMatch(/at most 15/);
  });
});
