// Real-world implementations of the ports: wall clock, Node timers, files with fsync
export { RealClock } from "./real-clock";
export { RealDisk } from "./real-disk";
// The Env a subsystem runs in outside the simulator
export { createRealEnv, type RealEnv, type RealEnvOptions } from "./real-env";
export { RealTimers } from "./real-timers";
