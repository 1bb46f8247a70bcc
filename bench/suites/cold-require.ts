import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import type { BenchRow, BenchSuite } from "../harness";

const ROOT = resolve(__dirname, "../..");

interface Probe {
  readonly ms: number;
  readonly rssMb: number;
}

/** Requires `specifier` in a fresh Node process and reports the time and resident memory it cost. */
function probe(specifier: string): Probe {
  const script = `
    const rss0 = process.memoryUsage().rss;
    const t0 = process.hrtime.bigint();
    require(${JSON.stringify(specifier)});
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    process.stdout.write(JSON.stringify({ ms, rssMb: (process.memoryUsage().rss - rss0) / 1048576 }));`;
  return JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" })) as Probe;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function measure(specifier: string, runs: number): Probe {
  const probes = Array.from({ length: runs }, () => probe(specifier));
  return { ms: median(probes.map((p) => p.ms)), rssMb: median(probes.map((p) => p.rssMb)) };
}

export const coldRequireSuite: BenchSuite = {
  name: "cold-require",
  async run(): Promise<BenchRow[]> {
    const ours = measure("cdktf-resilience", 7);
    const cdktf = measure("cdktf", 7);
    const runtime = measure("cdktf-resilience/runtime", 7);
    const providerRoot = measure("@cdktf/provider-aws", 1);
    return [
      {
        name: "require('cdktf-resilience')",
        value: ours.ms,
        unit: "ms",
        goal: { atMost: 300 },
        note: "median of 7 fresh processes",
      },
      { name: "require('cdktf-resilience') RSS", value: ours.rssMb, unit: "MB", note: "growth of resident memory" },
      { name: "of which loading cdktf alone", value: cdktf.ms, unit: "ms", note: "the floor: any CDKTF app pays it" },
      { name: "require('cdktf-resilience/runtime')", value: runtime.ms, unit: "ms", note: "no cdktf, no provider" },
      {
        name: "for scale: the provider's root index",
        value: providerRoot.ms,
        unit: "ms",
        note: `${providerRoot.rssMb.toFixed(0)} MB; what deep imports avoid`,
      },
    ];
  },
};
