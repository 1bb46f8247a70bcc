import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { MatcherState } from "vitest";
import { assess } from "../../runtime/assess/assess";
import { loadPlan } from "../../runtime/plan/load-plan";
import { receivedPlan } from "./received-plan";

export interface ResiliencePolicyMatcherOptions {
  /** Seeds per disruption scenario. @default 10 */
  readonly seeds?: number;
  /** Fail when a target cannot be assessed, as `assess --strict` does. @default false */
  readonly strict?: boolean;
}

/**
 * `expect(stack).toMeetResiliencePolicy({ seeds })`: runs `assess` on the synthesized plan in the
 * test's own thread and passes when every assessed target was met in every seed (with `strict`,
 * when every target was also assessed). The message lists each breach with its worst seed's
 * replay command, and each target that could not be assessed.
 */
export async function toMeetResiliencePolicy(
  this: MatcherState,
  received: unknown,
  options: ResiliencePolicyMatcherOptions = {},
): Promise<{ pass: boolean; message: () => string }> {
  const dir = mkdtempSync(join(tmpdir(), "cdktf-resilience-assess-"));
  let keep = false;
  try {
    const plan = join(dir, "cdk.tf.json");
    writeFileSync(plan, JSON.stringify(receivedPlan(received)));
    const a = await assess({ plan, topology: loadPlan(plan), seeds: options.seeds ?? 10, parallel: 1 });
    const lines: string[] = [];
    for (const p of a.policies)
      for (const db of p.databases)
        for (const d of db.disruptions) {
          if (d.verdict === "breached")
            lines.push(
              `- ${db.database} ${d.type}: RTO max ${d.rto?.maxMs ?? "never"} ms (target ${d.rto?.target}), RPO max ${d.rpo?.maxMs} ms (target ${d.rpo?.target}) — replay: ${d.worst?.replay}`,
            );
          else if (d.verdict === "not-assessed") lines.push(`- ${db.database} ${d.type}: not assessed: ${d.reason}`);
        }
    for (const f of a.failures) lines.push(`- invariant failed: ${f.message} — replay: ${f.replay}`);
    if (a.policies.length === 0) lines.push("- the plan holds no aws_resiliencehub_resiliency_policy");
    const pass = a.verdict === "met" || (!options.strict && a.verdict === "met-where-assessed");
    // A failure's replay commands name the plan file: it stays for them.
    keep = !pass;
    return {
      pass,
      message: () =>
        pass
          ? `expected the plan not to meet its resiliency policy, but every assessed target was met over ${a.seeds} seeds`
          : `expected the plan to meet its resiliency policy over ${a.seeds} seeds (${a.verdict}):\n${lines.join("\n")}`,
    };
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}
