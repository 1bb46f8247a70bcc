// The mock region, built by hand or from a plan's topology

// The provider interface (the seam for an AWS SDK adapter), its results and AWS-shaped data

export type * as Ec2 from "./api/ec2-types";
export type * as AwsMisc from "./api/misc-types";
export type * as Rds from "./api/rds-types";
// Binding simulated actors to cloud resources, so cloud faults reach them
// Services, for subsystems that extend the mock (database, capacity, storage, cache)

export { cloudFromTopology } from "./from-topology";

export { MockCloud } from "./mock-cloud";

// Timing profiles: every duration the cloud waits, as data
export {
  FAST_PROFILE,
  REALISTIC_PROFILE,
  type TimingProfile,
} from "./timing-profile";
