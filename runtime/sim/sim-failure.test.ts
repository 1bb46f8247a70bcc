import { describe, expect, test } from "vitest";
import { formatFailure, isSimFailureError, SimFailureError } from "./sim-failure";

const failure = {
  kind: "correctness" as const,
  seed: 42,
  scenario: "az-outage",
  step: 1234,
  atMs: 61_000,
  invariant: "failover-pair/one-coordinator",
  message: "c1 and c2 both accept writes at epoch 3",
  replay: "cdktf-resilience replay plan --seed 42 --scenario az-outage",
  traceTail: ["61000 1234 promoted c2 epoch=3"],
};

describe("SimFailure", () => {
  test("formats as a paragraph with kind, invariant, step, seed, scenario, replay and trace tail", () => {
    expect(formatFailure(failure)).toBe(
      [
        'correctness failure: invariant "failover-pair/one-coordinator" violated at step 1234 (t=61000 ms)',
        "  c1 and c2 both accept writes at epoch 3",
        "  seed: 42  scenario: az-outage",
        "  replay: cdktf-resilience replay plan --seed 42 --scenario az-outage",
        "  trace before the failure:",
        "    61000 1234 promoted c2 epoch=3",
      ].join("\n"),
    );
  });

  test("the error carries the failure and is recognised by brand, not instanceof", () => {
    const e = new SimFailureError(failure);
    expect(isSimFailureError(e)).toBe(true);
    expect(isSimFailureError(new Error("x"))).toBe(false);
    expect(e.failure).toBe(failure);
  });
});
