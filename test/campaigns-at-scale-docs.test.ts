/**
 * The GitHub Actions workflow, Kubernetes Job and AWS Batch job definition on the campaigns-at-scale
 * page are parsed as their engines would read them (YAML, JSON), and checked against the CLI:
 * the shard count in each command is the engine's task count, the index variable is one the CLI
 * reads, results are collected and merged. One shard of the Kubernetes command, as written (a
 * smaller campaign and local paths), runs with the built binary and the index Kubernetes sets.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { SHARD_INDEX_VARIABLES } from "../runtime/campaign/shard";
import { cliBin } from "./helpers/dist";
import { docBlocks } from "./helpers/docs";
import { synthExample } from "./helpers/examples";

const PAGE = "docs/emulator/campaigns-at-scale.md";

/** The `--shard env/<n>` count in a command. */
const shardCount = (command: string) => Number(/--shard env\/(\d+)/.exec(command)?.[1]);

interface Workflow {
  jobs: {
    shard: {
      strategy: { "fail-fast": boolean; matrix: { shard: number[] } };
      env: Record<string, string>;
      steps: { run?: string; uses?: string; with?: Record<string, string> }[];
    };
    merge: { needs: string; steps: { run?: string; uses?: string; with?: Record<string, string> }[] };
  };
}

describe("campaigns at scale: the engine files on the page", () => {
  test("GitHub Actions: the matrix job index feeds --shard env/<job-total>, artifacts are merged", () => {
    const [block] = docBlocks(PAGE, "GitHub Actions");
    expect(block?.lang).toBe("yaml");
    const wf = parse(block?.text ?? "") as Workflow;
    const { shard, merge } = wf.jobs;
    expect(shard.strategy.matrix.shard).toHaveLength(8);
    expect(shard.strategy["fail-fast"]).toBe(false);
    expect(shard.env).toEqual({ CDKTF_RESILIENCE_SHARD_INDEX: "${{ strategy.job-index }}" });
    expect(SHARD_INDEX_VARIABLES).toContain("CDKTF_RESILIENCE_SHARD_INDEX");
    const run = shard.steps.map((s) => s.run ?? "").find((r) => r.includes("campaign ")) ?? "";
    expect(run).toContain("--shard env/${{ strategy.job-total }}");
    expect(run).toMatch(/--result shard\.json \|\| \[ \$\? -eq 1 \]$/);
    const upload = shard.steps.find((s) => s.uses?.startsWith("actions/upload-artifact"));
    expect(upload?.with).toEqual({ name: "campaign-shard-${{ matrix.shard }}", path: "shard.json" });
    expect(merge.needs).toBe("shard");
    const download = merge.steps.find((s) => s.uses?.startsWith("actions/download-artifact"));
    expect(download?.with).toEqual({ pattern: "campaign-shard-*", path: "shards" });
    expect(merge.steps.map((s) => s.run ?? "")).toContain("npx cdktf-resilience campaign merge shards/*/shard.json --result campaign.json");
  });

  test("Kubernetes: an Indexed Job whose completions are the shard count; the merge reads every pod's file", () => {
    const [job] = docBlocks(PAGE, "Kubernetes Indexed Job");
    const manifest = parse(job?.text ?? "") as {
      kind: string;
      spec: { completionMode: string; completions: number; parallelism: number; template: { spec: { containers: { args: string[] }[] } } };
    };
    expect(manifest.kind).toBe("Job");
    expect(manifest.spec.completionMode).toBe("Indexed");
    const command = manifest.spec.template.spec.containers[0]?.args[0] ?? "";
    expect(shardCount(command)).toBe(manifest.spec.completions);
    expect(manifest.spec.parallelism).toBeLessThanOrEqual(manifest.spec.completions);
    expect(command).toContain("--result /results/shard-$JOB_COMPLETION_INDEX.json");
    expect(readFileSync(PAGE, "utf8")).toContain("campaign merge /results/shard-*.json");
  });

  test("AWS Batch: the job definition's --shard env/<n> is the submitted array size", () => {
    const [definition, submit] = docBlocks(PAGE, "AWS Batch array job");
    expect(definition?.lang).toBe("json");
    const jd = JSON.parse(definition?.text ?? "") as { containerProperties: { command: string[] } };
    const command = jd.containerProperties.command.join(" ");
    expect(shardCount(command)).toBe(Number(/--array-properties size=(\d+)/.exec(submit?.text ?? "")?.[1]));
    expect(command).toContain("shard-$AWS_BATCH_JOB_ARRAY_INDEX.json");
    expect(submit?.text).toContain("campaign merge shards/shard-*.json");
  });

  test("the Kubernetes pod's command, run as written for index 5 of 24, writes shard 6's result file", () => {
    const [job] = docBlocks(PAGE, "Kubernetes Indexed Job");
    const manifest = parse(job?.text ?? "") as { spec: { template: { spec: { containers: { args: string[] }[] } } } };
    const app = mkdtempSync(join(tmpdir(), "k8s-app-"));
    mkdirSync(join(app, "cdktf.out", "stacks", "aurora-postgres"), { recursive: true });
    writeFileSync(join(app, "cdktf.out", "stacks", "aurora-postgres", "cdk.tf.json"), synthExample("aurora-postgres"));
    const results = join(app, "results");
    mkdirSync(results);
    // Only what differs in a test: a campaign of 48 runs (2 per shard), the binary, the results folder.
    const command = (manifest.spec.template.spec.containers[0]?.args[0] ?? "")
      .replace("--total 1000000", "--total 48 --scenario az-outage --scenario writer-crash --profile fast")
      .replace("npx cdktf-resilience", `${JSON.stringify(process.execPath)} ${JSON.stringify(cliBin())}`)
      .replaceAll("/results/", `${results}/`);
    const r = spawnSync("sh", ["-c", command], {
      cwd: app,
      encoding: "utf8",
      env: { ...process.env, JOB_COMPLETION_INDEX: "5", AWS_BATCH_JOB_ARRAY_INDEX: "", CDKTF_RESILIENCE_SHARD_INDEX: "" },
    });
    expect([r.status, r.stderr]).toEqual([0, ""]);
    expect(r.stdout.split("\n")[0]).toBe("Ran 2 runs in the calling thread, shard 6 of 24.");
    const result = JSON.parse(readFileSync(join(results, "shard-5.json"), "utf8")) as { shard: unknown; runs: { unit: number }[] };
    expect(result.shard).toEqual({ index: 6, count: 24 });
    expect(result.runs.map((x) => x.unit)).toEqual([5, 29]);
  }, 120_000);
});
