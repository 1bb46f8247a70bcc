// The emulation's composition root: each system's component, the default registry, and emulate

export { cloudWorld } from "./database-component";
export { registerBuiltIns } from "./default-registry";
export { emulate } from "./emulate";
