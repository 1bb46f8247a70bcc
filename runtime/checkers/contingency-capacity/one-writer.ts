import type { CopyRecords } from "../../capacity/head-volume";
import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";

/** At most one head node acknowledges writes, and a deposed head node's writes are refused. */
export const invariant: Invariant = {
  id: "contingency/one-writer",
  description: "At most one head node acknowledges writes, and a deposed head node's writes are refused.",
};

/** A service's head volume as its storage copies hold it: runs of records by zone, in LSN order. */
export interface VolumeView {
  readonly service: string;
  copies(): ReadonlyMap<string, readonly CopyRecords[]>;
}

/**
 * At most one head node acknowledges writes — acknowledgements come only at the volume's current
 * epoch, and a head node of an older epoch that wakes up has its writes refused. Fed by the
 * `attach`, `acked` and `stale-write` lines, and judged from the storage itself: on every copy the
 * records' epochs never go down along the log, so no deposed head's write landed after a newer
 * head's (whatever the manager says about it).
 */
export function singleWriter(volumes: () => readonly VolumeView[] = () => []): Checker {
  const epochs = new Map<string, number>();
  return {
    ...invariant,
    onEvent(e) {
      if (e.kind !== "contingency") return undefined;
      const d = e.data as { what: string; service: string; epoch?: number; accepted?: boolean };
      if (d.what === "attach" && d.epoch !== undefined) epochs.set(d.service, d.epoch);
      if (d.what === "acked" && d.epoch !== undefined && d.epoch !== epochs.get(d.service))
        return `${d.service}: writes acknowledged at epoch ${d.epoch} while the volume is at epoch ${epochs.get(d.service)}`;
      if (d.what === "stale-write" && d.accepted) return `${d.service}: a deposed head node's write was accepted (${e.detail})`;
      return undefined;
    },
    afterEvent() {
      for (const v of volumes())
        for (const [zone, runs] of v.copies())
          for (let k = 1; k < runs.length; k++) {
            const a = runs[k - 1] as CopyRecords;
            const b = runs[k] as CopyRecords;
            if (b.epoch < a.epoch)
              return `${v.service}: the copy in ${zone} holds LSN ${b.fromLsn}–${b.toLsn} from ${b.head} at epoch ${b.epoch} after LSN ${a.fromLsn}–${a.toLsn} from ${a.head} at epoch ${a.epoch}: a deposed head's writes landed`;
          }
      return undefined;
    },
  };
}
