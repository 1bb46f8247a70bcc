/**
 * What the events since the last after-event check may have changed, so a checker over many
 * independent subsystems (one database pair each) judges only the ones an event touched instead of
 * all of them after every event, which made a run's cost grow with the square of its databases.
 *
 * An event scheduled with a scope (`TimerOptions.scope`) changes only its scope's state. Any other
 * event (a fault, a scenario step, a message), and any code run outside the event loop (setup, the
 * quiet phase's healing, a test between two runs), may change anything: `everything` is then true.
 */
export interface StepFootprint {
  /** True when anything may have changed: judge every subsystem. */
  readonly everything: boolean;
  /** When `everything` is false: the scopes of the events since the last check (usually one). */
  readonly scopes: readonly object[];
}

/** The kernel's footprint: filled as events run, emptied after each check. */
export class Footprint implements StepFootprint {
  everything = true;
  readonly scopes: object[] = [];

  /** An event of `scope` (null: unscoped) is about to run. */
  enter(scope: object | null): void {
    if (scope === null) this.everything = true;
    else if (!this.everything) this.scopes.push(scope);
  }

  /** The checkers have judged what changed. */
  clear(): void {
    this.everything = false;
    this.scopes.length = 0;
  }
}
