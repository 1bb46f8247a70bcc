/**
 * A processing application on the simulator, ready to take jobs: the engine, the simulated host
 * and the invariant checkers registered on the simulation. Used by the scenario tests and by the
 * emulate component.
 */
import type { Simulation } from "../sim/simulation";
import { type ApplicationConfig, ProcessingApplication } from "./application";
import { ProcessCheckers } from "./checkers";
import { SimHost, type SimHostOptions } from "./sim-host";

export interface SimApplication {
  readonly app: ProcessingApplication;
  readonly host: SimHost;
  readonly checks: ProcessCheckers;
}

export function simApplication(sim: Simulation, config: ApplicationConfig, options: SimHostOptions = {}): SimApplication {
  const app = new ProcessingApplication(sim.env, config);
  const checks = new ProcessCheckers(app);
  const host = new SimHost(app, { ...options, onWrite: checks.onWrite });
  checks.register(sim);
  app.start(host);
  return { app, host, checks };
}
