import type { DatabasePair } from "../../database/database-pair";
import type { StepFootprint } from "../../sim/step-footprint";

const NONE: readonly DatabasePair[] = Object.freeze([]);

/**
 * The pairs a checker judges after an event: those the event may have changed (its footprint),
 * plus, for a verdict that turns with time alone ("differs for longer than T_sync"), those whose
 * due time has passed. Every other pair is as it was when last judged, and so is its verdict: this
 * is what keeps an event's cost to what it touched instead of every database of the run.
 */
export class PairsToJudge {
  private readonly index = new Map<object, number>();
  private readonly single: (readonly DatabasePair[])[];
  /** Per pair (by index): when its verdict may turn without the pair changing; Infinity: never. */
  private readonly due: number[];
  /**
   * At most the earliest of `due`: lowered at once, raised only when time passes it (then by one
   * scan), so a due time that moves on with every acknowledgement costs nothing per event.
   */
  private nextDue = Number.POSITIVE_INFINITY;
  private lastScope: object | undefined;
  private lastPicked: readonly DatabasePair[] = NONE;

  constructor(private readonly pairs: readonly DatabasePair[]) {
    for (const [i, p] of pairs.entries()) this.index.set(p.scope, i);
    this.single = pairs.map((p) => [p]);
    this.due = pairs.map(() => Number.POSITIVE_INFINITY);
  }

  /**
   * The pairs to judge, in the order given: every pair when `changed` is absent or says anything
   * may have changed; else the pairs of its scopes, and those whose due time is before `nowMs`.
   */
  select(changed: StepFootprint | undefined, nowMs = Number.NEGATIVE_INFINITY): readonly DatabasePair[] {
    if (changed === undefined || changed.everything) return this.pairs;
    const late = nowMs > this.nextDue;
    const scopes = changed.scopes;
    if (!late) {
      if (scopes.length === 0) return NONE;
      if (scopes.length === 1) {
        // Consecutive events mostly come from the same few pairs: remember the last answer.
        const scope = scopes[0] as object;
        if (scope !== this.lastScope) {
          const i = this.index.get(scope);
          this.lastScope = scope;
          this.lastPicked = i === undefined ? NONE : (this.single[i] as readonly DatabasePair[]);
        }
        return this.lastPicked;
      }
    }
    const picked = new Set<number>();
    for (const s of scopes) {
      const i = this.index.get(s);
      if (i !== undefined) picked.add(i);
    }
    if (late) {
      let next = Number.POSITIVE_INFINITY;
      for (const [i, d] of this.due.entries()) {
        if (nowMs > d) picked.add(i);
        if (d < next) next = d;
      }
      this.nextDue = next;
    }
    return [...picked].sort((a, b) => a - b).map((i) => this.pairs[i] as DatabasePair);
  }

  /** `p`'s verdict may turn at `atMs` (strictly after it) with nothing else changing; Infinity: it may not. */
  dueAfter(p: DatabasePair, atMs: number): void {
    const i = this.index.get(p.scope);
    if (i === undefined) return;
    this.due[i] = atMs;
    if (atMs < this.nextDue) this.nextDue = atMs;
  }
}
