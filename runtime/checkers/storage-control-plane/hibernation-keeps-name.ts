import type { Checker } from "../../sim/checker";
import type { StorageControlPlane } from "../../storage/control/control-plane";
import { type Invariant, safetyOf } from "../invariant";

/** A hibernated instance refuses connections, keeps its name and is not billed for compute, and resumes on a new instance. */
export const invariant: Invariant = {
  id: "storage/hibernation-keeps-name",
  description: "A hibernated instance refuses connections, keeps its name and is not billed for compute, and resumes on a new instance.",
};

/**
 * While hibernated, an instance refuses connections, keeps its name and is not billed for compute;
 * it resumes on a new instance id.
 */
export function hibernationRefusesAndKeepsName(cp: StorageControlPlane): Checker {
  const asleep = new Map<string, { readonly instanceId: string; readonly computeMs: number }>();
  return safetyOf(invariant, () => {
    for (const inst of cp.admin.instances.values()) {
      const was = asleep.get(inst.name);
      if (inst.state === "HIBERNATED") {
        if (!was) asleep.set(inst.name, { instanceId: inst.instanceId, computeMs: inst.computeMs });
        if (cp.read(inst.name, 0) !== "refused") return `${inst.name} is hibernated but accepts connections`;
        if (!cp.dns.has(inst.name)) return `${inst.name} is hibernated but lost its DNS name`;
        // Read-only: a hibernated instance must neither have been billed compute nor be accruing it.
        if (inst.computeMs !== (was?.computeMs ?? inst.computeMs))
          return `${inst.name} is hibernated but compute billing grew from ${was?.computeMs} to ${inst.computeMs} ms`;
      } else if (was && inst.state === "AVAILABLE") {
        asleep.delete(inst.name);
        if (inst.instanceId === was.instanceId) return `${inst.name} resumed on its old instance id ${inst.instanceId}`;
      }
    }
    return undefined;
  });
}
