import type { JobTicket } from "../../processes/application";
import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";

/** A processing host as this invariant sees it: the jobs that must complete, and those its loss must abort. */
export interface PlacedHost {
  readonly address: string;
  readonly state: string;
  readonly mustComplete: readonly JobTicket[];
  readonly mustAbort: readonly JobTicket[];
}

/** When a zone is lost, jobs on processing hosts elsewhere (or relocated) complete, and jobs on a lost host end as host-lost. */
export const invariant: Invariant = {
  id: "crash-containment/groups-survive-zone-loss",
  description: "When a zone is lost, jobs on processing hosts elsewhere (or relocated) complete, and jobs on a lost host end as host-lost.",
  reach: { scenarios: ["az-outage"], when: "the plan holds processing nodes" },
};

/**
 * When a zone is lost, every job on a processing host elsewhere (or on one relocated out of the
 * zone) completes with the right result, and every job on a lost host ends `host-lost` rather than
 * silently succeeding or hanging.
 */
export function groupsPlacedAfterZoneLoss(hosts: () => readonly PlacedHost[], az: string | undefined, want: number): Checker {
  return {
    ...invariant,
    atEnd: () => {
      for (const h of hosts()) {
        const bad = h.mustComplete.find((t) => !t.outcome?.ok || t.outcome.result.sum !== want);
        if (bad) return `host ${h.address} (${h.state}) job ${bad.id} on ${bad.group}: ${describe(bad, want)}`;
        const kept = h.mustAbort.find((t) => t.outcome?.ok !== false || t.outcome.error.reason !== "host-lost");
        if (kept) return `host ${h.address} was lost with zone ${az}, but its job ${kept.id} ${describe(kept, want)}`;
      }
      return undefined;
    },
  };
}

function describe(t: JobTicket, want: number): string {
  if (!t.outcome) return "never settled";
  return t.outcome.ok ? `returned ${t.outcome.result.sum} (expected ${want})` : t.outcome.error.message;
}
