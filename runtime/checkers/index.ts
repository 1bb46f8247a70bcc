// Invariants of the mock cloud itself
export * from "./cloud";
// Seed 000's invariants over the database pairs (I1–I16)
export * from "./database";
