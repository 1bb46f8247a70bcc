import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { oracleOf } from "../runtime/checkers/failover-pair/acknowledged-writes";
import { distFile, ROOT } from "./helpers/dist";
import { MIN, pairHarness } from "./helpers/pair";

/**
 * A long run's memory does not grow with its request count: the checkers judge the client history
 * and the commit log as they go, and what must span the whole run is a few bytes per write. Before,
 * every request's invoke and outcome and every commit stayed whole until the run ended (~420 bytes
 * of live heap per request).
 */
describe("memory of a long run", () => {
  test("six virtual hours of one pair: the raw history and commit log kept are a window, not the run", () => {
    const h = pairHarness({ seed: 1, trace: false, profile: "fast" });
    h.run(h.ms(6 * 60 * MIN), h.ms(1 * MIN));
    const { history, storage } = h.pair;
    expect(history.sent).toBeGreaterThan(20_000);
    expect(storage.latest).toBeGreaterThan(8_000);
    const kept = history.retained;
    // Raw entries: what the checkers have not read, a short tail, the requests still waiting.
    expect(kept.completions).toBeLessThan(2_048);
    expect(kept.invokes).toBeLessThan(2_048);
    expect(kept.waiting).toBeLessThan(history.sent / 100);
    expect(storage.retained.commits).toBeLessThan(2_048);
    // What spans the run: a few bytes per acknowledged write, judged against the writes, not a constant of the code.
    expect((kept.summaryBytes + storage.retained.summaryBytes) / storage.latest).toBeLessThan(64);
    const oracle = oracleOf(h.pair).retained;
    expect(oracle.ackTimes).toBeLessThan(2_048);
    expect(oracle.tableBytes / storage.latest).toBeLessThan(32);
  });

  test("an emulation of 2 chained 12 h waits holds a few bytes more per request than one of 1, measured after a full GC", () => {
    const dir = mkdtempSync(join(tmpdir(), "long-run-memory-"));
    /** Live heap + buffers after a full GC, probed through the trace sink near the run's end, and the requests sent. */
    const run = (waits: number) => {
      const actions: Record<string, unknown> = {};
      for (let i = 0; i < waits; i++)
        actions[`w${i}`] = { actionId: "aws:fis:wait", parameters: { duration: "PT12H" }, ...(i ? { startAfter: [`w${i - 1}`] } : {}) };
      const scenario = join(dir, `waits-${waits}.json`);
      writeFileSync(scenario, JSON.stringify({ description: `${waits} chained 12 h waits`, actions }));
      const script = `
        const { loadPlan, emulate } = require(${JSON.stringify(distFile("runtime/index.js"))});
        let lines = 0, held = 0;
        const sink = () => { if (++lines % 5_000 === 0) { global.gc(); const m = process.memoryUsage(); held = m.heapUsed + m.arrayBuffers; } };
        const r = emulate({ topology: loadPlan(${JSON.stringify(join(ROOT, "test/fixtures/hand-written-aurora.tf.json"))}), scenario: ${JSON.stringify(scenario)}, seed: 1, profile: "fast", trace: { enabled: true, sink } });
        process.stdout.write(JSON.stringify({ held, sent: r.result.clients.reduce((s, c) => s + c.sent, 0) }));`;
      const out = spawnSync(process.execPath, ["--expose-gc", "-e", script], { encoding: "utf8" });
      expect(out.stderr).toBe("");
      return JSON.parse(out.stdout) as { held: number; sent: number };
    };
    const one = run(1);
    const two = run(2);
    expect(two.sent - one.sent).toBeGreaterThan(40_000);
    expect((two.held - one.held) / (two.sent - one.sent)).toBeLessThan(64);
  }, 120_000);
});
