import { type RunReport, Simulation, type SimulationOptions, swarmOptions } from "../../runtime/sim";
import { ackedWritesSurvive } from "./checkers/acked-writes-survive";
import { oneLeaderPerTerm } from "./checkers/one-leader-per-term";
import { writesResume } from "./checkers/writes-resume";
import { REGISTER_DEFAULTS, type RegisterOptions, spawnRegister } from "./replicated-register";

export const REGISTER_PHASES = { faultPhaseMs: 20_000, quietPhaseMs: 10_000 };

/** One swarm run of the replicated register with its three checkers. */
export function registerSimulation(
  seed: number,
  register: Partial<RegisterOptions> = {},
  extra: Omit<SimulationOptions, "seed"> = {},
): Simulation {
  const sim = new Simulation(
    swarmOptions(seed, {
      scenario: register.plantedBug ? "register-ack-before-majority" : "register",
      replayCommand: (s, scenario) => `npx vitest run test/replicated-register.test.ts  # seed ${s}, scenario ${scenario}`,
      ...extra,
    }),
  );
  sim.checkers.add(ackedWritesSurvive()).add(oneLeaderPerTerm()).add(writesResume());
  const { client } = spawnRegister(sim.env, { ...REGISTER_DEFAULTS, ...register });
  sim.chaos.exempt(client);
  return sim;
}

export function runRegister(seed: number, register: Partial<RegisterOptions> = {}, extra: Omit<SimulationOptions, "seed"> = {}): RunReport {
  return registerSimulation(seed, register, extra).run(REGISTER_PHASES);
}
