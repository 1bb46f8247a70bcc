/**
 * A processing application on the simulator, ready to take jobs: the engine, the simulated host,
 * the fault-free shadow the checkers compare results and latency with, and the invariant checkers
 * registered on the simulation. Used by the scenario tests and by the emulate component.
 */

import { type ApplicationConfig, ProcessingApplication } from "../../processes/application";
import { FaultFreeShadow } from "../../processes/shadow";
import { SimHost, type SimHostOptions } from "../../processes/sim-host";
import type { Simulation } from "../../sim/simulation";
import { ProcessCheckers } from "./index";

export interface SimApplication {
  readonly app: ProcessingApplication;
  readonly host: SimHost;
  readonly checks: ProcessCheckers;
  /** Absent with `shadow: false`. */
  readonly shadow?: FaultFreeShadow;
  /** Loses the host with its zone (`app.loseHost()`), telling the checkers first. */
  loseHost(): void;
}

export interface SimRigOptions extends Omit<SimHostOptions, "onWrite" | "onRead" | "witness"> {
  /** Run the fault-free shadow for `crash-containment/results-match-fault-free`/`crash-containment/untouched-groups-on-time` (it doubles the processes' events). @default true */
  readonly shadow?: boolean;
  /** Register the checkers on the simulation; false when the caller combines several rigs' checkers. @default true */
  readonly register?: boolean;
}

export function simApplication(sim: Simulation, config: ApplicationConfig, options: SimRigOptions = {}): SimApplication {
  const { shadow: withShadow = true, register = true, ...hostOptions } = options;
  const app = new ProcessingApplication(sim.env, config);
  const checks = new ProcessCheckers(app);
  const host = new SimHost(app, { ...hostOptions, onWrite: checks.onWrite, onRead: checks.onRead, witness: checks.witness });
  const timing = {
    ...(hostOptions.stepMs !== undefined ? { stepMs: hostOptions.stepMs } : {}),
    ...(hostOptions.allocWaitMs !== undefined ? { allocWaitMs: hostOptions.allocWaitMs } : {}),
  };
  const shadow = withShadow ? new FaultFreeShadow(app, timing) : undefined;
  if (shadow) checks.attachShadow(shadow, host);
  if (register) checks.register(sim);
  app.start(host);
  const loseHost = () => {
    checks.hostLost();
    app.loseHost();
  };
  return { app, host, checks, loseHost, ...(shadow ? { shadow } : {}) };
}
