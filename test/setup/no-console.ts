import { afterEach, beforeEach, expect, vi } from "vitest";

/**
 * Unexpected console output fails the test that produced it: library code must not print, and a
 * test that expects output captures it itself (`vi.spyOn(console, ...)` replaces this spy).
 */
const methods = ["log", "info", "warn", "error", "debug"] as const;
let calls: string[] = [];

beforeEach(() => {
  calls = [];
  for (const m of methods) {
    vi.spyOn(console, m).mockImplementation((...args: unknown[]) => {
      calls.push(`console.${m}: ${args.map(String).join(" ")}`);
    });
  }
});

afterEach(() => {
  vi.restoreAllMocks();
  expect(calls, "unexpected console output").toEqual([]);
});
