// Seed 004: the survivable buffer cache (layout, engine, recovery, simulation rig, real-mode supervisor)
export * from "./cache";
// Seed 001: contingency capacity (designated, leased out as spot, revoked on failover)
export * from "./capacity";
// Invariant checkers, coverage of rare paths, typed failures
export * from "./checkers";
// The mock AWS cloud the runtime runs against in simulation, and its provider interface
export * from "./cloud";
// Seed 000: coordinating and supporting clusters, their control plane, workload and failover report
export * from "./database";
export * from "./emulation";
// Plans: load a synthesized cdk.tf.json into a topology
export * from "./plan";
// Seed 002: processing groups in shared memory, crash containment, group recovery (sim and worker threads)
export * from "./processes";
// The real-world ports (wall clock, Node timers, files with fsync) behind the same interfaces
export * from "./real";
// Scenarios: the FIS vocabulary, named scenarios, and emulation runs
export * from "./scenarios";
// The deterministic simulation kernel and the ports every runtime component uses
export * from "./sim";
// Seed 003: volumes, incremental snapshots, copy-on-write clones, point-in-time restore, hibernation, control plane
export * from "./storage";
