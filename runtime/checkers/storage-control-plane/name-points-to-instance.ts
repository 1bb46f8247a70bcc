import type { StorageControlPlane } from "../../storage/control/control-plane";
import { type Checker, safety } from "../checker";

/** storage-I15-dns: an AVAILABLE instance's name resolves to its current instance id. */
export function namePointsToInstance(cp: StorageControlPlane): Checker {
  return safety("storage-I15-dns", () => {
    for (const inst of cp.admin.instances.values())
      if (inst.state === "AVAILABLE" && cp.dns.get(inst.name) !== inst.instanceId)
        return `${inst.name} is AVAILABLE as ${inst.instanceId} but its name points to ${cp.dns.get(inst.name)}`;
    return undefined;
  });
}
