/**
 * The worst seed run again with its failovers recorded (trace off): both engines' advice reads the
 * database's failover row from it, so the replay behind every piece of advice is the same run.
 */
import { unitRun } from "../campaign/run-unit";
import type { FailoverRow } from "../contract/emulation-result";
import { emulate } from "../emulation/emulate";
import type { AdviceInput } from "./advice";

export function worstSeedFailover(a: AdviceInput): FailoverRow | undefined {
  const { result } = emulate({
    topology: a.topology,
    ...unitRun(a.worstUnit),
    trace: { enabled: false },
    ...(a.inputLimits ? { inputLimits: a.inputLimits } : {}),
  });
  return result.failovers.find((f) => f.resource === a.db.address && f.rto);
}
