import type { DatabasePair } from "../../database/database-pair";
import type { Checker } from "../../sim/checker";

/** Requests sent while PAIRED above which the supporting cluster must have run some. */
export const SHARING_LOAD_THRESHOLD = 100;

/** I14 Sharing happens: under load while PAIRED, the supporting cluster runs more than 0 % of requests. */
export function sharingHappens(pairs: readonly DatabasePair[]): Checker {
  return {
    id: "db-I14-sharing",
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
