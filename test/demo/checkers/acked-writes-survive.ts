import type { Checker } from "../../../runtime/sim";

interface TermVersion {
  readonly term: number;
  readonly version: number;
}

/**
 * Leader completeness: a leader elected in term T holds every version acknowledged in a term ≤ T.
 * (A leader of an older term may finish its election late without having it; it can never commit.)
 * Fed by the client's `acked` and the replicas' `elected` events.
 */
export function ackedWritesSurvive(): Checker {
  const acks: TermVersion[] = [];
  return {
    id: "acked-writes-survive",
    onEvent(e) {
      if (e.kind === "acked") acks.push(e.data as TermVersion);
      if (e.kind !== "elected") return undefined;
      const { term, version } = e.data as TermVersion;
      const required = acks.reduce((max, a) => (a.term <= term && a.version > max ? a.version : max), 0);
      return version < required
        ? `${e.subject} elected in term ${term} with version ${version}, but version ${required} was acknowledged`
        : undefined;
    },
  };
}
