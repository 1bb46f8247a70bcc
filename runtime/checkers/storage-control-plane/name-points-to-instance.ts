import type { Checker } from "../../sim/checker";
import type { StorageControlPlane } from "../../storage/control/control-plane";
import { type Invariant, safetyOf } from "../invariant";

/** An available instance's name resolves to its current instance. */
export const invariant: Invariant = {
  id: "storage/name-points-to-instance",
  description: "An available instance's name resolves to its current instance.",
};

/**
 * An AVAILABLE instance's name resolves to its current instance id.
 */
export function namePointsToInstance(cp: StorageControlPlane): Checker {
  return safetyOf(invariant, () => {
    for (const inst of cp.admin.instances.values())
      if (inst.state === "AVAILABLE" && cp.dns.get(inst.name) !== inst.instanceId)
        return `${inst.name} is AVAILABLE as ${inst.instanceId} but its name points to ${cp.dns.get(inst.name)}`;
    return undefined;
  });
}
