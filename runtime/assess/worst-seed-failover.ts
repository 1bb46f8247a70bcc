/**
 * The worst seed run again with its failovers recorded (trace off): both engines' advice reads the
 * database's failover row from it, so the replay behind every piece of advice is the same run.
 */
import type { FailoverRow } from "../contract/emulation-result";
import { emulate } from "../emulation/emulate";
import type { AdviceInput } from "./advice";

export function worstSeedFailover(a: AdviceInput): FailoverRow | undefined {
  const { result } = emulate({
    topology: a.topology,
    scenario: a.worstUnit.scenario,
    seed: a.worstUnit.seed,
    profile: a.worstUnit.profile,
    trace: { enabled: false },
    ...(a.worstUnit.az ? { az: a.worstUnit.az } : {}),
    ...(a.worstUnit.database ? { database: a.worstUnit.database } : {}),
    ...(a.worstUnit.buggify ? { buggify: true } : {}),
    ...(a.inputLimits ? { inputLimits: a.inputLimits } : {}),
  });
  return result.failovers.find((f) => f.resource === a.db.address && f.rto);
}
