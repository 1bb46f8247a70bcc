import type { ScenarioDefinition } from "../../runtime/scenarios/registry";

/** A scenario named `hold` that only waits until `untilMs` of virtual time: the test schedules the faults itself. */
export function holdScenario(untilMs: number): ScenarioDefinition {
  return {
    name: "hold",
    description: "nothing but time: the test schedules the faults",
    build: (ctx) => ({
      description: `until ${untilMs} ms`,
      emptyTargetResolution: "skip",
      targets: [],
      actions: [
        {
          name: "hold",
          actionId: "aws:fis:wait",
          startAfter: [],
          parameters: { duration: `PT${Math.floor((untilMs - ctx.startAtMs) / 1000)}S` },
          targets: {},
        },
      ],
    }),
  };
}
