/**
 * The fault-free shadow of a simulated processing application, for the result and latency
 * invariants as per-step checkers: a second application with the same config on the same virtual
 * clock, with its own shared memory, no faults and no trace. Every job the real application accepts
 * goes to the shadow on the same group in the same turn, so shadow job n is real job n run without
 * faults; the checkers compare the two as the jobs settle. Its random stream is the same fork by
 * name, which derives from the seed and the name alone, so building it shifts no other draw.
 */
import type { Env, Trace } from "../sim/ports";
import { type JobTicket, ProcessingApplication } from "./application";
import { SimHost, type SimHostOptions } from "./sim-host";

const SILENT: Trace = {
  enabled: false,
  record: () => undefined,
  scoped: () => SILENT,
};

export class FaultFreeShadow {
  readonly app: ProcessingApplication;
  readonly host: SimHost;
  /** The shadow's ticket for each real job id. */
  readonly tickets = new Map<number, JobTicket>();

  constructor(real: ProcessingApplication, options: Pick<SimHostOptions, "stepMs" | "allocWaitMs"> = {}) {
    const env = real.env;
    // the same world minus the trace: the shadow's events are no part of the run's record
    const quiet: Env = {
      mode: env.mode,
      clock: env.clock,
      random: env.random,
      timers: env.timers,
      trace: SILENT,
      buggify: env.buggify,
      sometimes: env.sometimes,
      spawn: (name, spec) => env.spawn(name, spec),
      actor: (name) => env.actor(name),
      retire: (name) => env.retire(name),
    };
    const { mutants: _planted, ...config } = real.config;
    this.app = new ProcessingApplication(quiet, config);
    this.host = new SimHost(this.app, options);
    this.app.start(this.host);
    real.onSubmit((t) => this.tickets.set(t.id, this.app.submit(t.spec, { group: t.group })));
  }
}
