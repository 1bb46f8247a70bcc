import type { PolicyCheck } from "../outcome";
import { requireSet } from "./attribute-checks";

/** RES-ELASTICACHE-FINAL-SNAPSHOT: `final_snapshot_identifier` is set, so deleting the group keeps its data. */
export const elasticacheFinalSnapshot: PolicyCheck = (r) => requireSet(r, "final_snapshot_identifier");
