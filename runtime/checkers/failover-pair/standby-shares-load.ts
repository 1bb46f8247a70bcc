import type { DatabasePair } from "../../database/database-pair";
import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";

/** Requests sent while PAIRED above which the supporting cluster must have run some. */
export const SHARING_LOAD_THRESHOLD = 100;

/** Under load while paired, the standby runs some of the requests. */
export const invariant: Invariant = {
  id: "failover-pair/standby-shares-load",
  description: "Under load while paired, the standby runs some of the requests.",
};

/**
 * Under load while PAIRED, the supporting cluster runs more than 0 % of requests.
 */
export function sharingHappens(pairs: readonly DatabasePair[]): Checker {
  return {
    ...invariant,
    atEnd() {
      for (const p of pairs) {
        const k = p.workload.counts;
        if (k.pairedInvoked >= SHARING_LOAD_THRESHOLD && k.pairedRemote === 0)
          return `${p.spec.database}: ${k.pairedInvoked} requests while PAIRED, none ran on the supporting cluster`;
      }
      return undefined;
    },
  };
}
