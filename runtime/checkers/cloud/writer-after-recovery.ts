import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";

/** A read-only view of the database clusters (the mock cloud's RDS). */
export interface WriterView {
  /** Every cluster with at least one instance, with its writer if one can take writes now. */
  clusters(): readonly { readonly id: string; readonly writer: string | undefined }[];
}

/** After the quiet phase every database cluster has a writer that takes writes. */
export const invariant: Invariant = {
  id: "cloud/writer-after-recovery",
  description: "After the quiet phase every database cluster has a writer that takes writes.",
};

/**
 * Liveness: once faults stop and the quiet phase ran, every cluster has a writer that takes writes.
 */
export function writerAfterRecovery(view: WriterView): Checker {
  return {
    ...invariant,
    atEnd() {
      const missing = view
        .clusters()
        .filter((c) => c.writer === undefined)
        .map((c) => c.id);
      return missing.length ? `pending: no available writer in ${missing.join(", ")}` : undefined;
    },
  };
}
