import { type Checker, safety } from "../checker";
import type { StorageOracle } from "./storage-oracle";

/** storage-I3-clone-fidelity: every restore or clone holds exactly what its source held at the point it reports, by the oracle's record of the client's writes. */
export function restoreEqualsSource(oracle: StorageOracle): Checker {
  return safety("storage-I3-clone-fidelity", () => {
    oracle.checkNewRestores();
    return oracle.firstMismatch;
  });
}
