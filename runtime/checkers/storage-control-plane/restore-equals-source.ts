import type { Checker } from "../../sim/checker";
import { type Invariant, safetyOf } from "../invariant";
import type { StorageOracle } from "./storage-oracle";

/** Every restore or clone holds exactly what its source held at the point it reports. */
export const invariant: Invariant = {
  id: "storage/restore-equals-source",
  description: "Every restore or clone holds exactly what its source held at the point it reports.",
};

/**
 * Every restore or clone holds exactly what its source held at the point it reports, by the
 * oracle's record of the client's writes.
 */
export function restoreEqualsSource(oracle: StorageOracle): Checker {
  return safetyOf(invariant, () => {
    oracle.checkNewRestores();
    return oracle.firstMismatch;
  });
}
