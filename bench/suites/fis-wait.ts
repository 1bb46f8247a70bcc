/**
 * Memory per FIS action: chained `aws:fis:wait PT12H` on the Aurora example (fast profile), each
 * run in a fresh process. A 12 h wait is about 43,000 workload ticks and 86,000 requests. The client
 * history and the commit log used to keep every request and commit whole for the checkers until the
 * run ended: 36 MB of live heap (45 MB of peak RSS) per wait. Now the raw entries are kept only until
 * every checker has read them (plus a short tail and the requests still waiting for an outcome), and
 * what must span the whole run is kept as typed columns: per acknowledged write its sequence run,
 * write and time (~12 bytes), per commit its write (8) and per write its first sequence (6), the
 * checkers' per-write tables (sent and acknowledged sequence, version shown, committed once: ~14),
 * and per second of the run the ok and failed counts (8). That is ~45 bytes per write, ~2 MB per
 * wait, against ~420 bytes per request before.
 *
 * "memory per 12 h wait" is what the run still holds: live heap plus array buffers after a full
 * collection, probed near the end of 1 and of 3 chained waits. Peak RSS is reported too, from runs
 * without the probes; it also counts the garbage V8 leaves between full collections, which levels off
 * as V8's heap limit settles (≈ 140 MB from 6 chained waits on, 141 MB at 9) rather than growing
 * with the wait.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { BenchRow, BenchSuite } from "../harness";

const ROOT = resolve(__dirname, "../..");

function waits(n: number, dir: string): string {
  const actions: Record<string, unknown> = {};
  for (let i = 0; i < n; i++)
    actions[`w${i}`] = { actionId: "aws:fis:wait", parameters: { duration: "PT12H" }, ...(i ? { startAfter: [`w${i - 1}`] } : {}) };
  const file = join(dir, `waits-${n}.json`);
  writeFileSync(file, JSON.stringify({ description: `${n} chained 12 h waits`, actions }));
  return file;
}

interface WaitRun {
  /** Peak RSS, MB, read from the kernel. */
  readonly peakMb: number;
  /** Live heap and array buffers after a full collection, MB, at the last probe of the run (its end). */
  readonly retainedMb: number;
  readonly events: number;
}

/**
 * One emulation in a fresh process. Besides its peak RSS, the run is probed through the trace sink:
 * every `PROBE_LINES` trace lines the child collects garbage and reads what is still alive (heap
 * used plus array buffers), so the last probe is what the run holds near its end — the memory a
 * longer wait would keep, without the garbage V8 lets pile up between collections.
 */
function run(plan: string, scenario: string): WaitRun {
  const probed = child(plan, scenario, true);
  return { ...probed, peakMb: child(plan, scenario, false).peakMb };
}

/** One child process; with `probe`, the garbage collections of the probes (which also hold its peak RSS down). */
function child(plan: string, scenario: string, probe: boolean): WaitRun {
  const script = `
    const { loadPlan, emulate } = require(${JSON.stringify(join(ROOT, "dist/runtime/index.js"))});
    let lines = 0, retained = 0;
    const probe = () => { global.gc(); const m = process.memoryUsage(); retained = m.heapUsed + m.arrayBuffers; };
    const sink = ${probe ? `() => { if (++lines % ${PROBE_LINES} === 0) probe(); }` : "undefined"};
    const r = emulate({ topology: loadPlan(${JSON.stringify(plan)}), scenario: ${JSON.stringify(scenario)}, seed: 1, profile: "fast", trace: sink ? { enabled: true, sink } : { enabled: false } });
    // getrusage's maxRSS starts at the parent's RSS when it was forked (Linux keeps the old image's high-water
    // mark across exec): in \`npm run bench\`, whose process holds cdktf's heap, every child read ~750 MB.
    // VmHWM is this process image's own peak.
    const hwm = (() => { try { return Number(/VmHWM:\\s+(\\d+)/.exec(require("node:fs").readFileSync("/proc/self/status", "utf8"))?.[1]); } catch { return NaN; } })();
    process.stdout.write(JSON.stringify({ kb: Number.isFinite(hwm) ? hwm : process.resourceUsage().maxRSS, retained, events: r.result.events }));`;
  const r = spawnSync(process.execPath, ["--expose-gc", "-e", script], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`fis-wait bench failed: ${r.stderr}`);
  const { kb, retained, events } = JSON.parse(r.stdout) as { kb: number; retained: number; events: number };
  return { peakMb: kb / 1024, retainedMb: retained / 1024 / 1024, events };
}

/** Trace lines between probes: a 12 h wait writes about 53,000 (one per event), so ten or so probes a wait. */
const PROBE_LINES = 5_000;

export const fisWaitSuite: BenchSuite = {
  name: "fis-wait",
  async run(): Promise<readonly BenchRow[]> {
    const dir = mkdtempSync(join(tmpdir(), "bench-fis-wait-"));
    const plan = join(ROOT, "cdktf.out/stacks/aurora-postgres/cdk.tf.json");
    const one = run(plan, waits(1, dir));
    const three = run(plan, waits(3, dir));
    return [
      { name: "peak RSS, 1 × aws:fis:wait PT12H", value: one.peakMb, unit: "MB", note: `${one.events} events` },
      { name: "peak RSS, 3 × aws:fis:wait PT12H chained", value: three.peakMb, unit: "MB", note: `${three.events} events` },
      {
        name: "memory per 12 h wait",
        value: (three.retainedMb - one.retainedMb) / 2,
        unit: "MB",
        goal: { atMost: 5 },
        note: `live heap + buffers after a full GC, ${one.retainedMb.toFixed(1)} MB after 1 wait, ${three.retainedMb.toFixed(1)} after 3; 36 MB per wait when the history and the log were kept whole`,
      },
      {
        name: "peak RSS growth per 12 h wait",
        value: (three.peakMb - one.peakMb) / 2,
        unit: "MB",
        note: "unprobed runs: includes the garbage V8 lets pile up between full collections, which levels off as its heap limit settles",
      },
    ];
  },
};
