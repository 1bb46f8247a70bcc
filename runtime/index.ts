// Plans: load a synthesized cdk.tf.json into a topology
export * from "./plan";

// The deterministic simulation kernel and the ports every runtime component uses
export * from "./sim";

// Invariant checkers, coverage of rare paths, typed failures
export * from "./checkers";

// The real-world ports (wall clock, Node timers, files with fsync) behind the same interfaces
export * from "./real";
