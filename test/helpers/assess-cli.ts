/** Running `assess --json` on a plan file and reading its rows, shared by the assess tests. */
import type { Assessment, DisruptionAssessment } from "../../runtime/assess/assessment";
import { type PlanDoc, runCli, variantOf } from "./run-cli";

/** `assess <plan> --seeds <seeds> --parallel 1 --json …more`, with the parsed assessment when it printed one. */
export async function assessJson(plan: string, seeds: string, ...more: string[]) {
  const r = await runCli("assess", plan, "--seeds", seeds, "--parallel", "1", "--json", ...more);
  return { ...r, a: r.stdout ? (JSON.parse(r.stdout) as Assessment) : undefined };
}

/** The first policy's first database's row for one disruption type; throws when it is missing. */
export function disruption(a: Assessment | undefined, type: string): DisruptionAssessment {
  const d = a?.policies[0]?.databases[0]?.disruptions.find((x) => x.type === type);
  if (!d) throw new Error(`no ${type} row`);
  return d;
}

/** A copy of `plan` with every resiliency policy's zone RTO set to `rto`, and one more change. */
export function withAzTarget(plan: string, rto: string, change: (doc: PlanDoc) => void = () => {}): string {
  return variantOf(plan, (doc) => {
    for (const p of Object.values(doc.resource.aws_resiliencehub_resiliency_policy) as PlanDoc[]) p.policy[0].az[0].rto = rto;
    change(doc);
  });
}
