// Running an emulation: plan + scenario + seed → the `emulate --json` document

// Registering scenarios and components (how later subsystems join a run)
// The vocabulary: FIS actions, targets, experiments, durations

export { EmulationRegistry } from "./registry";
// Scenario files and bad-input errors
