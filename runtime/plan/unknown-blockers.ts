/**
 * A run judges the databases the plan describes; when a value their model depends on is not
 * fixed by the plan (a `count` from a variable without default, an instance class known after
 * apply, a zone from a data source), the verdict would rest on a guess. `emulate`, `drill`,
 * `replay` and `campaign` refuse such a plan (exit 2), naming each value, why it is unknown,
 * and what to pass instead; `inspect` shows the same list and still prints the topology.
 */
import { planIncomplete } from "./plan-error";
import type { Topology, UnknownValue } from "./topology";

/** Throws a PlanError listing the unknown values the plan's databases depend on; returns when there are none. */
export function assertJudgeable(topology: Topology): void {
  if ((topology.unknowns ?? []).length === 0) return;
  throw planIncomplete(
    topology.source,
    topology.unknowns.map((u) => ({ path: `${u.address}.${u.attribute}`, message: u.why.join("; "), expected: expectedFor(u) })),
    topology.format ?? "terraform-json",
  );
}

function expectedFor(u: UnknownValue): string {
  if (u.attribute === "count" || u.attribute === "for_each")
    return "a count or for_each the plan fixes, so the loader knows how many instances there are";
  if (u.attribute === "primary cluster") return "a plan that says which member is the primary";
  return "a value the plan fixes";
}
