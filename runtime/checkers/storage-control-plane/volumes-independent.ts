import { type Checker, safety } from "../checker";
import type { StorageOracle } from "./storage-oracle";

/** storage-I5-independence: a write to one volume never shows in another (its source, its clones). */
export function volumesIndependent(oracle: StorageOracle): Checker {
  return safety("storage-I5-independence", () => oracle.checkIndependence());
}
