import { describe, expect, test } from "vitest";
import { isResilienceError } from "../private/errors";
import { processingNodeTags } from "./processing-node";

describe("processingNodeTags", () => {
  test("defaults: one group of a leader and 3 compute processes", () => {
    expect(processingNodeTags()).toEqual({
      "resilience:role": "processing",
      "resilience:processing-groups": "1",
      "resilience:compute-processes": "3",
    });
    expect(processingNodeTags({ groups: 4, computeProcesses: 1 })).toMatchObject({
      "resilience:processing-groups": "4",
      "resilience:compute-processes": "1",
    });
  });

  test("reports every bad prop at once, with the value and the fix", () => {
    let caught: unknown;
    try {
      processingNodeTags({ groups: 0, computeProcesses: 2.5 });
    } catch (e) {
      caught = e;
    }
    expect(isResilienceError(caught)).toBe(true);
    const message = (caught as Error).message;
    expect(message).toMatch(/2 problems/);
    expect(message).toMatch(/groups: must be a whole number from 1 to 250 \(got 0\)\. Fix: use a whole number from 1 to 250/);
    expect(message).toMatch(/computeProcesses: must be a whole number from 1 to 64 \(got 2\.5\)/);
  });
});
