import type { Checker } from "../../sim/checker";
import { type Invariant, safetyOf } from "../invariant";
import type { StorageOracle } from "./storage-oracle";

/** A write to one volume never shows in another, neither its source nor its clones. */
export const invariant: Invariant = {
  id: "storage/volumes-independent",
  description: "A write to one volume never shows in another, neither its source nor its clones.",
};

/**
 * A write to one volume never shows in another (its source, its clones).
 */
export function volumesIndependent(oracle: StorageOracle): Checker {
  return safetyOf(invariant, () => oracle.checkIndependence());
}
