import { isScenarioError } from "../../runtime/scenarios/scenario-error";

/** The message of the ScenarioError `run` throws; fails the test when it throws nothing or something else. */
export function scenarioErrorOf(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    if (isScenarioError(e)) return e.message;
    throw e;
  }
  throw new Error("expected a ScenarioError");
}
