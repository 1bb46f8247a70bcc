// Invariant checkers, coverage of rare paths, typed failures
export * from "./checkers";
// Plans: load a synthesized cdk.tf.json into a topology
export * from "./plan";
// The real-world ports (wall clock, Node timers, files with fsync) behind the same interfaces
export * from "./real";
// The deterministic simulation kernel and the ports every runtime component uses
export * from "./sim";
